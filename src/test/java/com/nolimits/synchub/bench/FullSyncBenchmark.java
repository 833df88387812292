package com.nolimits.synchub.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 4: a full sync of N products that no platform has yet, to all three platforms. Its lower
 * bound is Shopify's cost budget (the sandbox runs the Standard plan: bucket 2000 points, restored at
 * 100 points/s, 10 points per productSet); WooCommerce takes batches of 100 and the JTL-FFN sandbox, like
 * the documented API, has no published limit.
 */
final class FullSyncBenchmark {

    static final int SHOPIFY_BUCKET = 2000;
    static final int SHOPIFY_RESTORE_PER_SECOND = 100;
    static final int PRODUCT_SET_COST = 10;

    /** Merchant edits made in WooCommerce while the full sync ran, until Shopify received them. */
    record EditLatency(int sent, int measured, long p50, long p99, long max) {
    }

    record Result(int products, double seconds, double boundSeconds, long shopifyCalls, long wooCalls, long jtlCalls,
                  long failedJobs, long retriedPushes, EditLatency edits) {
    }

    static Result run(BenchSettings settings, BenchHttp http, Journals journals, int products, int edits) throws Exception {
        List<JsonNode> edited = editableProducts(http, journals, edits);
        insertProducts(settings, "FULL", products, 0);
        journals.awaitQuiet(Duration.ofMinutes(1));
        journals.clear();
        long total = http.api("GET", "/status/demo", null).json().path("data").path("total").asLong();
        double bound = Math.max(0, (double) total * PRODUCT_SET_COST - SHOPIFY_BUCKET) / SHOPIFY_RESTORE_PER_SECOND;
        long started = System.nanoTime();
        JsonNode sync = http.api("POST", "/client/demo/full-sync", "{}").json().path("data");
        String progressUrl = "/client/demo/full-sync/" + sync.path("id").asText();
        // the merchant's edits, spread over the time the full sync is bound to take
        Map<String, Instant> editedAt = new ConcurrentHashMap<>();
        ScheduledExecutorService merchant = Executors.newSingleThreadScheduledExecutor();
        long everyMillis = Math.max(100, (long) (bound * 1000 / (edits + 5)));
        for (int n = 0; n < edited.size(); n++) {
            JsonNode product = edited.get(n);
            // odd cents: no trailing zero for the hub to drop, so the price is found as written
            String price = String.format(Locale.ROOT, "%d.%02d", 700 + n / 40, 11 + 2 * (n % 40));
            merchant.schedule(() -> {
                Instant at = Instant.now();
                if (http.sandbox("PUT", "woocommerce/demo/merchant/products/" + product.path("id").asText(),
                        "{\"regular_price\": \"" + price + "\"}").status() == 200) {
                    editedAt.put(price, at);
                }
            }, 2000 + n * everyMillis, TimeUnit.MILLISECONDS);
        }
        JsonNode progress;
        do {
            Thread.sleep(500);
            progress = http.api("GET", progressUrl, null).json().path("data");
        } while (!progress.path("finished").asBoolean());
        double seconds = (System.nanoTime() - started) / 1e9;
        merchant.shutdown();
        merchant.awaitTermination(10, TimeUnit.MINUTES);
        journals.awaitQuiet(Duration.ofMinutes(5));
        JsonNode metrics = http.api("GET", "/metrics", null).json().path("data");
        long retried = 0;
        for (JsonNode platform : metrics.path("pushes")) {
            retried += platform.path("retried").path("count").asLong();
        }
        return new Result((int) total, seconds, bound, journals.writes("shopify"), journals.writes("woocommerce"),
                journals.writes("jtl"), progress.path("failed").asLong(), retried, editLatency(journals, edited.size(), editedAt));
    }

    /** Products on every platform, made for the edits: each is edited once, its full-sync job pending. */
    private static List<JsonNode> editableProducts(BenchHttp http, Journals journals, int count) throws Exception {
        Fixtures.createInHub(http, journals, "EDIT", count);
        List<JsonNode> products = new ArrayList<>();
        for (JsonNode product : http.sandbox("GET", "woocommerce/demo/merchant/products", null).json()) {
            if (product.path("sku").asText().startsWith("EDIT-")) {
                products.add(product);
            }
        }
        return products;
    }

    /** From each edit to the first Shopify write carrying its price (every edit has a price of its own). */
    private static EditLatency editLatency(Journals journals, int sent, Map<String, Instant> editedAt) {
        Map<String, Instant> reached = new java.util.HashMap<>();
        for (JsonNode call : journals.entries("shopify")) {
            if (!Journals.isWrite(call) || call.path("status").asInt() != 200) {
                continue;
            }
            String body = call.path("body").toString();
            for (String price : editedAt.keySet()) {
                if (!reached.containsKey(price) && body.contains("\"" + price + "\"")) {
                    reached.put(price, Journals.at(call));
                }
            }
        }
        List<Long> latencies = new ArrayList<>();
        reached.forEach((price, at) -> latencies.add(Duration.between(editedAt.get(price), at).toMillis()));
        Collections.sort(latencies);
        if (latencies.isEmpty()) {
            return new EditLatency(sent, 0, -1, -1, -1);
        }
        return new EditLatency(sent, latencies.size(), LatencyBenchmark.percentile(latencies, 50),
                LatencyBenchmark.percentile(latencies, 99), latencies.get(latencies.size() - 1));
    }

    /** Products straight into the hub's table (no platform has them): the fixture of a full sync or of the footprint. */
    static void insertProducts(BenchSettings settings, String prefix, int count, int from) throws Exception {
        try (Connection db = DriverManager.getConnection(settings.databaseUrl(), "postgres", "");
             PreparedStatement insert = db.prepareStatement("""
                     insert into product (client_id, name, sku, price, available)
                     select 'demo', ? || ' ' || i, ? || '-' || i, 10 + i % 90, i % 50 from generate_series(?, ?) i""")) {
            insert.setString(1, prefix);
            insert.setString(2, prefix);
            insert.setInt(3, from);
            insert.setInt(4, from + count - 1);
            insert.executeUpdate();
        }
    }
}
