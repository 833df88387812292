package com.nolimits.synchub.ingress;

import com.nolimits.synchub.merge.ProductField;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a platform's webhook says, in the hub's terms: mapped by the platform's payload mapper. */
public sealed interface InboundEvent {

    /**
     * A product created or changed on the platform: one item per sellable unit (a Shopify variant, a
     * WooCommerce simple product or variation), each a partial product keyed by its platform id.
     *
     * @param parentId the platform's product id (Shopify product, WooCommerce parent or the product itself)
     * @param created  the platform reported a creation
     */
    record ProductChanged(String parentId, List<Item> items, boolean created, Instant sourceTime) implements InboundEvent {
    }

    /**
     * @param platformData what the platform needs to address the item again (kept in the link)
     * @param unreadable   fields whose values the hub cannot take, with why: left out of {@code fields}
     */
    record Item(String externalId, String inventoryItemId, Map<ProductField, Object> fields,
                Map<String, Object> platformData, Map<ProductField, String> unreadable) {

        public Item(String externalId, String inventoryItemId, ItemFields read, Map<String, Object> platformData) {
            this(externalId, inventoryItemId, read.values(), platformData, read.unreadable());
        }
    }

    /** The platform deleted a product (and so every item under it). */
    record ProductDeleted(String parentId) implements InboundEvent {
    }

    /** A stock figure reported by a shop (never accepted, but recorded and corrected downward). */
    record StockReported(String inventoryItemId, String locationId, int available, Instant sourceTime) implements InboundEvent {
    }

    /** Nothing for the hub in it, e.g. a WooCommerce variable product's parent. */
    record Ignored(String reason) implements InboundEvent {
    }
}
