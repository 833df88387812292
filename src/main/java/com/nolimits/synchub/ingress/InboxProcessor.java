package com.nolimits.synchub.ingress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Called by routes/inbound-product-change.camel.yaml: merges each handed-off event as it comes, and drains
 * what the hand-off missed (overdue pending events, and ones a crashed instance left in processing),
 * oldest first. One transaction per event. A body that cannot be mapped fails for good (kept with its
 * reason); anything else is retried a few times before it fails.
 */
@Component
public class InboxProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);

    private final InboxStore inbox;
    private final InboundEventHandler handler;
    private final int batchSize;
    private final int leaseSeconds;
    private final int maxAttempts;
    private final long handOffGraceMillis;

    public InboxProcessor(InboxStore inbox, InboundEventHandler handler,
                          @Value("${sync.webhooks.batch-size:50}") int batchSize,
                          @Value("${sync.webhooks.lease-seconds:60}") int leaseSeconds,
                          @Value("${sync.webhooks.max-attempts:5}") int maxAttempts,
                          @Value("${sync.webhooks.hand-off-grace-ms:3000}") long handOffGraceMillis) {
        this.inbox = inbox;
        this.handler = handler;
        this.batchSize = batchSize;
        this.leaseSeconds = leaseSeconds;
        this.maxAttempts = maxAttempts;
        this.handOffGraceMillis = handOffGraceMillis;
    }

    /** Merges the stored event the hand-off names, unless another instance or the poll took it already. */
    public void processHandedOff(long inboxId) {
        inbox.claim(inboxId, leaseSeconds).ifPresent(this::process);
    }

    /** @return how many overdue events were processed */
    public int drain() {
        int total = 0;
        List<InboxStore.InboxEvent> batch;
        do {
            batch = inbox.claimOverdue(batchSize, leaseSeconds, handOffGraceMillis);
            for (InboxStore.InboxEvent event : batch) {
                process(event);
            }
            total += batch.size();
        } while (batch.size() == batchSize);
        return total;
    }

    private void process(InboxStore.InboxEvent event) {
        try {
            handler.handle(event);
        } catch (UnmappableEventException e) {
            log.warn("Webhook {} ({} on {}) cannot be applied: {}", event.id(), event.topic(), event.channelId(), e.getMessage());
            inbox.finish(event.id(), "failed", e.getMessage());
        } catch (RuntimeException e) {
            if (event.attempts() >= maxAttempts) {
                log.error("Webhook {} failed after {} attempts", event.id(), event.attempts(), e);
                inbox.finish(event.id(), "failed", e.getClass().getSimpleName() + ": " + e.getMessage());
            } else {
                log.warn("Webhook {} will be retried: {}", event.id(), e.getMessage());
                inbox.release(event.id(), e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
