package com.nolimits.synchub.ingress;

import com.nolimits.synchub.channel.SyncProperties;
import com.nolimits.synchub.camel.ExchangeKeys;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The claiming steps of routes/inbound-product-change.camel.yaml: an event is leased (status processing,
 * attempts counted) before its merge, so that one instance merges it, and one that crashed mid-merge
 * leaves it to be taken over after the lease.
 */
@Component("inboxClaims")
public class InboxClaims {

    /** Set by {@link #claimOverdue}: whether the batch was full, so more overdue events may be waiting. */
    static final String MORE_OVERDUE = ExchangeKeys.MORE_OVERDUE;

    private final InboxStore inbox;
    private final int batchSize;
    private final int leaseSeconds;
    private final long handOffGraceMillis;

    public InboxClaims(InboxStore inbox, SyncProperties properties) {
        this.inbox = inbox;
        this.batchSize = properties.getWebhooks().getBatchSize();
        this.leaseSeconds = (int) properties.getWebhooks().getLease().toSeconds();
        this.handOffGraceMillis = properties.getWebhooks().getHandOffGrace().toMillis();
    }

    /** The handed-off event, or null when another instance or the safety-net poll took it already. */
    public InboxStore.InboxEvent claim(long inboxId) {
        return inbox.claim(inboxId, leaseSeconds).orElse(null);
    }

    /**
     * Overdue events, oldest first: pending ones the hand-off missed (older than sync.webhooks.hand-off-grace),
     * and ones a crashed instance left in processing after their lease.
     */
    public List<InboxStore.InboxEvent> claimOverdue(Exchange exchange) {
        List<InboxStore.InboxEvent> batch = inbox.claimOverdue(batchSize, leaseSeconds, handOffGraceMillis);
        exchange.setProperty(MORE_OVERDUE, batch.size() == batchSize);
        return batch;
    }
}
