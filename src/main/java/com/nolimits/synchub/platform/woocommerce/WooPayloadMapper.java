package com.nolimits.synchub.platform.woocommerce;

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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * WooCommerce's webhook bodies in the hub's terms. A simple product or a variation is one hub product;
 * a variable product's parent is not (its variations arrive as events of their own). Prices follow
 * docs/platforms.md: with a sale price the buyer pays it and the regular price is the compare-at price.
 * Weights are read as kg and dimensions as cm (WooCommerce's defaults).
 */
@Component
public class WooPayloadMapper implements PayloadMapper {

    private final ObjectMapper json;

    public WooPayloadMapper(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Platform platform() {
        return Platform.WOOCOMMERCE;
    }

    @Override
    public InboundEvent map(String topic, String payload) {
        JsonNode body;
        try {
            body = json.readTree(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UnmappableEventException("the body is not valid JSON");
        }
        if (body == null || !body.isObject() || !body.hasNonNull("id")) {
            throw new UnmappableEventException("the body is not a product ('id' is missing)");
        }
        String id = body.get("id").asText();
        if (topic.equals("product.deleted")) {
            return new InboundEvent.ProductDeleted(id);
        }
        if ("variable".equals(body.path("type").asText())) {
            return new InboundEvent.Ignored("a variable product's parent is not a sellable unit; its variations are");
        }
        if (!body.hasNonNull("date_modified_gmt")) {
            throw new UnmappableEventException("'date_modified_gmt' is missing");
        }
        Instant modified;
        try {
            modified = LocalDateTime.parse(body.get("date_modified_gmt").asText()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new UnmappableEventException("'date_modified_gmt' is not a date-time");
        }
        ItemFields fields = new ItemFields();
        put(fields, ProductField.NAME, body, "name");
        put(fields, ProductField.DESCRIPTION, body, "description");
        if (body.hasNonNull("status")) {
            fields.put(ProductField.IS_ACTIVE, "publish".equals(body.get("status").asText()));
        }
        String sku = body.path("sku").asText("");
        if (!sku.isBlank()) {
            fields.put(ProductField.SKU, sku);
        }
        if (body.has("regular_price") || body.has("sale_price")) {
            String regular = body.path("regular_price").asText("");
            String sale = body.path("sale_price").asText("");
            boolean onSale = !sale.isBlank();
            fields.put(ProductField.PRICE, onSale ? sale : blankToNull(regular));
            fields.put(ProductField.COMPARE_AT_PRICE, onSale ? blankToNull(regular) : null);
        }
        if (body.hasNonNull("tax_status")) {
            fields.put(ProductField.TAXABLE, "taxable".equals(body.get("tax_status").asText()));
        }
        if (body.has("categories")) {
            fields.put(ProductField.CATEGORIES, names(body.get("categories")));
        }
        if (body.has("tags")) {
            fields.put(ProductField.TAGS, names(body.get("tags")));
        }
        if (body.has("images")) {
            List<String> images = new ArrayList<>();
            body.get("images").forEach(image -> images.add(image.path("src").asText()));
            fields.put(ProductField.IMAGES, images);
            fields.put(ProductField.IMAGE_URL, images.isEmpty() ? null : images.get(0));
        }
        decimal(fields, ProductField.WEIGHT_IN_KG, body.path("weight").asText(""));
        JsonNode dimensions = body.path("dimensions");
        decimal(fields, ProductField.LENGTH_IN_CM, dimensions.path("length").asText(""));
        decimal(fields, ProductField.WIDTH_IN_CM, dimensions.path("width").asText(""));
        decimal(fields, ProductField.HEIGHT_IN_CM, dimensions.path("height").asText(""));
        if (body.path("manage_stock").asBoolean(false) && body.hasNonNull("stock_quantity")) {
            fields.put(ProductField.AVAILABLE, Math.max(0, body.get("stock_quantity").asInt()));
        }
        long parent = body.path("parent_id").asLong(0);
        InboundEvent.Item item = new InboundEvent.Item(id, null, fields,
                Map.of("type", body.path("type").asText("simple"), "parentId", parent));
        return new InboundEvent.ProductChanged(parent > 0 ? String.valueOf(parent) : id, List.of(item),
                topic.equals("product.created"), modified);
    }

    private static void put(ItemFields fields, ProductField field, JsonNode body, String key) {
        if (body.has(key)) {
            fields.put(field, body.get(key).isNull() ? null : body.get(key).asText());
        }
    }

    private static void decimal(ItemFields fields, ProductField field, String text) {
        if (!text.isBlank()) {
            fields.put(field, text);
        }
    }

    private static List<String> names(JsonNode terms) {
        List<String> names = new ArrayList<>();
        terms.forEach(term -> names.add(term.path("name").asText()));
        return names;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
