package com.nolimits.synchub.sandbox.shopify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The two shapes of a Shopify product: the REST one of webhooks and the GraphQL one of the Admin API. */
final class ShopifyJson {

    private ShopifyJson() {
    }

    static String gid(String type, long id) {
        return "gid://shopify/" + type + "/" + id;
    }

    /** The numeric id of a GID ("gid://shopify/Product/123") or of a plain number. */
    static Long idOf(Object gid) {
        if (gid == null) {
            return null;
        }
        String s = gid.toString();
        try {
            return Long.parseLong(s.substring(s.lastIndexOf('/') + 1));
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    static String time(Instant at) {
        return at == null ? null : at.toString();
    }

    static Map<String, Object> rest(ShopifyShop shop, ShopifyShop.Product p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id);
        out.put("title", p.title);
        out.put("body_html", p.bodyHtml);
        out.put("vendor", p.vendor);
        out.put("product_type", p.productType);
        out.put("created_at", time(p.createdAt));
        out.put("handle", p.title == null ? null : p.title.toLowerCase().replaceAll("[^a-z0-9]+", "-"));
        out.put("updated_at", time(p.updatedAt));
        out.put("status", p.status);
        out.put("tags", String.join(", ", p.tags));
        out.put("admin_graphql_api_id", gid("Product", p.id));
        List<Map<String, Object>> variants = new ArrayList<>();
        int position = 1;
        for (ShopifyShop.Variant v : p.variants) {
            Map<String, Object> variant = new LinkedHashMap<>();
            variant.put("id", v.id);
            variant.put("product_id", p.id);
            variant.put("title", v.title);
            variant.put("price", v.price);
            variant.put("position", position++);
            variant.put("compare_at_price", v.compareAtPrice);
            variant.put("option1", v.option1);
            variant.put("created_at", time(p.createdAt));
            variant.put("updated_at", time(v.updatedAt));
            variant.put("taxable", v.taxable);
            variant.put("barcode", v.barcode);
            variant.put("sku", v.sku);
            variant.put("inventory_item_id", v.inventoryItemId);
            variant.put("inventory_quantity", shop.totalQuantity(v.inventoryItemId));
            variant.put("admin_graphql_api_id", gid("ProductVariant", v.id));
            variants.add(variant);
        }
        out.put("variants", variants);
        List<Map<String, Object>> images = new ArrayList<>();
        int imagePosition = 1;
        for (ShopifyShop.Image image : p.images) {
            images.add(Map.of("id", image.id, "product_id", p.id, "position", imagePosition++, "src", image.src));
        }
        out.put("images", images);
        return out;
    }

    static Map<String, Object> graphql(ShopifyShop shop, ShopifyShop.Product p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", gid("Product", p.id));
        out.put("legacyResourceId", String.valueOf(p.id));
        out.put("title", p.title);
        out.put("handle", p.title == null ? null : p.title.toLowerCase().replaceAll("[^a-z0-9]+", "-"));
        out.put("descriptionHtml", p.bodyHtml == null ? "" : p.bodyHtml); // Shopify's empty text is "", never null
        out.put("vendor", p.vendor == null ? "" : p.vendor);
        out.put("productType", p.productType == null ? "" : p.productType);
        out.put("status", p.status.toUpperCase());
        out.put("tags", p.tags);
        out.put("createdAt", time(p.createdAt));
        out.put("updatedAt", time(p.updatedAt));
        Map<String, Object> seo = new LinkedHashMap<>();
        seo.put("title", p.seoTitle);
        seo.put("description", p.seoDescription);
        out.put("seo", seo);
        List<Map<String, Object>> collections = new ArrayList<>();
        p.collections.forEach(c -> collections.add(Map.of("id", c)));
        out.put("collections", Map.of("nodes", collections));
        List<Map<String, Object>> images = new ArrayList<>();
        p.images.forEach(i -> images.add(Map.of("id", gid("ProductImage", i.id), "url", i.src)));
        out.put("images", Map.of("nodes", images));
        List<Map<String, Object>> variants = new ArrayList<>();
        for (ShopifyShop.Variant v : p.variants) {
            variants.add(variant(shop, v));
        }
        out.put("variants", Map.of("nodes", variants, "pageInfo", Map.of("hasNextPage", false, "hasPreviousPage", false)));
        return out;
    }

    static Map<String, Object> variant(ShopifyShop shop, ShopifyShop.Variant v) {
        Map<String, Object> variant = new LinkedHashMap<>();
        variant.put("id", gid("ProductVariant", v.id));
        variant.put("title", v.title == null ? "Default Title" : v.title);
        variant.put("sku", v.sku);
        variant.put("barcode", v.barcode);
        variant.put("price", v.price);
        variant.put("compareAtPrice", v.compareAtPrice);
        variant.put("taxable", v.taxable);
        variant.put("inventoryQuantity", shop.totalQuantity(v.inventoryItemId));
        variant.put("updatedAt", time(v.updatedAt));
        variant.put("inventoryItem", inventoryItem(v));
        variant.put("product", Map.of("id", gid("Product", v.productId)));
        return variant;
    }

    static Map<String, Object> inventoryItem(ShopifyShop.Variant v) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", gid("InventoryItem", v.inventoryItemId));
        item.put("sku", v.sku);
        item.put("tracked", true);
        Map<String, Object> weight = null;
        if (v.weight != null) {
            weight = new LinkedHashMap<>();
            weight.put("value", v.weight.doubleValue());
            weight.put("unit", v.weightUnit == null ? "KILOGRAMS" : v.weightUnit);
        }
        Map<String, Object> measurement = new LinkedHashMap<>();
        measurement.put("weight", weight);
        item.put("measurement", measurement);
        return item;
    }
}
