package com.nolimits.synchub.ingress;

import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.sync.SyncMdc;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** The first and the plainest steps of the merge of a stored event (routes/inbound-product-change.camel.yaml). */
@Component("inboundEvents")
public class InboundEvents {

    private final ClientDirectory directory;

    public InboundEvents(ClientDirectory directory) {
        this.directory = directory;
    }

    /**
     * Opens the merge of the claimed event: its channel (an event of a channel no longer configured cannot be
     * applied), a fresh tally, the logging context; the body becomes the payload and the topic a header, for
     * the platform's payload mapper.
     */
    public void open(Exchange exchange) {
        InboxStore.InboxEvent event = InboundExchange.event(exchange);
        Channel channel = directory.channel(event.channelId()).orElseThrow(() ->
                new UnmappableEventException("channel " + event.channelId() + " is no longer configured"));
        SyncMdc.of(null, channel.id(), channel.platform().origin().name());
        exchange.setProperty(ExchangeKeys.CHANNEL, channel);
        exchange.setProperty(ExchangeKeys.INBOUND_TALLY, new InboundTally());
        exchange.getIn().setHeader(ExchangeKeys.PLATFORM, channel.platform().name());
        exchange.getIn().setHeader(ExchangeKeys.TOPIC, event.topic());
        exchange.getIn().setBody(event.payload());
    }

    /** Nothing for the hub in the event (e.g. a WooCommerce variable product's parent): skipped, with why. */
    public void ignored(InboundEvent.Ignored ignored, Exchange exchange) {
        InboundExchange.tally(exchange).skipped(ignored.reason());
    }
}
