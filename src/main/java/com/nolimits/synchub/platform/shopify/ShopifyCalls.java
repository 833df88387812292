package com.nolimits.synchub.platform.shopify;

import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.merge.ProductField;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * The Admin API calls one Shopify push still has to make, and what their answers taught it. Kept as
 * the exchange property {@link ExchangeKeys#SHOPIFY_CALLS}; routes/push-shopify.camel.yaml loops while {@link #hasNext()}.
 */
public final class ShopifyCalls {

    public static final String PROPERTY = ExchangeKeys.SHOPIFY_CALLS;

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
        /** the quantity at the channel's location is unknown, or moved (CHANGE_FROM_QUANTITY_STALE): read it */
        READ_STOCK
    }

    private final Deque<Call> pending = new ArrayDeque<>();
    Call current;
    /** The product's ids in the shop (numeric, as webhooks carry them): from the link, or from the create. */
    String productId;
    String variantId;
    String inventoryItemId;
    /** The stock at the channel's location as the hub last saw it (changeFromQuantity); null when never seen. */
    Integer lastSeenQuantity;
    /** The values the planned calls will give the shop, as its webhooks will show them. */
    final Map<ProductField, Object> planned = new EnumMap<>(ProductField.class);
    /** The part of them the shop has taken so far. */
    final Map<ProductField, Object> pushed = new EnumMap<>(ProductField.class);
    /** The push record of the call in flight (echo detection before its answer is in). */
    Long recordId;
    /** The newest version (updatedAt) the shop gave back. */
    Instant version;
    int staleAnswers;

    ShopifyCalls add(Call call) {
        pending.add(call);
        return this;
    }

    boolean plans(Call call) {
        return pending.contains(call);
    }

    /** The shop took the planned values of these fields. */
    void taken(java.util.Set<ProductField> fields) {
        planned.forEach((field, value) -> {
            if (fields.contains(field)) {
                pushed.put(field, value);
            }
        });
    }

    /** What the shop will hold once the current call, which sends these fields, went through. */
    Map<ProductField, Object> afterCurrent(java.util.Set<ProductField> sent) {
        Map<ProductField, Object> after = new EnumMap<>(pushed);
        planned.forEach((field, value) -> {
            if (sent.contains(field)) {
                after.put(field, value);
            }
        });
        return after;
    }

    public boolean hasNext() {
        return !pending.isEmpty();
    }

    Call next() {
        current = pending.poll();
        return current;
    }

    void seen(Instant at) {
        if (at != null && (version == null || at.isAfter(version))) {
            version = at;
        }
    }
}
