package com.nolimits.synchub.sandbox.shopify;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** One sandbox shop's state: products with variants, inventory per item and location, the cost bucket. */
public class ShopifyShop {

    public static class Variant {
        public long id;
        public long productId;
        public String title = "Default Title";
        public String sku;
        public String barcode;
        public String price = "0.00";
        public String compareAtPrice;
        public boolean taxable = true;
        public long inventoryItemId;
        public BigDecimal weight;
        public String weightUnit = "KILOGRAMS";
        public String option1 = "Default Title";
        public Instant updatedAt;
    }

    public static class Image {
        public long id;
        public String src;
    }

    public static class Product {
        public long id;
        public String title;
        public String bodyHtml;
        public String vendor;
        public String productType;
        public String status = "active";
        public List<String> tags = new ArrayList<>();
        public String seoTitle;
        public String seoDescription;
        public List<String> collections = new ArrayList<>();
        public List<Image> images = new ArrayList<>();
        public List<Variant> variants = new ArrayList<>();
        public Instant createdAt;
        public Instant updatedAt;
    }

    /**
     * A webhook subscription: made through the Admin API (the app's own, listed there), or in the shop's
     * admin (configured for the sandbox; Shopify does not show those through the API).
     */
    public static class Subscription {
        final long id;
        final boolean madeInAdmin;
        /** The topic as the API names it, e.g. PRODUCTS_UPDATE. */
        volatile String topic;
        volatile String uri;
        final Instant createdAt = now();
        volatile Instant updatedAt = createdAt;
        /** Failed delivery attempts in a row; Shopify removes an API subscription after 8. */
        final java.util.concurrent.atomic.AtomicInteger failedInARow = new java.util.concurrent.atomic.AtomicInteger();

        Subscription(long id, boolean madeInAdmin, String topic, String uri) {
            this.id = id;
            this.madeInAdmin = madeInAdmin;
            this.topic = topic;
            this.uri = uri;
        }

        /** The webhook's topic header form: products/update for PRODUCTS_UPDATE. */
        static String apiTopic(String headerTopic) {
            return headerTopic.toUpperCase(java.util.Locale.ROOT).replace('/', '_');
        }
    }

    final String name;
    final String domain;
    final List<Subscription> subscriptions = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The shop's first location; a merchant stocking a variant elsewhere adds another (merchant/inventory). */
    final long locationId;
    final java.util.Set<Long> locations = new java.util.LinkedHashSet<>();
    final Map<Long, Product> products = new LinkedHashMap<>();
    /** inventory item id -> location id -> available */
    final Map<Long, Map<Long, Integer>> inventory = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong(7_000_000_000L);
    private final int bucketSize;
    private final int restoreRate;
    private double available;
    private long lastRefillNanos = System.nanoTime();

    public ShopifyShop(String name, String domain, long locationId, int bucketSize, int restoreRate) {
        this.name = name;
        this.domain = domain;
        this.locationId = locationId;
        this.locations.add(locationId);
        this.bucketSize = bucketSize;
        this.restoreRate = restoreRate;
        this.available = bucketSize;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    /** Shopify timestamps have whole seconds. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    Variant variantByInventoryItem(long inventoryItemId) {
        for (Product p : products.values()) {
            for (Variant v : p.variants) {
                if (v.inventoryItemId == inventoryItemId) {
                    return v;
                }
            }
        }
        return null;
    }

    int quantity(long inventoryItemId, long location) {
        return inventory.getOrDefault(inventoryItemId, Map.of()).getOrDefault(location, 0);
    }

    /** A variant's inventoryQuantity (REST inventory_quantity): the sum over all locations, as Shopify reports it. */
    int totalQuantity(long inventoryItemId) {
        return inventory.getOrDefault(inventoryItemId, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
    }

    void setQuantity(long inventoryItemId, long location, int quantity) {
        inventory.computeIfAbsent(inventoryItemId, k -> new LinkedHashMap<>()).put(location, quantity);
    }

    /** Takes the query's cost from the bucket; false when the bucket holds too little (THROTTLED). */
    synchronized boolean spend(int cost) {
        refill();
        if (cost > available) {
            return false;
        }
        available -= cost;
        return true;
    }

    /** Gives back what a query was charged beyond its actual cost (nothing executed: all of it). */
    synchronized void refund(int points) {
        refill();
        available = Math.min(bucketSize, available + points);
    }

    /** An injected throttle: the bucket is empty, as it would be after a burst from other apps. */
    synchronized void drain() {
        refill();
        available = 0;
    }

    synchronized Map<String, Object> throttleStatus() {
        refill();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("maximumAvailable", (double) bucketSize);
        status.put("currentlyAvailable", (int) Math.floor(available));
        status.put("restoreRate", (double) restoreRate);
        return status;
    }

    private void refill() {
        long now = System.nanoTime();
        available = Math.min(bucketSize, available + (now - lastRefillNanos) / 1e9 * restoreRate);
        lastRefillNanos = now;
    }
}
