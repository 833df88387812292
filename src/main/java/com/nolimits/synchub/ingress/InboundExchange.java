package com.nolimits.synchub.ingress;

import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.channel.Channel;
import org.apache.camel.Exchange;

/**
 * What the steps of routes/inbound-product-change.camel.yaml hand on to each other, kept as exchange
 * properties (a step's body is its own: the mapped event, an item, the pushes of a merge).
 */
final class InboundExchange {

    private InboundExchange() {
    }

    static InboxStore.InboxEvent event(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.INBOX_EVENT, InboxStore.InboxEvent.class);
    }

    static Channel channel(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.CHANNEL, Channel.class);
    }

    static InboundTally tally(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.INBOUND_TALLY, InboundTally.class);
    }

    static InboundEvent.ProductChanged productChanged(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.PRODUCT_CHANGED, InboundEvent.ProductChanged.class);
    }

    static InboundEvent.Item item(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.ITEM, InboundEvent.Item.class);
    }

    static ChangedFields.Judgement judgement(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.JUDGEMENT, ChangedFields.Judgement.class);
    }

    static java.time.Instant sourceTime(Exchange exchange) {
        return exchange.getProperty(ExchangeKeys.SOURCE_TIME, java.time.Instant.class);
    }

    static java.util.UUID productId(Exchange exchange) {
        return exchange.getIn().getHeader(ExchangeKeys.PRODUCT_ID, java.util.UUID.class);
    }
}
