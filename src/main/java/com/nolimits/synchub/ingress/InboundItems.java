package com.nolimits.synchub.ingress;

import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.merge.Change;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.outbound.ChangeFanOut;
import com.nolimits.synchub.store.LinkStore;
import com.nolimits.synchub.store.ProductStore;
import com.nolimits.synchub.store.SyncLogStore;
import com.nolimits.synchub.sync.ProductSyncService;
import com.nolimits.synchub.sync.SyncMdc;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The steps of the merge of a product a channel reported (routes/inbound-product-change.camel.yaml,
 * product-changed-on-channel), one item (Shopify variant, WooCommerce product or variation) at a time: find
 * the hub product by the link or the sku, create it or merge the fields the channel changed, skip echoes
 * and reports that changed nothing, keep the link and what the channel reported.
 */
@Component("inboundItems")
public class InboundItems {

    private static final Logger log = LoggerFactory.getLogger(InboundItems.class);

    private final ProductSyncService sync;
    private final ProductStore products;
    private final LinkStore links;
    private final ChangedFields changedFields;
    private final SyncLogStore logs;
    private final MeterRegistry meters;

    public InboundItems(ProductSyncService sync, ProductStore products, LinkStore links, ChangedFields changedFields,
                        SyncLogStore logs, MeterRegistry meters) {
        this.sync = sync;
        this.products = products;
        this.links = links;
        this.changedFields = changedFields;
        this.logs = logs;
        this.meters = meters;
    }

    /** The items to split, one per sellable unit; the event is kept for the steps of each item. */
    public List<InboundEvent.Item> items(InboundEvent.ProductChanged changed, Exchange exchange) {
        exchange.setProperty(ExchangeKeys.PRODUCT_CHANGED, changed);
        exchange.setProperty(ExchangeKeys.SOURCE_TIME, changed.sourceTime());
        InboundExchange.tally(exchange).reportsItems();
        return changed.items();
    }

    /** The hub product of the item: linked on the channel, else known by its sku (new on this channel); absent when new. */
    public void find(InboundEvent.Item item, Exchange exchange) {
        Channel channel = InboundExchange.channel(exchange);
        exchange.setProperty(ExchangeKeys.ITEM, item);
        InboundExchange.tally(exchange).item();
        Optional<UUID> productId = links.productIdOf(channel.id(), item.externalId());
        Object sku = item.fields().get(ProductField.SKU);
        if (productId.isEmpty() && sku != null) {
            productId = products.findIdBySku(channel.clientId(), sku.toString());
        }
        exchange.getIn().setHeader(ExchangeKeys.PRODUCT_ID, productId.orElse(null));
        productId.ifPresent(id -> SyncMdc.of(id, channel.id(), channel.platform().origin().name()));
    }

    /** A product new to the hub: created with the item's fields; the body becomes the pushes to fan out. */
    public ChangeFanOut.Pushes create(Exchange exchange) {
        Channel channel = InboundExchange.channel(exchange);
        InboundEvent.Item item = InboundExchange.item(exchange);
        ProductSyncService.Outcome outcome = sync.mergeNew(channel.clientId(),
                change(exchange, item.fields(), Change.Kind.CREATE), InboundExchange.event(exchange).eventId());
        exchange.getIn().setHeader(ExchangeKeys.PRODUCT_ID, outcome.product().id());
        return outcome.pushes();
    }

    /**
     * The fields the channel changed (of an item, or a stock report), merged into the hub product; the body
     * becomes the pushes to fan out.
     */
    public ChangeFanOut.Pushes update(Exchange exchange) {
        return sync.merge(InboundExchange.productId(exchange),
                change(exchange, InboundExchange.judgement(exchange).changed(), Change.Kind.UPDATE),
                InboundExchange.event(exchange).eventId()).pushes();
    }

    /** An echo of the hub's own push: counted, logged and written to the product's sync log, not applied. */
    public void skipEcho(Exchange exchange) {
        Channel channel = InboundExchange.channel(exchange);
        UUID id = InboundExchange.productId(exchange);
        InboundExchange.tally(exchange).echo();
        count(channel, "echo");
        log.info("{} (product {}, channel {}, event {})", InboundTally.ECHO, id, channel.id(), InboundExchange.event(exchange).id());
        logs.append(List.of(SyncLogStore.Entry.of(id, channel.clientId(), "echo", channel.platform().origin()).from(channel.id())
                .fields(InboundExchange.item(exchange).fields().keySet().stream().map(ProductField::key).toList())
                .note(InboundTally.ECHO)));
    }

    /** A report in which no field counts as changed (ChangedFields): counted, not applied. */
    public void skipUnchanged(Exchange exchange) {
        Channel channel = InboundExchange.channel(exchange);
        InboundExchange.tally(exchange).unchanged();
        count(channel, "unchanged");
        log.debug("{} (product {}, channel {}, event {})", InboundTally.UNCHANGED, InboundExchange.productId(exchange),
                channel.id(), InboundExchange.event(exchange).id());
    }

    /**
     * Keeps the link (how the platform addresses the item) and logs the values the hub could not take; then
     * remembers what the channel reported, unless the report was an echo: an echo is skipped whole, and may
     * carry a merchant's edit whose own webhook is still coming.
     */
    public void keepLink(Exchange exchange) {
        Channel channel = InboundExchange.channel(exchange);
        InboundEvent.ProductChanged changed = InboundExchange.productChanged(exchange);
        InboundEvent.Item item = InboundExchange.item(exchange);
        UUID id = InboundExchange.productId(exchange);
        links.upsert(id, channel.id(), item.externalId(), changed.parentId(), item.inventoryItemId(), item.platformData());
        logUnreadable(channel, id, item.unreadable());
        ChangedFields.Judgement judgement = InboundExchange.judgement(exchange);
        if (judgement == null || !judgement.echo()) {
            changedFields.remember(id, channel.id(), item.fields(), changed.sourceTime());
        }
    }

    /** A value the hub cannot take is left out, and the log says which and why; the item's other fields were applied. */
    private void logUnreadable(Channel channel, UUID id, Map<ProductField, String> unreadable) {
        if (unreadable.isEmpty()) {
            return;
        }
        log.warn("Product {} on {}: not taken from the webhook: {}", id, channel.id(), unreadable.values());
        logs.append(unreadable.entrySet().stream().map(field -> SyncLogStore.Entry.of(id, channel.clientId(), "ignore",
                channel.platform().origin()).from(channel.id()).fields(List.of(field.getKey().key()))
                .failed("not taken: " + field.getValue())).toList());
    }

    /** sync.webhooks{outcome=echo|unchanged}, per product reported, next to the ingress counts of the routes' answers. */
    private void count(Channel channel, String outcome) {
        meters.counter("sync.webhooks", "platform", channel.platform().name().toLowerCase(), "outcome", outcome).increment();
    }

    private static Change change(Exchange exchange, Map<ProductField, Object> fields, Change.Kind kind) {
        Channel channel = InboundExchange.channel(exchange);
        return new Change(channel.platform().origin(), channel.id(), InboundExchange.sourceTime(exchange), kind, fields);
    }
}
