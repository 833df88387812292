package com.nolimits.synchub.ingress;

import com.nolimits.synchub.channel.SyncProperties;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.channel.PublicUrl;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.reconcile.Reconciliation;
import com.nolimits.synchub.reconcile.Sweep;
import com.nolimits.synchub.store.WebhookRegistrationStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keeps a commerce channel's webhook subscriptions as the hub needs them: one per topic, to the hub's
 * address (sync.public-url), active. Idempotent: it lists first, creates what is missing, points a
 * subscription with a wrong address at the right one, sets a disabled one active, and deletes the hub's
 * own duplicates and stale topics. Subscriptions to other addresses (other apps) are left alone.
 * Called by the management API, at start-up for channels with register-webhooks, and by the hourly
 * check in routes/webhook-subscriptions.camel.yaml, whose restorations start a reconciliation sweep.
 */
@Component("webhookRegistration")
public class WebhookRegistration {

    private static final Logger log = LoggerFactory.getLogger(WebhookRegistration.class);

    /** What registration found or did for one topic: unchanged, created, updated, reactivated. */
    public record TopicState(String topic, String address, String status, String subscriptionId, String action) {
    }

    /** A registration's outcome; {@code restored} when it had to create, fix or re-activate anything. */
    public record Report(String channelId, List<TopicState> topics, List<WebhookSubscription> deleted) {
        public boolean changedAny() {
            return topics.stream().anyMatch(t -> !t.action().equals("unchanged"));
        }
    }

    /** Each wanted topic as the platform has it now (no change made). */
    public record TopicStatus(String topic, String address, boolean registered, String status, String subscriptionId) {
    }

    private final ClientDirectory directory;
    private final Map<Platform, SubscriptionsApi> apis;
    private final PublicUrl publicUrl;
    private final SubscriptionCalls calls;
    private final WebhookRegistrationStore store;
    private final Reconciliation reconciliation;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Instant firstCheckAt;

    public WebhookRegistration(ClientDirectory directory, List<SubscriptionsApi> apis, PublicUrl publicUrl, SubscriptionCalls calls,
                               WebhookRegistrationStore store, Reconciliation reconciliation, MeterRegistry meters, Clock clock,
                               SyncProperties properties) {
        this.directory = directory;
        this.apis = apis.stream().collect(Collectors.toMap(SubscriptionsApi::platform, Function.identity()));
        this.publicUrl = publicUrl;
        this.calls = calls;
        this.store = store;
        this.reconciliation = reconciliation;
        this.meters = meters;
        this.clock = clock;
        this.firstCheckAt = clock.instant().plus(properties.getWebhooks().getFirstCheckDelay());
    }

    public boolean hasWebhooks(Channel channel) {
        return apis.containsKey(channel.platform());
    }

    /** Makes the channel's subscriptions right; records the outcome. */
    public Report register(Channel channel) {
        boolean registeredBefore = store.managed().contains(channel.id());
        try {
            Report report = makeRight(channel);
            store.registered(channel.id(), registeredBefore && report.changedAny());
            return report;
        } catch (RuntimeException e) {
            store.failed(channel.id(), e.getMessage());
            throw e;
        }
    }

    /** The wanted topics as the platform has them now. */
    public List<TopicStatus> status(Channel channel) {
        SubscriptionsApi api = api(channel);
        List<WebhookSubscription> existing = calls.call(channel, e -> api.listRequest(e, channel), api::listed);
        List<TopicStatus> out = new ArrayList<>();
        api.topics().forEach((topic, path) -> {
            String address = publicUrl.of(path);
            WebhookSubscription found = existing.stream().filter(s -> s.topic().equals(topic) && address.equals(s.address()))
                    .findFirst().or(() -> existing.stream().filter(s -> s.topic().equals(topic) && s.hubs()).findFirst()).orElse(null);
            out.add(found == null ? new TopicStatus(topic, address, false, null, null)
                    : new TopicStatus(topic, found.address(), address.equals(found.address()), found.status(), found.id()));
        });
        return out;
    }

    // ---- the hourly check (routes/webhook-subscriptions.camel.yaml)

    /**
     * The channels whose webhooks the hub keeps: register-webhooks, or registered through the API once.
     * None before sync.webhooks.first-check-delay after start-up (Quartz fires a new trigger at once;
     * start-up registers by itself).
     */
    public List<Channel> channelsToCheck() {
        if (clock.instant().isBefore(firstCheckAt)) {
            return List.of();
        }
        Set<String> managed = store.managed();
        return directory.channels().stream().filter(c -> hasWebhooks(c) && c.settings().isEnabled()
                && (c.settings().isRegisterWebhooks() || managed.contains(c.id()))).toList();
    }

