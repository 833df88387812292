package com.nolimits.synchub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One product as the hub and the three sandboxes hold it, for the fields the fault runs change: name,
 * price and stock (hub, Shopify, WooCommerce) and warehouse notes (hub, JTL-FFN).
 */
record ProductViews(String sku, Map<String, Object> values) {

    /** Reads every product of the prefix (skus PREFIX-n) from the hub and the three sandboxes. */
    static Map<String, ProductViews> read(BenchHttp http, String prefix, Map<String, String> hubIdsBySku) {
        Map<String, ObjectNode> shopify = Fixtures.shopifyProducts(http, prefix);
        Map<String, JsonNode> woo = bySku(http.sandbox("GET", "woocommerce/demo/merchant/products", null).json(), "sku");
        Map<String, JsonNode> jtl = bySku(http.sandbox("GET", "jtl/demo/warehouse/products", null).json(), "merchantSku");
        Map<String, ProductViews> out = new LinkedHashMap<>();
        hubIdsBySku.forEach((sku, hubId) -> {
            JsonNode hub = http.api("GET", "/product/" + hubId, null).json().path("data");
            JsonNode s = shopify.get(sku);
            JsonNode variant = s.path("variants").path(0);
            JsonNode w = woo.get(sku);
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("hub name", hub.path("name").asText());
            v.put("Shopify title", s.path("title").asText());
            v.put("WooCommerce name", w.path("name").asText());
            v.put("hub price", price(hub.path("price").asText()));
            v.put("Shopify price", price(variant.path("price").asText()));
            v.put("WooCommerce price", price(w.path("regular_price").asText()));
            v.put("hub available", hub.path("available").asInt());
            v.put("Shopify stock", variant.path("inventory_quantity").asInt());
            v.put("WooCommerce stock", w.path("stock_quantity").asInt());
            v.put("hub warehouse notes", text(hub.path("warehouseNotes")));
            v.put("JTL-FFN note", text(jtl.get(sku).path("note")));
            out.put(sku, new ProductViews(sku, v));
        });
        return out;
    }

    /** The fields whose values must be the same everywhere, each as the hub's field and the platforms' ones. */
    static final Map<String, List<String>> SAME_EVERYWHERE = Map.of(
            "hub name", List.of("Shopify title", "WooCommerce name"),
            "hub price", List.of("Shopify price", "WooCommerce price"),
            "hub available", List.of("Shopify stock", "WooCommerce stock"),
            "hub warehouse notes", List.of("JTL-FFN note"));

    /** Where a platform's value differs from the hub's. */
    void differences(List<String> wrong) {
        SAME_EVERYWHERE.forEach((hubField, platformFields) -> platformFields.forEach(field ->
                expect(wrong, field, values.get(hubField))));
    }

    /** Adds "sku field: expected x, found y" when the value is not the expected one. */
    void expect(List<String> wrong, String field, Object expected) {
        Object found = values.get(field);
        boolean same = expected instanceof BigDecimal e && found instanceof BigDecimal f ? e.compareTo(f) == 0
                : Objects.equals(expected, found);
        if (!same) {
            wrong.add(sku + " " + field + ": expected " + expected + ", found " + found);
        }
    }

    Object get(String field) {
        return values.get(field);
    }

    private static BigDecimal price(String text) {
        return text.isEmpty() ? null : new BigDecimal(text);
    }

    private static String text(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static Map<String, JsonNode> bySku(JsonNode list, String field) {
        Map<String, JsonNode> out = new HashMap<>();
        list.forEach(product -> out.put(product.path(field).asText(), product));
        return out;
    }
}
