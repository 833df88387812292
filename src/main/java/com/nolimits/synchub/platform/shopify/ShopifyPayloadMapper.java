package com.nolimits.synchub.platform.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.ingress.InboundEvent;
import com.nolimits.synchub.ingress.ItemFields;
import com.nolimits.synchub.ingress.PayloadMapper;
import com.nolimits.synchub.ingress.UnmappableEventException;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.merge.ProductField;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Shopify's REST-shaped webhook bodies in the hub's terms. A hub product is one sellable unit, so every
 * variant becomes its own item, keyed by the variant id (and matched by sku when it is new to the hub);
 * the product-level fields (title, description, vendor, tags, images, status) go to every variant.
 */
@Component
public class ShopifyPayloadMapper implements PayloadMapper {

    private final ObjectMapper json;

    public ShopifyPayloadMapper(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Platform platform() {
        return Platform.SHOPIFY;
    }

    @Override
    public InboundEvent map(String topic, String payload) {
        JsonNode body = parse(payload);
        return switch (topic) {
            case "products/delete" -> new InboundEvent.ProductDeleted(required(body, "id"));
            case "inventory_levels/update" -> new InboundEvent.StockReported(required(body, "inventory_item_id"),
                    required(body, "location_id"), body.path("available").asInt(0), time(body, "updated_at"));
            default -> product(body, topic.equals("products/create"));
        };
    }

    private InboundEvent product(JsonNode body, boolean created) {
        String productId = required(body, "id");
        Instant updatedAt = time(body, "updated_at");
        ItemFields shared = new ItemFields();
        put(shared, ProductField.NAME, text(body, "title"));
        put(shared, ProductField.DESCRIPTION, text(body, "body_html"));
        put(shared, ProductField.VENDOR, text(body, "vendor"));
        put(shared, ProductField.PRODUCT_TYPE, text(body, "product_type"));
        if (body.hasNonNull("status")) {
            put(shared, ProductField.IS_ACTIVE, "active".equals(body.get("status").asText()));
        }
        if (body.has("tags")) {
            List<String> tags = new ArrayList<>();
            for (String tag : body.path("tags").asText("").split(",")) {
                if (!tag.isBlank()) {
                    tags.add(tag.trim());
                }
            }
            put(shared, ProductField.TAGS, tags);
        }
        if (body.has("images")) {
            List<String> images = new ArrayList<>();
            body.path("images").forEach(image -> images.add(image.path("src").asText()));
            put(shared, ProductField.IMAGES, images);
            put(shared, ProductField.IMAGE_URL, images.isEmpty() ? null : images.get(0));
        }
        List<InboundEvent.Item> items = new ArrayList<>();
        for (JsonNode variant : body.path("variants")) {
            ItemFields fields = shared.copy();
            put(fields, ProductField.PRICE, text(variant, "price"));
            put(fields, ProductField.COMPARE_AT_PRICE, blankToNull(text(variant, "compare_at_price")));
            if (variant.has("taxable")) {
                put(fields, ProductField.TAXABLE, variant.get("taxable").asBoolean());
            }
            String sku = blankToNull(text(variant, "sku"));
            if (sku != null) {
                put(fields, ProductField.SKU, sku);
            }
            String barcode = blankToNull(text(variant, "barcode"));
            if (barcode != null) {
                put(fields, ProductField.GTIN, barcode);
            }
            // inventory_quantity is the variant's total over all of the shop's locations: neither the stock at
            // the channel's location nor a report of it (inventory_levels/update, one per location, is)
            String variantId = required(variant, "id");
            Map<String, Object> platformData = new java.util.LinkedHashMap<>();
            platformData.put("variantTitle", variant.path("title").asText(""));
            items.add(new InboundEvent.Item(variantId, variant.path("inventory_item_id").asText(null), fields,
                    platformData));
        }
        if (items.isEmpty()) {
            throw new UnmappableEventException("the product has no variants");
        }
        return new InboundEvent.ProductChanged(productId, items, created, updatedAt);
    }

    private static void put(ItemFields fields, ProductField field, Object raw) {
        if (raw != null || field.type() != com.nolimits.synchub.merge.FieldType.BOOLEAN) {
            fields.put(field, raw);
        }
    }

    private JsonNode parse(String payload) {
        try {
            JsonNode node = json.readTree(payload);
            if (node == null || !node.isObject()) {
                throw new UnmappableEventException("the body is not a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UnmappableEventException("the body is not valid JSON");
        }
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new UnmappableEventException("'" + field + "' is missing");
        }
        return value.asText();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Instant time(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null) {
            throw new UnmappableEventException("'" + field + "' is missing");
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new UnmappableEventException("'" + field + "' is not a date-time: " + text);
        }
    }
}
