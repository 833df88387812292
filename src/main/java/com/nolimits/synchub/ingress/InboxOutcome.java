package com.nolimits.synchub.ingress;

import com.nolimits.synchub.channel.SyncProperties;
import com.nolimits.synchub.sync.SyncMdc;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends the processing of a stored event, as {@code outbound/JobOutcome} ends a push: done or skipped (with
 * why) as the merge's last step, in its transaction; or, from the shared error handling after the merge
 * rolled back (routes/inbound-error-handling.camel.yaml), failed for good when the body cannot be mapped
 * (kept with its reason), given back for another attempt after a transient failure, and failed after
 * sync.webhooks.max-attempts.
 */
@Component("inboxOutcome")
public class InboxOutcome {

    private static final Logger log = LoggerFactory.getLogger(InboxOutcome.class);

    private final InboxStore inbox;
    private final int maxAttempts;

    public InboxOutcome(InboxStore inbox, SyncProperties properties) {
        this.inbox = inbox;
        this.maxAttempts = properties.getWebhooks().getMaxAttempts();
    }

    /** The merge's last step: done, or skipped with the tally's reason. */
    public void done(Exchange exchange) {
        try (SyncMdc ignored = SyncMdc.current()) {
            String note = InboundExchange.tally(exchange).note();
            inbox.finish(InboundExchange.event(exchange).id(), note == null ? "done" : "skipped", note);
        }
    }

    /** The body is not what its topic promises, or its channel is gone: no attempt will do better. */
    public void unmappable(Exchange exchange) {
        try (SyncMdc ignored = SyncMdc.current()) {
            InboxStore.InboxEvent event = InboundExchange.event(exchange);
            Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            log.warn("Webhook {} ({} on {}) cannot be applied: {}", event.id(), event.topic(), event.channelId(), error.getMessage());
            inbox.finish(event.id(), "failed", error.getMessage());
        }
    }

    /** Another attempt later (the event goes back to pending), or failed after the last one. */
    public void failed(Exchange exchange) {
        try (SyncMdc ignored = SyncMdc.current()) {
            Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            InboxStore.InboxEvent event = InboundExchange.event(exchange);
            if (event == null) { // the claim itself failed: nothing was leased, the next poll tries again
                log.warn("Claiming webhook events failed: {}", error.getMessage());
                return;
            }
            String reason = error.getClass().getSimpleName() + ": " + error.getMessage();
            if (event.attempts() >= maxAttempts) {
                log.error("Webhook {} failed after {} attempts", event.id(), event.attempts(), error);
                inbox.finish(event.id(), "failed", reason);
            } else {
                log.warn("Webhook {} will be retried: {}", event.id(), error.getMessage());
                inbox.release(event.id(), reason);
            }
        }
    }
}
