package com.nolimits.synchub.platform.shopify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.ingress.InboundEvent;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.merge.ProductSnapshot;
import com.nolimits.synchub.outbound.Push;
import com.nolimits.synchub.outbound.PushFailedException;
import com.nolimits.synchub.platform.shopify.ShopifyCalls.Call;
import com.nolimits.synchub.store.LinkStore;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first step of routes/push-shopify.camel.yaml: which GraphQL Admin API calls a push needs
 * (docs/platforms.md). A new product is one productSet with its variant and stock; an update touches only
 * what changed: the product's own fields by productSet without variants (so a sibling variant is never
 * deleted), this variant by productVariantsBulkUpdate, and stock, only when the hub's stock changed, by
 * inventorySetQuantities at the channel's location, compared against the quantity last seen there (read
 * first when unknown; never a variant's total over all locations). The plan also holds the values the
 * calls will set, as the shop's webhooks will show them, for echo detection.
 */
@Component
public class ShopifyPushPlan {

    private static final Logger log = LoggerFactory.getLogger(ShopifyPushPlan.class);

    static final Set<ProductField> PRODUCT_FIELDS = EnumSet.of(ProductField.NAME, ProductField.DESCRIPTION,
            ProductField.IMAGE_URL, ProductField.IMAGES, ProductField.IS_ACTIVE, ProductField.SEO_TITLE,
            ProductField.SEO_DESCRIPTION, ProductField.TAGS, ProductField.COLLECTIONS, ProductField.PRODUCT_TYPE,
            ProductField.VENDOR);
    static final Set<ProductField> VARIANT_FIELDS = EnumSet.of(ProductField.PRICE, ProductField.COMPARE_AT_PRICE,
            ProductField.TAXABLE);
    static final Set<ProductField> IMAGE_FIELDS = EnumSet.of(ProductField.IMAGES, ProductField.IMAGE_URL);

    private final ObjectMapper json;
    private final ShopifyPayloadMapper mapper;
    private final Clock clock;

    public ShopifyPushPlan(ObjectMapper json, ShopifyPayloadMapper mapper, Clock clock) {
        this.json = json;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** Decides which calls the push needs from what changed (a new product: all of it). */
    public void plan(Exchange exchange) {
        Push push = exchange.getProperty(Push.PROPERTY, Push.class);
        ShopifyCalls calls = new ShopifyCalls();
        if (push.creates()) {
            calls.add(Call.CREATE);
        } else {
            LinkStore.Link link = push.link().orElseThrow();
            calls.productId = link.parentId();
            calls.variantId = link.externalId();
            calls.inventoryItemId = link.inventoryItemId();
            calls.lastSeenQuantity = link.platformData().get(LinkStore.LAST_SEEN_QUANTITY) instanceof Number n
                    ? n.intValue() : null;
            if (push.changed().stream().anyMatch(PRODUCT_FIELDS::contains)) {
                calls.add(Call.PRODUCT);
            }
            if (push.changed().stream().anyMatch(VARIANT_FIELDS::contains)) {
                calls.add(Call.VARIANT);
            }
            if (push.changed().contains(ProductField.AVAILABLE)) { // stock only when the hub's stock changed
                planStock(push, calls);
            }
        }
        if (calls.hasNext()) {
            calls.planned.putAll(echoFields(push));
            calls.planned.keySet().removeIf(field -> !push.creates() && !sentByPlannedCalls(push, calls, field));
        }
        exchange.setProperty(ShopifyCalls.PROPERTY, calls);
    }

    /**
     * Stock is set at the channel's location, compared against the quantity there. Unknown (no
     * inventory_levels/update of that location seen yet): read it first, so the set is right the first
     * time. A variant without an inventory item (Shopify's test notification) has no stock to set.
     */
    private void planStock(Push push, ShopifyCalls calls) {
        if (calls.inventoryItemId == null) {
            String why = "the Shopify variant " + calls.variantId + " has no inventory item: its stock is not tracked there";
            if (!calls.hasNext()) {
                throw PushFailedException.permanent("stock not pushed: " + why);
            }
            log.warn("Stock of product {} not pushed to {}: {}", push.product().id(), push.channel().id(), why);
            return;
        }
        calls.add(calls.lastSeenQuantity == null ? Call.READ_STOCK : Call.STOCK);
    }

    /** Whether an update's planned calls send the field (images only when they changed: files are replaced whole). */
    private static boolean sentByPlannedCalls(Push push, ShopifyCalls calls, ProductField field) {
        if (field == ProductField.AVAILABLE) {
            return calls.plans(Call.STOCK) || calls.plans(Call.READ_STOCK);
        }
        if (IMAGE_FIELDS.contains(field)) {
            return calls.plans(Call.PRODUCT) && push.changed().stream().anyMatch(IMAGE_FIELDS::contains);
        }
        return PRODUCT_FIELDS.contains(field) ? calls.plans(Call.PRODUCT)
                : VARIANT_FIELDS.contains(field) && calls.plans(Call.VARIANT);
    }

    /**
     * The hub's values as the shop's webhook will show them once it holds them: the REST shape read
     * back by the inbound mapper.
     */
    private Map<ProductField, Object> echoFields(Push push) {
        ProductSnapshot p = push.product().snapshot();
        Map<String, Object> variant = new LinkedHashMap<>();
        variant.put("id", 0);
        variant.put("sku", p.value(ProductField.SKU));
        variant.put("barcode", p.value(ProductField.GTIN));
        Map<String, Object> prices = ShopifyInputs.variantInput(p);
        variant.put("price", prices.get("price"));
        variant.put("compare_at_price", prices.get("compareAtPrice"));
        variant.put("taxable", prices.get("taxable"));
        variant.put("inventory_quantity", p.value(ProductField.AVAILABLE));
        Map<String, Object> product = new LinkedHashMap<>();
        Map<String, Object> input = ShopifyInputs.productInput(p, false);
        product.put("id", 0);
        product.put("title", input.get("title"));
        product.put("body_html", input.get("descriptionHtml"));
        product.put("vendor", input.get("vendor"));
        product.put("product_type", input.get("productType"));
        product.put("status", "ACTIVE".equals(input.get("status")) ? "active" : "draft");
        product.put("tags", String.join(", ", (List<String>) input.get("tags")));
        product.put("updated_at", clock.instant().toString());
        product.put("images", ShopifyInputs.images(p).stream().map(src -> Map.of("src", src)).toList());
        product.put("variants", List.of(variant));
        Map<ProductField, Object> echo;
        try {
            echo = ((InboundEvent.ProductChanged) mapper.map("products/update", json.writeValueAsString(product)))
                    .items().get(0).fields();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        echo.put(ProductField.AVAILABLE, p.value(ProductField.AVAILABLE)); // as set (inventory_quantity is clamped at 0)
        return echo;
    }
}
