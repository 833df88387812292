package com.nolimits.synchub.ingress;

import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.LinkStore;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The first step of the merge of a shop's stock report (routes/inbound-product-change.camel.yaml,
 * stock-reported-by-channel). Shop stock is never accepted: the merge records it and corrects the shop
 * downward when needed, so the report is judged like an item: an echo of the hub's own stock push, or a
 * change of the field {@code available}.
 */
@Component("inboundStock")
public class InboundStock {

    private final LinkStore links;
    private final EchoFilter echoes;

    public InboundStock(LinkStore links, EchoFilter echoes) {
        this.links = links;
        this.echoes = echoes;
    }

    /** Finds the linked product (or skips the event: another location, an item the hub does not link) and judges the report. */
    public void judge(InboundEvent.StockReported stock, Exchange exchange) {
        Channel channel = InboundExchange.channel(exchange);
        InboundTally tally = InboundExchange.tally(exchange);
        String location = channel.settings().getLocationId();
        if (location != null && !location.isBlank() && !location.endsWith("/" + stock.locationId())
                && !location.equals(stock.locationId())) {
            tally.skipped("stock of another location (" + stock.locationId() + ")");
            return;
        }
        Optional<LinkStore.Link> link = links.byInventoryItem(channel.id(), stock.inventoryItemId());
        if (link.isEmpty()) {
            tally.skipped("no linked product for inventory item " + stock.inventoryItemId());
            return;
        }
        Map<ProductField, Object> fields = new EnumMap<>(ProductField.class);
        fields.put(ProductField.AVAILABLE, Math.max(0, stock.available()));
        UUID id = link.get().productId();
        links.putPlatformData(id, channel.id(), Map.of(LinkStore.LAST_SEEN_QUANTITY, stock.available()));
        tally.item();
        boolean echo = echoes.isEcho(id, channel.id(), fields, stock.sourceTime());
        exchange.getIn().setHeader(ExchangeKeys.PRODUCT_ID, id);
        exchange.setProperty(ExchangeKeys.SOURCE_TIME, stock.sourceTime());
        exchange.setProperty(ExchangeKeys.ITEM, new InboundEvent.Item(stock.inventoryItemId(), stock.inventoryItemId(),
                fields, Map.of(), Map.of()));
        new ChangedFields.Judgement(echo, echo ? Map.of() : fields).keep(exchange);
    }
}
