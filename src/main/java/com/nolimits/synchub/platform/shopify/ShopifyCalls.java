package com.nolimits.synchub.platform.shopify;

import com.nolimits.synchub.merge.ProductField;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * The Admin API calls one Shopify push still has to make, and what their answers taught it. Kept as
 * the exchange property "SyncShopifyCalls"; routes/push-shopify.yaml loops while {@link #hasNext()}.
 */
public final class ShopifyCalls {

    public static final String PROPERTY = "SyncShopifyCalls";

    /** One GraphQL call. */
    enum Call {
        /** productSet with the variant, its sku, barcode and stock: the product is new in the shop */
        CREATE,
        /** productSet with the product's own fields and no variants, so no sibling variant is touched */
        PRODUCT,
        /** productVariantsBulkUpdate of this one variant: price, compare-at price, taxable */
        VARIANT,
        /** inventorySetQuantities with changeFromQuantity = the quantity the hub last saw in the shop */
        STOCK,
        /** the shop's stock moved since the hub last looked (CHANGE_FROM_QUANTITY_STALE): read it */
        READ_STOCK
    }

    private final Deque<Call> pending = new ArrayDeque<>();
    Call current;
    /** The values the shop now holds because of this push, as its webhooks will show them. */
    final Map<ProductField, Object> pushed = new EnumMap<>(ProductField.class);
    /** The newest version (updatedAt) the shop gave back. */
    Instant version;
    int staleAnswers;

    ShopifyCalls add(Call call) {
        pending.add(call);
        return this;
    }

    public boolean hasNext() {
        return !pending.isEmpty();
    }

    Call next() {
        current = pending.poll();
        return current;
    }

    boolean isEmpty() {
        return pending.isEmpty() && current == null;
    }

    void seen(Instant at) {
        if (at != null && (version == null || at.isAfter(version))) {
            version = at;
        }
    }
}
