package com.nolimits.synchub.sandbox.shopify;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Admin GraphQL API's root fields do to a sandbox shop: the mutations and queries behind
 * {@link ShopifyGraphqlEngine}, which parses, validates and selects. Answers are built whole here; the
 * engine returns only the fields a query asked for.
 */
class ShopifyGraphql {

    static final String STALE = "CHANGE_FROM_QUANTITY_STALE";

    /** Changes a mutation made, so the sandbox can fire the platform's webhooks for them. */
    record Effects(List<ShopifyShop.Product> created, List<ShopifyShop.Product> updated,
                   List<long[]> inventoryChanges) {
        static Effects none() {
            return new Effects(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    static class GraphqlError extends RuntimeException {
        GraphqlError(String message) {
            super(message);
        }
    }

    // ---- mutations

    static Map<String, Object> productSet(ShopifyShop shop, Map<String, Object> input, Effects effects) {
        List<Map<String, Object>> errors = new ArrayList<>();
        Long id = ShopifyJson.idOf(input.get("id"));
        ShopifyShop.Product product = id == null ? null : shop.products.get(id);
        if (id != null && product == null) {
            return payload("product", null, error(List.of("input", "id"), "Product does not exist", "PRODUCT_DOES_NOT_EXIST"));
        }
        if (input.containsKey("variants") != input.containsKey("productOptions")) {
            return payload("product", null, error(List.of("input"),
                    "The variants and productOptions arguments must be specified together", "INVALID_INPUT"));
        }
        if (product == null && blank(input.get("title"))) {
            return payload("product", null, error(List.of("input", "title"), "Title can't be blank", "BLANK"));
        }
        List<Map<String, Object>> variantInputs = maps(input.get("variants"));
        for (int i = 0; i < variantInputs.size(); i++) {
            String problem = priceProblem(variantInputs.get(i));
            if (problem != null) {
                errors.add(error(List.of("input", "variants", String.valueOf(i), "price"), problem, "INVALID"));
            }
        }
        if (!errors.isEmpty()) {
            return payload("product", null, errors);
        }
        Instant now = ShopifyShop.now();
        boolean created = product == null;
        if (created) {
            product = new ShopifyShop.Product();
            product.id = shop.nextId();
            product.createdAt = now;
        }
        applyProductFields(product, input);
        if (input.containsKey("variants")) {
            List<ShopifyShop.Variant> kept = new ArrayList<>();
            for (Map<String, Object> vi : variantInputs) {
                ShopifyShop.Variant v = match(product, vi);
                if (v == null) {
                    v = newVariant(shop, product);
                }
                applyVariantFields(v, vi, now);
                for (Map<String, Object> q : maps(vi.get("inventoryQuantities"))) {
                    Long location = ShopifyJson.idOf(q.get("locationId"));
                    shop.setQuantity(v.inventoryItemId, location == null ? shop.locationId : location,
                            ((Number) q.get("quantity")).intValue());
                }
                kept.add(v);
            }
            // productSet replaces list fields whole: a variant left out is deleted
            for (ShopifyShop.Variant old : product.variants) {
                if (!kept.contains(old)) {
                    shop.inventory.remove(old.inventoryItemId);
                }
            }
            product.variants = kept;
        } else if (created) {
            applyVariantFields(newVariantAdded(shop, product), Map.of(), now);
        }
        product.updatedAt = now;
        shop.products.put(product.id, product);
        (created ? effects.created() : effects.updated()).add(product);
        return payload("product", ShopifyJson.graphql(shop, product), List.of());
    }

    static Map<String, Object> productUpdate(ShopifyShop shop, Map<String, Object> input, Effects effects) {
        Long id = ShopifyJson.idOf(input.get("id"));
        ShopifyShop.Product product = id == null ? null : shop.products.get(id);
        if (product == null) {
            return payload("product", null, error(List.of("id"), "Product does not exist", "PRODUCT_DOES_NOT_EXIST"));
        }
        if (input.containsKey("title") && blank(input.get("title"))) {
            return payload("product", null, error(List.of("title"), "Title can't be blank", "BLANK"));
        }
        applyProductFields(product, input);
        product.updatedAt = ShopifyShop.now();
        effects.updated().add(product);
        return payload("product", ShopifyJson.graphql(shop, product), List.of());
    }

    static Map<String, Object> bulkUpdate(ShopifyShop shop, Object productId, List<Map<String, Object>> inputs,
                                                  Effects effects) {
        ShopifyShop.Product product = shop.products.get(ShopifyJson.idOf(productId));
        if (product == null) {
            return payload("productVariants", null, error(List.of("productId"), "Product does not exist", "PRODUCT_DOES_NOT_EXIST"));
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        List<ShopifyShop.Variant> targets = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Long variantId = ShopifyJson.idOf(inputs.get(i).get("id"));
            ShopifyShop.Variant v = product.variants.stream().filter(x -> variantId != null && x.id == variantId)
                    .findFirst().orElse(null);
            if (v == null) {
                errors.add(error(List.of("variants", String.valueOf(i), "id"), "Product variant does not exist",
                        "PRODUCT_VARIANT_DOES_NOT_EXIST"));
            }
            String problem = priceProblem(inputs.get(i));
            if (problem != null) {
                errors.add(error(List.of("variants", String.valueOf(i), "price"), problem, "INVALID"));
            }
            targets.add(v);
        }
        if (!errors.isEmpty()) {
            return payload("productVariants", null, errors);
        }
        Instant now = ShopifyShop.now();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            applyVariantFields(targets.get(i), inputs.get(i), now);
            out.add(ShopifyJson.variant(shop, targets.get(i)));
        }
        product.updatedAt = now;
        effects.updated().add(product);
        Map<String, Object> result = payload("productVariants", out, List.of());
        result.put("product", Map.of("id", ShopifyJson.gid("Product", product.id)));
        return result;
    }

    static Map<String, Object> setQuantities(ShopifyShop shop, String apiVersion, Map<String, Object> input,
                                                     Effects effects) {
        String name = String.valueOf(input.get("name"));
        if (!name.equals("available") && !name.equals("on_hand")) {
            return adjustment(null, error(List.of("input", "name"), "The quantity name must be available or on_hand", "INVALID_NAME"));
        }
        if (blank(input.get("reason"))) {
            return adjustment(null, error(List.of("input", "reason"), "Reason can't be blank", "INVALID_REASON"));
        }
        boolean changeFromRequired = apiVersion.compareTo("2026-04") >= 0;
        List<Map<String, Object>> quantities = maps(input.get("quantities"));
        List<Map<String, Object>> errors = new ArrayList<>();
        for (int i = 0; i < quantities.size(); i++) {
            Map<String, Object> q = quantities.get(i);
            List<String> at = List.of("input", "quantities", String.valueOf(i));
            Long item = ShopifyJson.idOf(q.get("inventoryItemId"));
            Long location = ShopifyJson.idOf(q.get("locationId"));
            if (item == null || shop.variantByInventoryItem(item) == null) {
                errors.add(error(at, "The specified inventory item could not be found.", "INVALID_INVENTORY_ITEM"));
            } else if (location == null || !shop.locations.contains(location)) {
                errors.add(error(at, "The specified location could not be found.", "INVALID_LOCATION"));
            } else if (!(q.get("quantity") instanceof Number)) {
                errors.add(error(at, "Quantity must be a number", "INVALID_QUANTITY"));
            } else if (changeFromRequired && !q.containsKey("changeFromQuantity")) {
                errors.add(error(at, "changeFromQuantity is required (null opts out of the check)", "INVALID"));
            } else if (q.get("changeFromQuantity") != null
                    && ((Number) q.get("changeFromQuantity")).intValue() != shop.quantity(item, location)) {
                errors.add(error(at, "The specified compare quantity does not match the current quantity.", STALE));
            }
        }
        if (!errors.isEmpty()) {
            return adjustment(null, errors);
        }
        List<Map<String, Object>> changes = new ArrayList<>();
        for (Map<String, Object> q : quantities) {
            long item = ShopifyJson.idOf(q.get("inventoryItemId"));
            long location = ShopifyJson.idOf(q.get("locationId"));
            int before = shop.quantity(item, location);
            int after = ((Number) q.get("quantity")).intValue();
            shop.setQuantity(item, location, after);
            if (after != before) {
                effects.inventoryChanges().add(new long[]{item, location, after});
            }
            changes.add(Map.of("name", name, "delta", after - before, "quantityAfterChange", after,
                    "item", Map.of("id", ShopifyJson.gid("InventoryItem", item)),
                    "location", Map.of("id", ShopifyJson.gid("Location", location))));
        }
        return adjustment(Map.of("reason", input.get("reason"), "changes", changes), List.of());
    }

    // ---- queries

    static Object productQuery(ShopifyShop shop, Object id) {
        ShopifyShop.Product product = shop.products.get(ShopifyJson.idOf(id));
        return product == null ? null : ShopifyJson.graphql(shop, product);
    }

    /** inventoryItem(id:): its inventoryLevel(locationId:) is resolved per location ({@link #inventoryLevel}). */
    static Map<String, Object> inventoryItemQuery(ShopifyShop shop, Object id) {
        Long item = ShopifyJson.idOf(id);
        ShopifyShop.Variant variant = item == null ? null : shop.variantByInventoryItem(item);
        return variant == null ? null : ShopifyJson.inventoryItem(variant);
    }

    /** An item's level at one location, or null where the item is not stocked. */
    static Map<String, Object> inventoryLevel(ShopifyShop shop, Object itemId, Object locationId) {
        Long item = ShopifyJson.idOf(itemId);
        Long location = ShopifyJson.idOf(locationId);
        if (item == null || location == null || !shop.inventory.getOrDefault(item, Map.of()).containsKey(location)) {
            return null;
        }
        Map<String, Object> level = new LinkedHashMap<>();
        level.put("id", ShopifyJson.gid("InventoryLevel", location) + "?inventory_item_id=" + item);
        level.put("location", Map.of("id", ShopifyJson.gid("Location", location)));
        level.put("available", shop.quantity(item, location));
        return level;
    }

    static Map<String, Object> productsQuery(ShopifyShop shop, int first, Object after, Object search) {
        if (first < 1 || first > 250) {
            throw new GraphqlError("first must be between 1 and 250");
        }
        long afterId = after == null ? Long.MIN_VALUE : cursorId(after.toString());
        Instant updatedAfter = updatedAfter(search == null ? null : search.toString());
        List<ShopifyShop.Product> matching = shop.products.values().stream()
                .filter(p -> p.id > afterId)
                .filter(p -> updatedAfter == null || p.updatedAt.isAfter(updatedAfter))
                .sorted((a, b) -> Long.compare(a.id, b.id)).toList();
        List<ShopifyShop.Product> page = matching.subList(0, Math.min(first, matching.size()));
        List<Map<String, Object>> nodes = new ArrayList<>();
        List<Map<String, Object>> edges = new ArrayList<>();
        for (ShopifyShop.Product p : page) {
            Map<String, Object> node = ShopifyJson.graphql(shop, p);
            nodes.add(node);
            edges.add(Map.of("cursor", cursor(p.id), "node", node));
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", matching.size() > page.size());
        pageInfo.put("hasPreviousPage", after != null);
        pageInfo.put("startCursor", page.isEmpty() ? null : cursor(page.get(0).id));
        pageInfo.put("endCursor", page.isEmpty() ? null : cursor(page.get(page.size() - 1).id));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("nodes", nodes);
        out.put("edges", edges);
        out.put("pageInfo", pageInfo);
        return out;
    }

    private static final Pattern SKU_SEARCH = Pattern.compile("sku:(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+))");

    /** productVariants(first:, query: "sku:...") as Shopify's search answers it: sku prefixes match too. */
    static Map<String, Object> variantsQuery(ShopifyShop shop, int first, Object search) {
        if (first < 1 || first > 250) {
            throw new GraphqlError("first must be between 1 and 250");
        }
        Matcher m = SKU_SEARCH.matcher(search == null ? "" : search.toString());
        String sku = !m.find() ? null : m.group(1) != null ? m.group(1).replaceAll("\\\\(.)", "$1") : m.group(2);
        List<Map<String, Object>> nodes = new ArrayList<>();
        shop.products.values().stream().sorted((a, b) -> Long.compare(a.id, b.id)).forEach(p -> p.variants.forEach(v -> {
            if (nodes.size() < first && (sku == null || (v.sku != null && v.sku.startsWith(sku)))) {
                nodes.add(ShopifyJson.variant(shop, v));
            }
        }));
        return Map.of("nodes", nodes, "pageInfo", Map.of("hasNextPage", false, "hasPreviousPage", false));
    }

    private static final Pattern UPDATED_AFTER = Pattern.compile("updated_at:>=?'?\"?([0-9T:.\\-+Z]+)'?\"?");

    private static Instant updatedAfter(String search) {
        if (search == null) {
            return null;
        }
        Matcher m = UPDATED_AFTER.matcher(search);
        if (!m.find()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(m.group(1)).toInstant().minusMillis(search.contains(">=") ? 1 : 0);
        } catch (java.time.format.DateTimeParseException e) {
            throw new GraphqlError("Invalid date in query: " + m.group(1));
        }
    }

    private static String cursor(long id) {
        return Base64.getEncoder().encodeToString(("product:" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static long cursorId(String cursor) {
        try {
            String decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8);
            return Long.parseLong(decoded.substring(decoded.indexOf(':') + 1));
        } catch (IllegalArgumentException e) {
            throw new GraphqlError("Invalid cursor for current pagination sort.");
        }
    }

    // ---- field application

    @SuppressWarnings("unchecked")
    private static void applyProductFields(ShopifyShop.Product p, Map<String, Object> in) {
        if (in.containsKey("title")) p.title = (String) in.get("title");
        if (in.containsKey("descriptionHtml")) p.bodyHtml = (String) in.get("descriptionHtml");
        if (in.containsKey("vendor")) p.vendor = (String) in.get("vendor");
        if (in.containsKey("productType")) p.productType = (String) in.get("productType");
        if (in.containsKey("status") && in.get("status") != null) p.status = in.get("status").toString().toLowerCase();
        if (in.containsKey("tags")) p.tags = tags(in.get("tags"));
        if (in.get("seo") instanceof Map<?, ?> seo) {
            if (seo.containsKey("title")) p.seoTitle = (String) seo.get("title");
            if (seo.containsKey("description")) p.seoDescription = (String) seo.get("description");
        }
        if (in.containsKey("collections")) {
            p.collections = new ArrayList<>();
            for (Object c : (Collection<Object>) in.getOrDefault("collections", List.of())) {
                p.collections.add(c.toString());
            }
        }
        if (in.containsKey("files")) {
            p.images = new ArrayList<>();
            for (Map<String, Object> f : maps(in.get("files"))) {
                ShopifyShop.Image image = new ShopifyShop.Image();
                image.id = p.id * 10 + p.images.size() + 1;
                image.src = String.valueOf(f.get("originalSource"));
                p.images.add(image);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static void applyVariantFields(ShopifyShop.Variant v, Map<String, Object> in, Instant now) {
        if (in.containsKey("price")) v.price = money(in.get("price"));
        if (in.containsKey("compareAtPrice")) v.compareAtPrice = in.get("compareAtPrice") == null ? null : money(in.get("compareAtPrice"));
        if (in.containsKey("barcode")) v.barcode = (String) in.get("barcode");
        if (in.containsKey("taxable")) v.taxable = Boolean.TRUE.equals(in.get("taxable"));
        if (in.containsKey("sku")) v.sku = (String) in.get("sku");
        if (in.get("inventoryItem") instanceof Map<?, ?> item) {
            if (item.containsKey("sku")) v.sku = (String) item.get("sku");
            if (item.get("measurement") instanceof Map<?, ?> m && m.get("weight") instanceof Map<?, ?> w) {
                v.weight = w.get("value") == null ? null : new BigDecimal(w.get("value").toString());
                if (w.get("unit") != null) v.weightUnit = w.get("unit").toString();
            }
        }
        if (in.get("optionValues") instanceof List<?> values && !values.isEmpty()
                && values.get(0) instanceof Map<?, ?> first && first.get("name") != null) {
            v.option1 = first.get("name").toString();
            v.title = v.option1;
        }
        v.updatedAt = now;
    }

    private static ShopifyShop.Variant match(ShopifyShop.Product p, Map<String, Object> in) {
        Long id = ShopifyJson.idOf(in.get("id"));
        String sku = in.get("inventoryItem") instanceof Map<?, ?> item && item.get("sku") != null
                ? item.get("sku").toString() : (String) in.get("sku");
        for (ShopifyShop.Variant v : p.variants) {
            if ((id != null && v.id == id) || (id == null && sku != null && sku.equals(v.sku))) {
                return v;
            }
        }
        return null;
    }

    private static ShopifyShop.Variant newVariant(ShopifyShop shop, ShopifyShop.Product p) {
        ShopifyShop.Variant v = new ShopifyShop.Variant();
        v.id = shop.nextId();
        v.productId = p.id;
        v.inventoryItemId = shop.nextId();
        shop.setQuantity(v.inventoryItemId, shop.locationId, 0);
        return v;
    }

    static ShopifyShop.Variant newVariantAdded(ShopifyShop shop, ShopifyShop.Product p) {
        ShopifyShop.Variant v = newVariant(shop, p);
        p.variants.add(v);
        return v;
    }

    // ---- helpers

    static List<String> tags(Object raw) {
        List<String> out = new ArrayList<>();
        if (raw instanceof Collection<?> list) {
            list.forEach(t -> out.add(t.toString().trim()));
        } else if (raw != null) {
            for (String t : raw.toString().split(",")) {
                if (!t.isBlank()) out.add(t.trim());
            }
        }
        return out;
    }

    static String money(Object raw) {
        return new BigDecimal(raw.toString()).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String priceProblem(Map<String, Object> in) {
        for (String key : List.of("price", "compareAtPrice")) {
            Object raw = in.get(key);
            if (raw == null) continue;
            try {
                if (new BigDecimal(raw.toString()).signum() < 0) {
                    return key + " must be greater than or equal to 0";
                }
            } catch (NumberFormatException e) {
                return key + " is not a valid decimal";
            }
        }
        return null;
    }

    private static boolean blank(Object o) {
        return o == null || o.toString().isBlank();
    }

    static Map<String, Object> error(List<String> field, String message, String code) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("field", field);
        e.put("message", message);
        e.put("code", code);
        return e;
    }

    private static Map<String, Object> payload(String key, Object value, Map<String, Object> error) {
        return payload(key, value, List.of(error));
    }

    static Map<String, Object> payload(String key, Object value, List<Map<String, Object>> errors) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(key, value);
        out.put("userErrors", errors);
        return out;
    }

    private static Map<String, Object> adjustment(Object group, Map<String, Object> error) {
        return adjustment(group, List.of(error));
    }

    private static Map<String, Object> adjustment(Object group, List<Map<String, Object>> errors) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("inventoryAdjustmentGroup", group);
        out.put("userErrors", errors);
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object raw) {
        if (raw == null) return List.of();
        if (!(raw instanceof List<?> list)) throw new GraphqlError("Expected a list");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?>)) throw new GraphqlError("Expected a list of objects");
            out.add((Map<String, Object>) o);
        }
        return out;
    }
}
