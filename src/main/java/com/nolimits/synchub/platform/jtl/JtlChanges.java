package com.nolimits.synchub.platform.jtl;

import com.fasterxml.jackson.databind.JsonNode;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.ingress.ChangedFields;
import com.nolimits.synchub.merge.Change;
import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.LinkStore;
import com.nolimits.synchub.store.ProductStore;
import com.nolimits.synchub.sync.ProductSyncService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies one chunk of a JTL-FFN update feed in one transaction, with origin JTL: stock changes
 * (per warehouse, in stockVersion order, so a re-read or late change is skipped; the hub's
 * available, reserved and announced are the sums over the warehouses) and product changes (ops
 * fields; a product the warehouse created is created in the hub; the echo of a push and the fields
 * the warehouse did not change are skipped).
 */
@Component
public class JtlChanges {

    private static final Logger log = LoggerFactory.getLogger(JtlChanges.class);
    static final List<String> LEVELS = List.of("stockLevel", "stockLevelReserved", "stockLevelAnnounced");

    private final ProductSyncService sync;
    private final ProductStore products;
    private final LinkStore links;
    private final ChangedFields changedFields;
    private final JtlProductMapper mapper;

    public JtlChanges(ProductSyncService sync, ProductStore products, LinkStore links,
                      ChangedFields changedFields, JtlProductMapper mapper) {
        this.sync = sync;
        this.products = products;
        this.links = links;
        this.changedFields = changedFields;
        this.mapper = mapper;
    }

    /** @return how many changes were applied (the rest were already known or concern no hub product) */
    @Transactional
    public int apply(JtlFeed feed, JsonNode changes) {
        int applied = 0;
        for (JsonNode change : changes) {
            boolean done = feed.kind == JtlFeed.Kind.STOCK ? stock(feed.channel, change) : product(feed.channel, change);
            applied += done ? 1 : 0;
        }
        return applied;
    }

    private boolean stock(Channel channel, JsonNode change) {
        JsonNode id = change.path("stockChangeId");
        String jfsku = id.path("jfsku").asText();
        Optional<UUID> productId = product(channel, jfsku, change.path("merchantSku").asText(null));
        if (productId.isEmpty()) {
            log.debug("JTL stock change of {} on {}: no hub product", jfsku, channel.id());
            return false;
        }
        UUID product = productId.get();
        products.lock(product);
        String warehouse = id.path("warehouseId").asText();
        long version = id.path("stockVersion").asLong();
        Map<String, Object> byWarehouse = new LinkedHashMap<>(products.warehouseStock(product));
        if (byWarehouse.get(warehouse) instanceof Map<?, ?> known && ((Number) known.get("stockVersion")).longValue() >= version) {
            return false; // already applied, or older than what we have
        }
        Map<String, Object> levels = new LinkedHashMap<>();
        LEVELS.forEach(level -> levels.put(level, change.path(level).decimalValue()));
        levels.put("stockVersion", version);
        byWarehouse.put(warehouse, levels);
        products.setWarehouseStock(product, byWarehouse);
        Map<ProductField, Object> fields = new EnumMap<>(ProductField.class);
        fields.put(ProductField.AVAILABLE, total(byWarehouse, "stockLevel"));
        fields.put(ProductField.RESERVED, total(byWarehouse, "stockLevelReserved"));
        fields.put(ProductField.ANNOUNCED, total(byWarehouse, "stockLevelAnnounced"));
        sync.update(product, new Change(Origin.JTL, channel.id(), time(change), Change.Kind.UPDATE, fields),
                "jtl-stock:" + warehouse + "/" + jfsku + "/" + version);
        return true;
    }

    private boolean product(Channel channel, JsonNode change) {
        JsonNode body = change.path("product");
        String jfsku = change.path("jfsku").asText(body.path("jfsku").asText());
        String sku = change.path("merchantSku").asText(body.path("merchantSku").asText(null));
        Optional<UUID> productId = product(channel, jfsku, sku);
        Instant at = time(change);
        String eventId = "jtl-product:" + jfsku + "@" + at;
        if (productId.isEmpty()) {
            if (sku == null) {
                return false;
            }
            UUID created = sync.create(channel.clientId(), new Change(Origin.JTL, channel.id(), at, Change.Kind.CREATE,
                    mapper.mapNew(body)), null, eventId).product().id();
            links.upsert(created, channel.id(), jfsku, jfsku, null, Map.of());
            return true;
        }
        UUID id = productId.get();
        Map<ProductField, Object> reported = mapper.map(body);
        ChangedFields.Judgement judged = changedFields.judge(id, channel.id(), reported, at);
        if (judged.echo()) {
            log.debug("Skipping echo from our own update (product {}, channel {}, JTL change at {})", id, channel.id(), at);
            return false;
        }
        Map<ProductField, Object> fields = judged.changed();
        changedFields.remember(id, channel.id(), reported, at);
        if (fields.isEmpty()) {
            log.debug("No field changed (product {}, channel {}, JTL change at {})", id, channel.id(), at);
            return false;
        }
        sync.update(id, new Change(Origin.JTL, channel.id(), at, Change.Kind.UPDATE, fields), eventId);
        return true;
    }

    /** The hub product of a jfsku: through the link, else by merchant sku (then linked). */
    private Optional<UUID> product(Channel channel, String jfsku, String merchantSku) {
        Optional<UUID> linked = links.productIdOf(channel.id(), jfsku);
        if (linked.isPresent() || merchantSku == null) {
            return linked;
        }
        Optional<UUID> bySku = products.findIdBySku(channel.clientId(), merchantSku);
        bySku.ifPresent(id -> links.upsert(id, channel.id(), jfsku, jfsku, null, Map.of()));
        return bySku;
    }

    private static int total(Map<String, Object> byWarehouse, String level) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Object levels : byWarehouse.values()) {
            Object quantity = ((Map<?, ?>) levels).get(level);
            sum = sum.add(quantity == null ? BigDecimal.ZERO : new BigDecimal(quantity.toString()));
        }
        return Math.max(0, sum.setScale(0, RoundingMode.FLOOR).intValueExact()); // a part unit is not sellable
    }

    private static Instant time(JsonNode change) {
        String at = change.path("timestamp").asText(null);
        return at == null ? Instant.now() : java.time.OffsetDateTime.parse(at).toInstant();
    }
}
