package com.nolimits.synchub.api;

import com.nolimits.synchub.ingress.InboxStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stored webhooks whose merge failed for good (a body that cannot be mapped, an error that outlasted its
 * attempts): listed with their errors, and replayed once the cause is fixed.
 */
@RestController
@RequestMapping(path = "/api/integrations/product-sync/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
public class FailedWebhooksController {

    private static final int LIST_LIMIT = 500;

    private final InboxStore inbox;
    private final ClientScope scope;

    public FailedWebhooksController(InboxStore inbox, ClientScope scope) {
        this.inbox = inbox;
        this.scope = scope;
    }

    /** The client's failed webhook events, newest first (at most 500). */
    @GetMapping("/failed")
    public ResponseEntity<Map<String, Object>> failed(@RequestParam String clientId) {
        scope.client(clientId);
        List<InboxStore.FailedEvent> events = inbox.failed(clientId, LIST_LIMIT);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("clientId", clientId);
        data.put("count", events.size());
        data.put("events", events);
        return ApiResponses.ok(data);
    }

    /** Merges a failed event again, with fresh attempts. */
    @PostMapping("/{id}/replay")
    public ResponseEntity<Map<String, Object>> replay(@PathVariable String id) {
        long eventId = ProductRequests.wholeNumber(id, "the webhook event id");
        String clientId = inbox.clientOf(eventId).orElseGet(() -> {
            scope.requireOperator(); // a client's key is told 403 alike for another client's event and for none
            throw notFound(eventId);
        });
        scope.requireAccess(clientId);
        if (!inbox.replay(eventId)) {
            throw new ApiException(HttpStatus.CONFLICT, "webhook event " + eventId + " has not failed: only failed events are replayed");
        }
        return ApiResponses.status(HttpStatus.ACCEPTED, Map.of("id", eventId, "status", "pending"));
    }

    /**
     * Replays a client's failed events at once: all, or one group of the failed list, the events of one
     * channel that failed with the same words ({"clientId": ..., "channelId": ..., "error": ...}).
     */
    @PostMapping("/replay-failed")
    public ResponseEntity<Map<String, Object>> replayGroup(@RequestBody Map<String, Object> body) {
        ProductRequests.onlyKeys(body, Set.of("clientId", "channelId", "error"));
        String clientId = ProductRequests.requiredText(body, "clientId");
        scope.client(clientId);
        String channelId = ProductRequests.optionalText(body, "channelId");
        if (channelId != null) {
            scope.channelOfClient(clientId, channelId);
        }
        int replayed = inbox.replayFailed(clientId, channelId, ProductRequests.optionalText(body, "error"));
        return ApiResponses.status(HttpStatus.ACCEPTED, Map.of("replayed", replayed));
    }

    private static ApiException notFound(long id) {
        return new ApiException(HttpStatus.NOT_FOUND, "no webhook event " + id);
    }
}