    /**
     * Makes one channel's subscriptions right again. A restoration is logged and counted
     * (sync_webhook_subscriptions_restored_total), and answered with a sweep of the channel: deliveries were
     * lost while a subscription was gone.
     *
     * @return the sweep to run, or null when nothing had to be restored (or the platform could not be asked)
     */
    public Sweep check(Channel channel) {
        Report report;
        try {
            report = register(channel);
        } catch (RuntimeException e) {
            log.warn("Webhook subscriptions of {} could not be checked: {}", channel.id(), e.getMessage());
            return null;
        }
        List<TopicState> restored = report.topics().stream().filter(t -> !t.action().equals("unchanged")).toList();
        if (restored.isEmpty()) {
            return null;
        }
        meters.counter("sync.webhook.subscriptions.restored", "channel", channel.id()).increment(restored.size());
        log.warn("Webhook subscriptions of {} restored ({}): sweeping the channel for changes made while they were missing",
                channel.id(), restored.stream().map(t -> t.topic() + " " + t.action()).collect(Collectors.joining(", ")));
        return reconciliation.sweepOf(channel);
    }

    /**
     * sync.clients.*.channels.*.register-webhooks: the channel's subscriptions are made right at start-up,
     * once Camel has started ({@link IngressConfiguration}).
     */
    public void registerAtStartUp() {
        for (Channel channel : directory.channels()) {
            if (hasWebhooks(channel) && channel.settings().isEnabled() && channel.settings().isRegisterWebhooks()) {
                try {
                    Report report = register(channel);
                    log.info("Webhook subscriptions of {}: {}", channel.id(), report.topics().stream()
                            .map(t -> t.topic() + " " + t.action()).collect(Collectors.joining(", ")));
                } catch (RuntimeException e) {
                    log.warn("Webhook subscriptions of {} could not be registered at start-up (the hourly check tries again): {}",
                            channel.id(), e.getMessage());
                }
            }
        }
    }

    // ---- the work

    private Report makeRight(Channel channel) {
        SubscriptionsApi api = api(channel);
        requireReachableAddress(channel);
        List<WebhookSubscription> existing = calls.call(channel, e -> api.listRequest(e, channel), api::listed);
        List<TopicState> topics = new ArrayList<>();
        Set<String> kept = new HashSet<>();
        api.topics().forEach((topic, path) -> {
            String address = publicUrl.of(path);
            List<WebhookSubscription> hubs = existing.stream().filter(s -> s.topic().equals(topic) && s.hubs()).toList();
            WebhookSubscription right = hubs.stream().filter(s -> address.equals(s.address())).findFirst().orElse(null);
            WebhookSubscription result;
            String action;
            if (right != null && right.active()) {
                result = right;
                action = "unchanged";
            } else if (right != null || !hubs.isEmpty()) {
                WebhookSubscription fixed = right != null ? right : hubs.get(0);
                result = calls.call(channel, e -> api.updateRequest(e, channel, fixed, address), api::saved);
                action = right != null ? "reactivated" : "updated";
            } else {
                result = calls.call(channel, e -> api.createRequest(e, channel, topic, address), api::saved);
                action = "created";
            }
            kept.add(result.id());
            topics.add(new TopicState(topic, result.address(), result.status(), result.id(), action));
        });
        List<WebhookSubscription> deleted = new ArrayList<>();
        for (WebhookSubscription stale : existing) {
            if (stale.hubs() && !kept.contains(stale.id())) {
                calls.call(channel, e -> api.deleteRequest(e, channel, stale), e -> {
                    api.deleted(e);
                    return stale;
                });
                deleted.add(stale);
            }
        }
        return new Report(channel.id(), topics, deleted);
    }

    /** Without sync.public-url the hub's address is 127.0.0.1: only a platform on this machine reaches it. */
    private void requireReachableAddress(Channel channel) {
        if (publicUrl.configured()) {
            return;
        }
        String host = URI.create(channel.settings().getBaseUrl()).getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
            throw new SubscriptionRefusedException("sync.public-url (SYNC_PUBLIC_URL) is not set: " + channel.platform()
                    + " at " + host + " cannot deliver to " + publicUrl.base() + "; set it to the hub's address as the platform reaches it");
        }
    }

    private SubscriptionsApi api(Channel channel) {
        SubscriptionsApi api = apis.get(channel.platform());
        if (api == null) {
            throw new SubscriptionRefusedException(channel.platform() + " has no webhooks: the hub polls it");
        }
        return api;
    }
}
