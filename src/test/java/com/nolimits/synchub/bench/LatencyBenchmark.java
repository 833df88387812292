package com.nolimits.synchub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark 2: propagation latency. Merchant price edits arrive as signed Shopify webhooks at a fixed
 * rate; each one's latency runs from the moment its webhook was answered to the moment the last
 * affected platform (WooCommerce: the price goes to the other shop, not to JTL-FFN, not back to
 * Shopify) received the push carrying that price, read from the WooCommerce sandbox's journal.
 * Every edit has its own price, and each product changes at most once in its Shopify second.
 */
final class LatencyBenchmark {

    /**
     * @param cpuMsPerEdit   the hub's CPU time from the first edit until the last push and its echo, per edit
     * @param dbCpuMsPerEdit the database server's over the same time (NaN when it does not run here)
     * @param maxQueueDepth  the most jobs pending or running at once, sampled every 250 ms
     * @param cpuSeconds     the wall-clock time the CPU figures cover (first edit until quiet)
     * @param systemShare    of the hub's CPU time, the share spent in the kernel (NaN when not known)
     * @param compilerShare  of the hub's CPU time, the share its JIT compiler threads used (NaN when not known)
     */
    record Result(int ratePerSecond, int seconds, int products, int sent, int measured, long p50, long p95, long p99,
                  long max, double cpuMsPerEdit, double dbCpuMsPerEdit, long maxQueueDepth, double cpuSeconds,
                  double systemShare, double compilerShare) {

        /** The CPU per edit beyond what the process spends at rest ({@code restMsPerSecond}) over the same time. */
        double aboveRest(double msPerEdit, double restMsPerSecond) {
            return msPerEdit - restMsPerSecond * cpuSeconds / Math.max(1, sent);
        }
    }

    /**
     * The products the edits go to: made in the hub and on every platform, then edited once in Shopify,
     * unmeasured, and read back from there. The hub made them moments ago, so a first Shopify price edit
     * of each is a conflict the merge records (two origins within the conflict window); the later ones are
     * plain edits. Without that round the first step would measure the conflicts (about three times the
     * CPU per edit of the next step, seen in the runs of 2026-12-07) and the rest would not.
     */
    static List<ObjectNode> catalogue(BenchHttp http, Journals journals, String prefix, int products) throws Exception {
        Fixtures.createInHub(http, journals, prefix, products);
        for (ObjectNode product : Fixtures.shopifyProducts(http, prefix).values()) {
            String sku = product.path("variants").path(0).path("sku").asText();
            BenchHttp.Answer edited = Fixtures.editShopifyPrice(http, product.path("id").asText(), sku, WARM_UP_PRICE);
            if (edited.status() != 200) {
                throw new IllegalStateException("editing " + sku + " in the Shopify sandbox: " + edited.status());
            }
        }
        Thread.sleep(1000); // the sandbox's webhooks in flight
        journals.awaitQuiet(Duration.ofMinutes(5));
        return new ArrayList<>(Fixtures.shopifyProducts(http, prefix).values());
    }

    /** Below every price a step sends (100.00 and up), so no step's edit repeats it. */
    private static final String WARM_UP_PRICE = "99.99";

    static Result run(BenchHttp http, Journals journals, int products, int ratePerSecond, int seconds, CpuClock cpu)
            throws Exception {
        return run(http, journals, catalogue(http, journals, "LAT", products), ratePerSecond, seconds, 0, cpu, CpuClock.NONE,
                () -> -1L);
    }

    /**
     * One load step over the catalogue; every edit's price is {@code 100 + (priceBase + n) / 100}, so steps
     * with different bases never send a price a product already holds.
     */
    static Result run(BenchHttp http, Journals journals, List<ObjectNode> catalogue, int ratePerSecond, int seconds,
                      int priceBase, CpuClock cpu, CpuClock db, java.util.function.LongSupplier queueDepth) throws Exception {
        journals.clear();
        long startedNanos = System.nanoTime();
        double cpuBefore = cpu.seconds();
        double systemBefore = cpu.systemSeconds();
        double compilerBefore = cpu.compilerSeconds();
        double dbBefore = db.seconds();
        java.util.concurrent.atomic.AtomicLong deepest = new java.util.concurrent.atomic.AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> deepest.accumulateAndGet(queueDepth.getAsLong(), Math::max), 0, 250, TimeUnit.MILLISECONDS);

