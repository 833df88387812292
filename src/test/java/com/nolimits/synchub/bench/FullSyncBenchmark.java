package com.nolimits.synchub.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;

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

    record Result(int products, double seconds, double boundSeconds, long shopifyCalls, long wooCalls, long jtlCalls,
                  long failedJobs, long retriedPushes) {
    }

    static Result run(BenchSettings settings, BenchHttp http, Journals journals, int products) throws Exception {
        insertProducts(settings, "FULL", products, 0);
        journals.awaitQuiet(Duration.ofMinutes(1));
        journals.clear();
        long started = System.nanoTime();
        JsonNode sync = http.api("POST", "/client/demo/full-sync", "{}").json().path("data");
        String progressUrl = "/client/demo/full-sync/" + sync.path("id").asText();
        JsonNode progress;
        do {
            Thread.sleep(500);
            progress = http.api("GET", progressUrl, null).json().path("data");
        } while (!progress.path("finished").asBoolean());
        double seconds = (System.nanoTime() - started) / 1e9;
        journals.awaitQuiet(Duration.ofMinutes(5));
        long total = http.api("GET", "/status/demo", null).json().path("data").path("total").asLong();
        double bound = Math.max(0, (double) total * PRODUCT_SET_COST - SHOPIFY_BUCKET) / SHOPIFY_RESTORE_PER_SECOND;
        JsonNode metrics = http.api("GET", "/metrics", null).json().path("data");
        long retried = 0;
        for (JsonNode platform : metrics.path("pushes")) {
            retried += platform.path("retried").path("count").asLong();
        }
        return new Result((int) total, seconds, bound, journals.writes("shopify"), journals.writes("woocommerce"),
                journals.writes("jtl"), progress.path("failed").asLong(), retried);
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
