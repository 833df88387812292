package com.nolimits.synchub.monitoring;

import com.nolimits.synchub.store.ChannelConnectionStore;
import com.nolimits.synchub.store.SyncStateStore;
import com.nolimits.synchub.store.WebhookRegistrationStore;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /actuator/health} component "channels": per channel the last successful push, the last failed
 * one, the last webhook received and the failed attempts since the last success. A channel failing
 * sync.monitoring.channel-failures-warn times in a row is listed under "failing", and one whose
 * credentials the platform refused for good under "needsConnect", with the problem, and one whose webhook
 * subscriptions could not be made right at the last try under "webhookProblems"; the hub stays UP
 * (the other channels still sync, and the jobs are retried or wait).
 */
@Component("channels")
public class ChannelsHealth implements HealthIndicator {

    private final SyncStateStore state;
    private final ChannelConnectionStore connections;
    private final ChannelStates states;
    private final WebhookRegistrationStore registrations;

    public ChannelsHealth(SyncStateStore state, ChannelConnectionStore connections, ChannelStates states,
                          WebhookRegistrationStore registrations) {
        this.state = state;
        this.connections = connections;
        this.states = states;
        this.registrations = registrations;
    }

    @Override
    public Health health() {
        List<SyncStateStore.ChannelState> channels = state.channelStates();
        Health.Builder health = Health.up();
        for (SyncStateStore.ChannelState channel : channels) {
            health.withDetail(channel.channelId(), view(channel));
        }
        List<String> failing = channels.stream().filter(c -> states.failing(c.consecutiveFailures()))
                .map(SyncStateStore.ChannelState::channelId).toList();
        if (!failing.isEmpty()) {
            health.withDetail("failing", failing);
        }
        Map<String, Object> needsConnect = new LinkedHashMap<>();
        connections.needingConnect().forEach(c -> needsConnect.put(c.channelId(), Map.of("problem", c.problem(), "since", c.since())));
        if (!needsConnect.isEmpty()) {
            health.withDetail("needsConnect", needsConnect);
        }
        Map<String, Object> webhookProblems = new LinkedHashMap<>(registrations.problems());
        if (!webhookProblems.isEmpty()) {
            health.withDetail("webhookProblems", webhookProblems);
        }
        return health.build();
    }

    static Map<String, Object> view(SyncStateStore.ChannelState channel) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("lastSuccessfulPush", channel.lastSuccessfulPush());
        view.put("lastFailedPush", channel.lastFailedPush());
        view.put("lastWebhookReceived", channel.lastWebhook());
        view.put("consecutiveFailures", channel.consecutiveFailures());
        return view;
    }
}
