package com.nolimits.synchub.api;

import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.ingress.SubscriptionRefusedException;
import com.nolimits.synchub.ingress.WebhookRegistration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A commerce channel's webhook subscriptions: registered (idempotently) on POST, shown as the platform
 * has them on GET. Every answer comes from the platform itself, not from what the hub remembers.
 */
@RestController
@RequestMapping(path = "/api/integrations/product-sync/channels/{channelId}/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
public class WebhookSubscriptionsController {

    private final ClientScope scope;
    private final WebhookRegistration registration;

    public WebhookSubscriptionsController(ClientScope scope, WebhookRegistration registration) {
        this.scope = scope;
        this.registration = registration;
    }

    @PostMapping
    public ResponseEntity<Map<String, Object>> register(@PathVariable String channelId) {
        WebhookRegistration.Report report = registration.register(commerceChannel(channelId));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("channelId", channelId);
        data.put("topics", report.topics());
        data.put("deleted", report.deleted());
        return ApiResponses.ok(data);
    }

    @GetMapping
    public ResponseEntity<Map<String, Object>> show(@PathVariable String channelId) {
        Channel channel = commerceChannel(channelId);
        return ApiResponses.ok(Map.of("channelId", channelId, "topics", registration.status(channel)));
    }

    private Channel commerceChannel(String channelId) {
        Channel channel = scope.channel(channelId);
        if (!registration.hasWebhooks(channel)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "channel " + channelId + " is a " + channel.platform()
                    + " channel: it has no webhooks, the hub polls it");
        }
        return channel;
    }

    /** The platform refused or did not answer: its words, as a bad gateway. */
    @ExceptionHandler(SubscriptionRefusedException.class)
    ResponseEntity<ApiError> refused(SubscriptionRefusedException e) {
        return ApiResponses.error(HttpStatus.BAD_GATEWAY, e.getMessage());
    }
}