        int total = ratePerSecond * seconds;
        Map<String, Instant> answeredAt = new ConcurrentHashMap<>();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        long periodMicros = 1_000_000L / ratePerSecond;
        clock.scheduleAtFixedRate(() -> {
            int n = next.getAndIncrement();
            if (n >= total) {
                return;
            }
            senders.execute(() -> {
                String price = String.format("%d.%02d", 100 + (priceBase + n) / 100, (priceBase + n) % 100);
                String body = Fixtures.priceChange(catalogue.get(n % catalogue.size()), price, Instant.now());
                if (http.shopifyWebhook("products/update", body).status() == 200) {
                    answeredAt.put(price, Instant.now());
                } else {
                    failures.incrementAndGet();
                }
            });
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        while (next.get() < total) {
            Thread.sleep(50);
        }
        clock.shutdown();
        senders.shutdown();
        senders.awaitTermination(1, TimeUnit.MINUTES);
        journals.awaitQuiet(Duration.ofMinutes(5));
        sampler.shutdownNow();
        double cpuSeconds = (System.nanoTime() - startedNanos) / 1e9;
        double systemShare = (cpu.systemSeconds() - systemBefore) / Math.max(1e-9, cpu.seconds() - cpuBefore);
        double compilerShare = (cpu.compilerSeconds() - compilerBefore) / Math.max(1e-9, cpu.seconds() - cpuBefore);
        double cpuMsPerEdit = (cpu.seconds() - cpuBefore) * 1000 / Math.max(1, total - failures.get());
        double dbCpuMsPerEdit = (db.seconds() - dbBefore) * 1000 / Math.max(1, total - failures.get());

        List<Long> latencies = new ArrayList<>();
        for (JsonNode call : journals.entries("woocommerce")) {
            String price = normalise(call.path("body").path("regular_price").asText(null));
            Instant sent = price == null ? null : answeredAt.get(price);
            if (sent != null && call.path("status").asInt() == 200) {
                latencies.add(Duration.between(sent, Journals.at(call)).toMillis());
            }
        }
        Collections.sort(latencies);
        if (latencies.isEmpty()) {
            throw new IllegalStateException("no push carried a sent price; failures: " + failures.get());
        }
        leaveTheShopAsTheEditsWould(http, journals, catalogue);
        return new Result(ratePerSecond, seconds, catalogue.size(), total - failures.get(), latencies.size(),
                percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99),
                latencies.get(latencies.size() - 1), cpuMsPerEdit, dbCpuMsPerEdit, deepest.get(), cpuSeconds, systemShare,
                compilerShare);
    }

    /**
     * The webhooks stood in for merchant edits the Shopify sandbox never saw. Left so, the shop would hold
     * prices the hub was told it no longer holds, and the next push of another field there would read
     * back as the merchant setting the old price again. So each product's price in the shop is set to the
     * one the hub took, as the edits would have left it; those webhooks change nothing in the hub.
     */
    private static void leaveTheShopAsTheEditsWould(BenchHttp http, Journals journals, List<ObjectNode> catalogue)
            throws Exception {
        for (ObjectNode product : catalogue) {
            String sku = product.path("variants").path(0).path("sku").asText();
            String price = http.api("GET", "/client/demo/product?sku=" + sku, null).json().path("data").path("price").asText();
            BenchHttp.Answer set = Fixtures.editShopifyPrice(http, product.path("id").asText(), sku, price);
            if (set.status() != 200) {
                throw new IllegalStateException("setting " + sku + "'s price in the Shopify sandbox: " + set.status());
            }
        }
        Thread.sleep(1000); // the sandbox's webhooks in flight
        journals.awaitQuiet(Duration.ofMinutes(5));
    }

    /** WooCommerce prices are decimal strings: "101.5" for "101.50". */
    private static String normalise(String price) {
        if (price == null || price.isEmpty()) {
            return null;
        }
        return new java.math.BigDecimal(price).setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
