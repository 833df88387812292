package com.nolimits.synchub.outbound;

import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.Job;
import com.nolimits.synchub.store.LinkStore;
import com.nolimits.synchub.store.Product;

import java.util.Optional;
import java.util.Set;

/**
 * One push being made: the job, the channel, the product as it is now (a push always sends the current
 * state) and its link on the channel, if it has one. Kept as the exchange property {@link ExchangeKeys#PUSH}.
 *
 * @param changed the fields whose change queued the job (stock is sent only when it is among them)
 * @param startedNanos when the attempt started (System.nanoTime), for the push duration metric
 */
public record Push(Job job, Channel channel, Product product, Optional<LinkStore.Link> link,
                   Set<ProductField> changed, long startedNanos) {

    public static final String PROPERTY = ExchangeKeys.PUSH;
    /** The pushes of one batch call (List&lt;Push&gt;), for platforms that take many products per call. */
    public static final String BATCH_PROPERTY = ExchangeKeys.PUSH_BATCH;

    /** The product is not on the channel yet (or its link was deleted there): create it. */
    public boolean creates() {
        return link.isEmpty() || link.get().deletedAt() != null || link.get().externalId() == null;
    }
}
