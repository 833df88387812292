package com.nolimits.synchub.sandbox.woocommerce;

import com.nolimits.synchub.sandbox.SandboxProperties;
import com.nolimits.synchub.sandbox.common.Faults;
import com.nolimits.synchub.sandbox.common.Journal;
import com.nolimits.synchub.sandbox.common.WebhookSender;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One sandbox WooCommerce site: products kept in the REST API's own JSON shape, its webhooks, faults
 * and journal. Every write goes through {@link #write}, which validates like the REST API does.
 */
public class WooSite {

    /** A registered webhook (one topic each, as in WooCommerce). */
    public static class Webhook {
        public long id;
        public String name;
        public String topic;
        public String deliveryUrl;
        public String secret;
        public String status = "active";
        public int failureCount;
    }

    static final Set<String> STATUSES = Set.of("draft", "pending", "private", "publish", "trash");
    static final Set<String> TAX_STATUSES = Set.of("taxable", "shipping", "none");
    static final int MAX_FAILURES = 5;

    final String name;
    final SandboxProperties.Site settings;
    final String siteUrl;
    final Map<Long, Map<String, Object>> products = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> categories = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> tags = new LinkedHashMap<>();
    final List<Webhook> webhooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong webhookIds = new AtomicLong();
    final Set<String> pendingDeliveries = ConcurrentHashMap.newKeySet();
    final Faults faults = new Faults();
    final Journal journal = new Journal();
    final WebhookSender sender = new WebhookSender(faults);
    final AtomicLong deliveryIds = new AtomicLong();
    private final AtomicLong ids = new AtomicLong(100);

    /** OAuth nonces seen, with their timestamps: each may be used once (kept 15 minutes, as WooCommerce does). */
    private final Map<String, Long> nonces = new ConcurrentHashMap<>();
    /** The second of the last sweep of old nonces. */
    private final java.util.concurrent.atomic.AtomicLong noncesSweptAt = new java.util.concurrent.atomic.AtomicLong();

    boolean spendNonce(String nonce, long timestamp) {
        long now = java.time.Instant.now().getEpochSecond();
        long swept = noncesSweptAt.get();
        // once a second, not on every call: the sweep reads every nonce of 15 minutes, and at hundreds of
        // calls a second it cost more than the call (the benchmarks' profile: 15% of the hub process's CPU)
        if (now > swept && noncesSweptAt.compareAndSet(swept, now)) {
            nonces.values().removeIf(at -> at < now - 15 * 60);
        }
        return nonces.putIfAbsent(nonce, timestamp) == null;
    }

    long nextWebhookId() {
        return webhookIds.incrementAndGet();
    }

    /** Ids stay unique over a reset that keeps the webhooks. */
    void nextWebhookId(long atLeast) {
        webhookIds.accumulateAndGet(atLeast, Math::max);
    }

    WooSite(String name, SandboxProperties.Site settings) {
        this.name = name;
        this.settings = settings;
        String url = settings.getSiteUrl() == null ? "https://" + name + ".example" : settings.getSiteUrl();
        this.siteUrl = url.endsWith("/") ? url : url + "/";
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** WooCommerce's GMT timestamps: whole seconds, no zone suffix. */
    static String nowGmt() {
        return LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** A WooCommerce REST error: {"code", "message", "data": {"status"}}. */
    static class RestError extends RuntimeException {
        final String code;
        final int status;

        RestError(String code, String message, int status) {
            super(message);
            this.code = code;
            this.status = status;
        }

        Map<String, Object> body() {
            return Map.of("code", code, "message", getMessage(), "data", Map.of("status", status));
        }
    }

    /** Creates (existing == null) or updates a product from a REST body; throws RestError like the API. */
    Map<String, Object> write(Map<String, Object> existing, Map<String, Object> in) {
        Map<String, Object> p = existing == null ? newProduct() : new LinkedHashMap<>(existing);
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            switch (key) {
                case "name", "description", "short_description", "weight" -> p.put(key, string(key, value));
                case "type" -> p.put(key, oneOf(key, value, Set.of("simple", "variable", "grouped", "external")));
                case "status" -> p.put(key, oneOf(key, value, STATUSES));
                case "tax_status" -> p.put(key, oneOf(key, value, TAX_STATUSES));
                case "regular_price", "sale_price" -> p.put(key, price(key, value));
                case "sku" -> p.put(key, sku(value, existing == null ? null : (Long) existing.get("id")));
                case "manage_stock" -> p.put(key, bool(key, value));
                case "stock_quantity" -> p.put(key, stock(value));
                case "dimensions" -> p.put(key, dimensions(value));
                case "categories" -> p.put(key, terms(key, value, categories));
                case "tags" -> p.put(key, terms(key, value, tags));
                case "images" -> p.put(key, images(value));
                case "meta_data" -> p.put(key, value instanceof List<?> ? value : invalid(key, "array"));
                case "id", "price", "date_created", "date_created_gmt", "date_modified", "date_modified_gmt",
                     "stock_status", "permalink" -> { } // read-only: ignored, as the REST API does
                default -> { } // unknown properties are ignored by WordPress REST too
            }
        }
        String regular = (String) p.get("regular_price");
        String sale = (String) p.get("sale_price");
        p.put("price", sale != null && !sale.isEmpty() ? sale : regular);
        p.put("on_sale", sale != null && !sale.isEmpty());
        Object quantity = p.get("stock_quantity");
        if (Boolean.TRUE.equals(p.get("manage_stock"))) {
            p.put("stock_status", quantity instanceof Number n && n.intValue() > 0 ? "instock" : "outofstock");
        }
        String now = nowGmt();
        p.put("date_modified_gmt", now);
        p.put("date_modified", now);
        return p;
    }

    private Map<String, Object> newProduct() {
        Map<String, Object> p = new LinkedHashMap<>();
        long id = nextId();
        String now = nowGmt();
        p.put("id", id);
        p.put("name", "");
        p.put("slug", "product-" + id);
        p.put("permalink", siteUrl + "product/product-" + id + "/");
        p.put("date_created", now);
        p.put("date_created_gmt", now);
        p.put("type", "simple");
        p.put("status", "publish");
        p.put("description", "");
        p.put("short_description", "");
        p.put("sku", "");
        p.put("price", "");
        p.put("regular_price", "");
        p.put("sale_price", "");
        p.put("tax_status", "taxable");
        p.put("manage_stock", false);
        p.put("stock_quantity", null);
        p.put("stock_status", "instock");
        p.put("weight", "");
        p.put("dimensions", Map.of("length", "", "width", "", "height", ""));
        p.put("categories", List.of());
        p.put("tags", List.of());
        p.put("images", List.of());
        p.put("meta_data", List.of());
        p.put("parent_id", 0);
        return p;
    }

    private static RestError invalidParam(String key, String why) {
        return new RestError("rest_invalid_param", "Invalid parameter(s): " + key + " (" + why + ")", 400);
    }

    private static Object invalid(String key, String type) {
        throw invalidParam(key, key + " is not of type " + type + ".");
    }

    private static String string(String key, Object value) {
        if (value == null) return "";
        if (!(value instanceof String s)) return (String) invalid(key, "string");
        return s;
    }

    private static String oneOf(String key, Object value, Set<String> allowed) {
        if (value instanceof String s && allowed.contains(s)) return s;
        throw invalidParam(key, key + " is not one of " + String.join(", ", allowed.stream().sorted().toList()) + ".");
    }

    private static String price(String key, Object value) {
        String s = string(key, value);
        if (!s.isEmpty()) {
            try {
                if (new BigDecimal(s).signum() < 0) throw invalidParam(key, key + " must not be negative.");
            } catch (NumberFormatException e) {
                throw invalidParam(key, key + " is not a valid price.");
            }
        }
        return s;
    }

    private String sku(Object value, Long self) {
        String sku = string("sku", value);
        if (!sku.isEmpty()) {
            for (Map<String, Object> other : products.values()) {
                if (sku.equals(other.get("sku")) && !other.get("id").equals(self)) {
                    throw new RestError("product_invalid_sku", "Invalid or duplicated SKU.", 400);
                }
            }
        }
        return sku;
    }

    private static Boolean bool(String key, Object value) {
        if (value instanceof Boolean b) return b;
        return (Boolean) invalid(key, "boolean");
    }

    private static Integer stock(Object value) {
        if (value == null) return null;
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.intValue();
        return (Integer) invalid("stock_quantity", "integer,null");
    }

    private static Map<String, Object> dimensions(Object value) {
        if (!(value instanceof Map<?, ?> in)) return (Map<String, Object>) invalid("dimensions", "object");
        Map<String, Object> out = new LinkedHashMap<>();
        for (String side : List.of("length", "width", "height")) {
            out.put(side, string("dimensions[" + side + "]", in.get(side)));
        }
        return out;
    }

    /** Categories and tags by id or by name; a new name creates the term, as the admin does. */
    private List<Map<String, Object>> terms(String key, Object value, Map<String, Map<String, Object>> dictionary) {
        if (!(value instanceof List<?> list)) return (List<Map<String, Object>>) invalid(key, "array");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> term)) throw invalidParam(key, key + " items must be objects.");
            Map<String, Object> found = null;
            if (term.get("id") instanceof Number id) {
                found = dictionary.values().stream().filter(t -> t.get("id").equals(id.longValue())).findFirst()
                        .orElseThrow(() -> new RestError("woocommerce_rest_invalid_term", "Invalid " + key + " ID.", 400));
            } else if (term.get("name") instanceof String name && !name.isBlank()) {
                found = dictionary.computeIfAbsent(name, n -> Map.of("id", nextId(), "name", n,
                        "slug", n.toLowerCase().replaceAll("[^a-z0-9]+", "-")));
            } else {
                throw invalidParam(key, key + " items need an id or a name.");
            }
            out.add(found);
        }
        return out;
    }

    private List<Map<String, Object>> images(Object value) {
        if (!(value instanceof List<?> list)) return (List<Map<String, Object>>) invalid("images", "array");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> image) || !(image.get("src") instanceof String src)) {
                throw invalidParam("images", "each image needs a src.");
            }
            Map<String, Object> img = new LinkedHashMap<>();
            img.put("id", nextId());
            img.put("src", src);
            img.put("name", image.get("name") == null ? "" : image.get("name"));
            img.put("alt", image.get("alt") == null ? "" : image.get("alt"));
            out.add(img);
        }
        return out;
    }
}
