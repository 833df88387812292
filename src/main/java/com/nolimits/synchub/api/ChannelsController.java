package com.nolimits.synchub.api;

import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.monitoring.ChannelStates;
import com.nolimits.synchub.outbound.ChannelNeedsConnectException;
import com.nolimits.synchub.outbound.ProductLookups;
import com.nolimits.synchub.ingress.WebhookRegistration;
import com.nolimits.synchub.store.ChannelConnectionStore;
import com.nolimits.synchub.store.WebhookRegistrationStore;
import com.nolimits.synchub.store.SyncStateStore;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Each channel's production checklist: its state (connected, needs-connect, failing), the last check of
 * its credentials, its webhook registration (commerce channels), its last poll, push, failure and
 * webhook; and the credentials check itself, on demand.
 */
@RestController
@RequestMapping(path = "/api/integrations/product-sync/channels", produces = MediaType.APPLICATION_JSON_VALUE)
public class ChannelsController {

    /** A sku no product has: the cheap read of a credentials check (the platform answers it only to a valid key). */
    static final String CHECK_SKU = "product-sync-hub-credentials-check";

    private final ClientDirectory directory;
    private final ClientScope scope;
    private final ChannelConnectionStore connections;
    private final SyncStateStore state;
    private final ProductLookups lookups;
    private final ChannelStates states;
    private final WebhookRegistration webhooks;
    private final WebhookRegistrationStore registrations;

    public ChannelsController(ClientDirectory directory, ClientScope scope, ChannelConnectionStore connections,
                              SyncStateStore state, ProductLookups lookups, ChannelStates states,
                              WebhookRegistration webhooks, WebhookRegistrationStore registrations) {
        this.directory = directory;
        this.scope = scope;
        this.connections = connections;
        this.state = state;
        this.lookups = lookups;
        this.states = states;
        this.webhooks = webhooks;
        this.registrations = registrations;
    }

    @GetMapping
    public ResponseEntity<Map<String, Object>> ofClient(@RequestParam String clientId) {
        scope.client(clientId);
        Map<String, SyncStateStore.ChannelState> activity = activity();
        List<Map<String, Object>> channels = directory.channelsOf(clientId).stream().map(c -> view(c, activity)).toList();
        return ApiResponses.ok(Map.of("clientId", clientId, "channels", channels));
    }

    @GetMapping("/{channelId}")
    public ResponseEntity<Map<String, Object>> one(@PathVariable String channelId) {
        return ApiResponses.ok(view(channel(channelId), activity()));
    }

    /** Checks the channel's credentials with one read call to its platform, and answers the channel's status. */
    @PostMapping("/{channelId}/verify")
    public ResponseEntity<Map<String, Object>> verify(@PathVariable String channelId) {
        Channel channel = channel(channelId);
        String problem = check(channel);
        if (problem != null && !problem.startsWith("channel ")) {
            problem = check(channel); // once more: a refused access token is renewed by the first try (JTL-FFN)
        }
        connections.recordCheck(channel.id(), problem);
        return ApiResponses.ok(view(channel, activity()));
    }

    /** @return null when the platform answered the read, else what went wrong */
    private String check(Channel channel) {
        try {
            lookups.bySku(channel, CHECK_SKU);
            return null;
        } catch (ChannelNeedsConnectException | com.nolimits.synchub.outbound.PushFailedException e) {
            return e.getMessage();
        } catch (RuntimeException e) { // no answer at all: the address is wrong or the platform is down
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private Channel channel(String channelId) {
        return scope.channel(channelId);
    }

    private Map<String, SyncStateStore.ChannelState> activity() {
        Map<String, SyncStateStore.ChannelState> byChannel = new LinkedHashMap<>();
        state.channelStates().forEach(c -> byChannel.put(c.channelId(), c));
        return byChannel;
    }

    private Map<String, Object> view(Channel channel, Map<String, SyncStateStore.ChannelState> activity) {
        var needsConnect = connections.needsConnect(channel.id());
        SyncStateStore.ChannelState last = activity.get(channel.id());
        long failures = last == null ? 0 : last.consecutiveFailures();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("channelId", channel.id());
        view.put("clientId", channel.clientId());
        view.put("platform", channel.platform().name());
        view.put("state", states.of(needsConnect.isPresent(), failures));
        view.put("problem", needsConnect.map(ChannelConnectionStore.NeedsConnect::problem).orElse(null));
        var check = connections.lastCheck(channel.id());
        Map<String, Object> credentials = new LinkedHashMap<>();
        credentials.put("lastChecked", check.map(ChannelConnectionStore.CredentialsCheck::checkedAt).orElse(null));
        credentials.put("valid", check.map(c -> c.problem() == null).orElse(null));
        credentials.put("problem", check.map(ChannelConnectionStore.CredentialsCheck::problem).orElse(null));
        view.put("credentials", credentials);
        if (webhooks.hasWebhooks(channel)) {
            var registration = registrations.of(channel.id());
            Map<String, Object> hooks = new LinkedHashMap<>();
            hooks.put("registerAtStartUp", channel.settings().isRegisterWebhooks());
            hooks.put("lastRegistered", registration.map(WebhookRegistrationStore.Registration::registeredAt).orElse(null));
            hooks.put("lastChecked", registration.map(WebhookRegistrationStore.Registration::checkedAt).orElse(null));
            hooks.put("lastRestored", registration.map(WebhookRegistrationStore.Registration::restoredAt).orElse(null));
            hooks.put("problem", registration.map(WebhookRegistrationStore.Registration::problem).orElse(null));
            view.put("webhooks", hooks);
        }
        view.put("lastPoll", connections.lastPoll(channel.id()).orElse(null));
        view.put("lastSuccessfulPush", last == null ? null : last.lastSuccessfulPush());
        view.put("lastFailedPush", last == null ? null : last.lastFailedPush());
        view.put("lastWebhookReceived", last == null ? null : last.lastWebhook());
        view.put("consecutiveFailures", failures);
        return view;
    }
}
