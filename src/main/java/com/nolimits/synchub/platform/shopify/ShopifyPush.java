package com.nolimits.synchub.platform.shopify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.merge.ProductSnapshot;
import com.nolimits.synchub.outbound.ChannelRateLimiter;
import com.nolimits.synchub.outbound.Push;
import com.nolimits.synchub.platform.shopify.ShopifyCalls.Call;
import com.nolimits.synchub.store.PushRecordStore;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The call-building step of routes/push-shopify.camel.yaml: the next call {@link ShopifyPushPlan} planned, as
 * a GraphQL document (src/main/resources/graphql/shopify/) with its variables, its price in cost points
 * for the route's rate-limit step, and a push record made before it is sent. {@link ShopifyPushAnswers}
 * reads what it answered.
 */
@Component
public class ShopifyPush {

    /** Sandbox and real shops charge 10 points per mutation and a few for a single-product read. */
    private static final int MUTATION_COST = 10;
    private static final int READ_COST = 3;

    private static final String PRODUCT_SET = ShopifyDocuments.load("product-set");
    private static final String VARIANTS_UPDATE = ShopifyDocuments.load("variants-bulk-update");
    private static final String SET_QUANTITIES = ShopifyDocuments.load("inventory-set-quantities");
    /** The quantity at the channel's location: a variant's inventoryQuantity is the sum over all of the shop's locations. */
    private static final String READ_LEVEL = ShopifyDocuments.load("inventory-level");

    private final ObjectMapper json;
    private final PushRecordStore pushes;

    public ShopifyPush(ObjectMapper json, PushRecordStore pushes) {
        this.json = json;
        this.pushes = pushes;
    }

    /** Builds the next call and waits for the channel's cost bucket to hold its price. */
    public void nextCall(Exchange exchange) throws Exception {
        Push push = exchange.getProperty(Push.PROPERTY, Push.class);
        ShopifyCalls calls = exchange.getProperty(ShopifyCalls.PROPERTY, ShopifyCalls.class);
        ProductSnapshot p = push.product().snapshot();
        Map<String, Object> variables = new LinkedHashMap<>();
        String query;
        switch (calls.next()) {
            case CREATE -> {
                Map<String, Object> input = ShopifyInputs.productInput(p, true);
                input.put("productOptions", List.of(Map.of("name", "Title", "values", List.of(Map.of("name", "Default Title")))));
                Map<String, Object> variant = ShopifyInputs.variantInput(p);
                variant.put("optionValues", List.of(Map.of("optionName", "Title", "name", "Default Title")));
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("sku", p.value(ProductField.SKU));
                item.put("tracked", true);
                variant.put("inventoryItem", item);
                if (p.value(ProductField.GTIN) != null) {
                    variant.put("barcode", p.value(ProductField.GTIN));
                }
                variant.put("inventoryQuantities", List.of(Map.of("locationId", ShopifyInputs.location(push.channel()),
                        "name", "available", "quantity", p.value(ProductField.AVAILABLE))));
                input.put("variants", List.of(variant));
                variables.put("input", input);
                query = PRODUCT_SET;
            }
            case PRODUCT -> {
                Map<String, Object> input = ShopifyInputs.productInput(p, push.changed().stream().anyMatch(ShopifyPushPlan.IMAGE_FIELDS::contains));
                input.put("id", ShopifyInputs.gid("Product", calls.productId));
                if (!push.changed().contains(ProductField.COLLECTIONS)) {
                    input.remove("collections"); // a list field: replaced whole when given
                }
                variables.put("input", input);
                query = PRODUCT_SET;
            }
            case VARIANT -> {
                Map<String, Object> variant = ShopifyInputs.variantInput(p);
                variant.put("id", ShopifyInputs.gid("ProductVariant", calls.variantId));
                variables.put("productId", ShopifyInputs.gid("Product", calls.productId));
                variables.put("variants", List.of(variant));
                query = VARIANTS_UPDATE;
            }
            case STOCK -> {
                Map<String, Object> quantity = new LinkedHashMap<>();
                quantity.put("inventoryItemId", ShopifyInputs.gid("InventoryItem", calls.inventoryItemId));
                quantity.put("locationId", ShopifyInputs.location(push.channel()));
                quantity.put("quantity", p.value(ProductField.AVAILABLE));
                quantity.put("changeFromQuantity", calls.lastSeenQuantity); // null: never seen, opts out
                variables.put("input", Map.of("name", "available", "reason", "correction",
                        "referenceDocumentUri", "gid://nolimits-sync-hub/SyncJob/" + push.job().id(),
                        "quantities", List.of(quantity)));
                query = SET_QUANTITIES;
            }
            default -> {
                variables.put("id", ShopifyInputs.gid("InventoryItem", calls.inventoryItemId));
                variables.put("locationId", ShopifyInputs.location(push.channel()));
                query = READ_LEVEL;
            }
        }
        if (calls.current != Call.READ_STOCK) {
            // each call gets its own record before it is made: the shop's webhook after this call shows
            // what the earlier calls and this one sent, not yet what the later ones will send
            calls.recordId = pushes.begin(push.product().id(), push.channel().id(), calls.afterCurrent(sentBy(calls.current)));
        }
        // the route's next step waits for the channel's cost bucket to hold the call's price
        exchange.setProperty(ChannelRateLimiter.COST, calls.current == Call.READ_STOCK ? READ_COST : MUTATION_COST);
        ShopifyAdminApi.prepare(exchange, json, push.channel(), query, variables);
    }

    private static Set<ProductField> sentBy(Call call) {
        return switch (call) {
            case CREATE -> EnumSet.allOf(ProductField.class);
            case PRODUCT -> ShopifyPushPlan.PRODUCT_FIELDS;
            case VARIANT -> ShopifyPushPlan.VARIANT_FIELDS;
            default -> EnumSet.of(ProductField.AVAILABLE);
        };
    }
}
