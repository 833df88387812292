package com.nolimits.synchub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fault 2: for a while the three sandboxes answer 20% of the hub's API calls 500, let 10% hang (past
 * the hub's 30 s response timeout in the full run) and throttle bursts of calls (429, Shopify's
 * THROTTLED), while changes keep coming from the hub, the Shopify merchant and the JTL warehouse. Then
 * the faults stop. Passes when every retry waited at least its scheduled backoff, no job was tried
 * more often than allowed, nothing is left pending or failed, and every platform holds the last value of
 * every field, with no operator: jobs whose three attempts all fell into the faulty minutes are queued
 * again by the hub's failed-push recovery (counted in the report).
 */
final class FlakyPlatforms {

    /** What one run sets: the full run of docs/benchmarks.md or the test suite's tiny one. */
    record Settings(int products, int faultSeconds, double changesPerSecond, int burstEverySeconds, int burstCalls,
                    long timeoutMs, long retryDelayMs, long recoveryDelayMs) {
        static Settings full() { // the hub's default retry and recovery schedule
            return new Settings(30, 300, 1, 60, 20, 35_000, 60_000, 300_000);
        }

        static Settings tiny() {
            return new Settings(3, 12, 2, 5, 3, 1_500, 1_000, 2_000);
        }
    }

    record Result(Settings settings, int changes, Map<String, Long> faultAnswers, long retries, long earlyRetries,
                  long shortBackoffs, long overAttempts, long recovered, long stillOpen,
                  List<String> wrong, double drainSeconds) {
        boolean passed() {
            return retries > 0 && earlyRetries == 0 && shortBackoffs == 0 && overAttempts == 0 && stillOpen == 0
                    && wrong.isEmpty();
        }
    }

    private static final String PREFIX = "FLAKY";
    /** src/main/resources/application-sandbox.yaml: the sandbox profile polls the JTL warehouse every 10 s. */
    static final long JTL_POLL_MS = 10_000;
    private static final Pattern RETRY = Pattern.compile("^attempt (\\d+) failed, retry at (\\S+): ");

    /** The last value each field got, per product: what every platform must hold in the end. */
    private record Expected(String hubId, long shopifyId, String sku, String[] name, BigDecimal[] price, String[] notes,
                            int[] stock) {
    }

    static Result run(BenchSettings bench, Settings settings, Path workDir) throws Exception {
        HubProcess.resetSchema(bench);
        try (HubProcess hub = HubProcess.start(bench, workDir, HubProcess.freePort(),
                List.of("--sync.queue.retry-delay=" + settings.retryDelayMs(),
                        "--sync.jtl.token-backoff=" + Math.min(5000, settings.retryDelayMs()) + "ms", // never longer than the retries
                        "--sync.queue.recovery-delay=" + settings.recoveryDelayMs()))) {
            BenchHttp http = new BenchHttp(hub.base);
            Journals journals = new Journals(http);
            Fixtures.createInHub(http, journals, PREFIX, settings.products());
            List<Expected> products = expectations(http, settings.products());
            journals.clear();

            faults(http, "{\"reset\": true, \"seed\": 7, \"errorRate\": 0.2, \"timeoutRate\": 0.1, \"timeoutMs\": "
                    + settings.timeoutMs() + ", \"retryAfterSeconds\": 5}");
            int changes = changeWhileFaulty(http, settings, products);
            faults(http, "{\"reset\": true}");
            Map<String, Long> faultAnswers = faultAnswers(journals);

            long drainStarted = System.nanoTime();
            Thread.sleep(JTL_POLL_MS + 2_000); // the last stock booking is read by the next poll
            // every retry the schedule allows (60 s, then 120 s), a recovery after that, and its retries
            long settleMs = (settings.retryDelayMs() * 4 + settings.timeoutMs() * 3) * 2 + settings.recoveryDelayMs() + 120_000;
            awaitNothingToDo(bench, Duration.ofMillis(settleMs));
            journals.awaitQuiet(Duration.ofMinutes(2));
            double drain = (System.nanoTime() - drainStarted) / 1e9;

            Schedule schedule = schedule(bench, settings.retryDelayMs());
            return new Result(settings, changes, faultAnswers, schedule.retries, schedule.early, schedule.shortBackoffs,
                    schedule.overAttempts, count(bench, "select count(*) from sync_job where recoveries > 0"),
                    openJobs(bench) + failedJobs(bench), compare(http, products), drain);
        }
    }

    private static List<Expected> expectations(BenchHttp http, int count) {
        Map<String, ObjectNode> shopify = Fixtures.shopifyProducts(http, PREFIX);
        List<Expected> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String sku = PREFIX + "-" + i;
            String hubId = http.api("GET", "/client/demo/product?sku=" + sku, null).json().path("data").path("id").asText();
            out.add(new Expected(hubId, shopify.get(sku).path("id").asLong(), sku, new String[] {PREFIX + " " + i},
                    new BigDecimal[] {BigDecimal.TEN}, new String[] {null}, new int[] {5}));
        }
        return out;
    }

    private static void faults(BenchHttp http, String settings) {
        for (String sandbox : Journals.SANDBOXES) {
            BenchHttp.Answer answer = http.sandbox("PUT", sandbox + "/demo/faults", settings);
            if (answer.status() != 200) {
                throw new IllegalStateException(sandbox + " faults: " + answer.status() + " " + answer.body());
            }
        }
    }

    /** One change at a time, at the set rate, of a random product, in a random one of four places. */
    private static int changeWhileFaulty(BenchHttp http, Settings settings, List<Expected> products) throws Exception {
        Random random = new Random(42);
        long start = System.nanoTime();
        long end = start + settings.faultSeconds() * 1_000_000_000L;
        long nextBurst = start;
        int changes = 0;
        while (System.nanoTime() < end) {
            if (System.nanoTime() >= nextBurst) {
                faults(http, "{\"throttleNext\": " + settings.burstCalls() + "}");
                nextBurst += settings.burstEverySeconds() * 1_000_000_000L;
            }
            Expected p = products.get(random.nextInt(products.size()));
            int n = changes++;
            switch (random.nextInt(4)) {
                case 0 -> { // hub: name, reaches Shopify and WooCommerce
                    p.name[0] = PREFIX + " name " + n;
                    expect(http.api("PATCH", "/product/" + p.hubId(), "{\"name\": \"" + p.name[0] + "\"}"), 200);
                }
                case 1 -> { // hub: warehouse notes, reach JTL-FFN only
                    p.notes[0] = "note " + n;
                    expect(http.api("PATCH", "/product/" + p.hubId(), "{\"warehouseNotes\": \"" + p.notes[0] + "\"}"), 200);
                }
                case 2 -> { // the Shopify merchant: price, reaches the hub and WooCommerce
                    p.price[0] = new BigDecimal(10 + n % 90 + ".50");
                    expect(Fixtures.editShopifyPrice(http, p.shopifyId(), p.sku(), p.price[0]), 200);
                }
                default -> { // the warehouse books stock, read by the next JTL poll, reaches both shops
                    p.stock[0] = n % 500;
                    expect(http.sandbox("POST", "jtl/demo/warehouse/stock",
                            "{\"merchantSku\": \"" + p.sku() + "\", \"stockLevel\": " + p.stock[0] + "}"), 200);
                }
            }
            long due = start + (long) (changes * 1e9 / settings.changesPerSecond());
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        return changes;
    }

    private static void expect(BenchHttp.Answer answer, int status) {
        if (answer.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + answer.status() + " " + answer.body());
        }
    }

    /** The answers the sandboxes gave the hub while faulty, by platform and status. */
    private static Map<String, Long> faultAnswers(Journals journals) {
        Map<String, Long> out = new TreeMap<>();
        for (String sandbox : Journals.SANDBOXES) {
            for (JsonNode call : journals.entries(sandbox)) {
                out.merge(sandbox + " " + call.path("status").asInt(), 1L, Long::sum);
            }
        }
        return out;
    }

    private record Schedule(long retries, long early, long shortBackoffs, long overAttempts) {
    }

    /**
     * From the hub's sync log: every failed attempt it means to retry is logged as "attempt n failed,
     * retry at W". W must be at least the backoff after the failure (retry delay x 2^(n-1)), and the next
     * attempt at that product and channel must not be logged before W.
     */
    private static Schedule schedule(BenchSettings bench, long retryDelayMs) throws Exception {
        long retries = 0;
        long early = 0;
        long shortBackoffs = 0;
        Map<String, Instant> retryAt = new HashMap<>();
        try (Connection db = DriverManager.getConnection(bench.databaseUrl(), "postgres", "");
             ResultSet rs = db.createStatement().executeQuery("""
                     select product_id, channel_id, created_at, error_message from sync_log
                     where action = 'push' order by id""")) {
            while (rs.next()) {
                String key = rs.getString("product_id") + " " + rs.getString("channel_id");
                Instant at = rs.getObject("created_at", OffsetDateTime.class).toInstant();
                Instant scheduled = retryAt.remove(key);
                if (scheduled != null && at.isBefore(scheduled.minusMillis(500))) {
                    early++;
                }
                String message = rs.getString("error_message");
                Matcher retry = message == null ? null : RETRY.matcher(message);
                if (retry != null && retry.find()) {
                    retries++;
                    long backoff = retryDelayMs << (Integer.parseInt(retry.group(1)) - 1);
                    Instant when = Instant.parse(retry.group(2));
                    if (when.isBefore(at.plusMillis(backoff - 1000))) {
                        shortBackoffs++;
                    }
                    retryAt.put(key, when);
                }
            }
            try (ResultSet over = db.createStatement().executeQuery(
                    "select count(*) from sync_job where attempts > max_attempts")) {
                over.next();
                return new Schedule(retries, early, shortBackoffs, over.getLong(1));
            }
        }
    }

    private static long failedJobs(BenchSettings bench) throws Exception {
        return count(bench, """
                select count(*) from sync_job j where j.status = 'failed' and not exists (select 1 from sync_job k
                    where k.product_id = j.product_id and k.channel_id = j.channel_id and k.id > j.id)""");
    }

    /** Until no job is pending, processing or waiting for its recovery (or the time is up). */
    private static void awaitNothingToDo(BenchSettings bench, Duration atMost) throws Exception {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline && openJobs(bench) + count(bench,
                "select count(*) from sync_job where status = 'failed' and recover_at is not null") > 0) {
            Thread.sleep(1_000);
        }
    }

    private static long openJobs(BenchSettings bench) throws Exception {
        return count(bench, "select count(*) from sync_job where status in ('pending', 'processing')");
    }

    private static long count(BenchSettings bench, String sql) throws Exception {
        try (Connection db = DriverManager.getConnection(bench.databaseUrl(), "postgres", "");
             ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every platform's value of every field against the last change made to it. */
    private static List<String> compare(BenchHttp http, List<Expected> products) {
        Map<String, String> hubIds = new java.util.LinkedHashMap<>();
        products.forEach(p -> hubIds.put(p.sku(), p.hubId()));
        Map<String, ProductViews> views = ProductViews.read(http, PREFIX, hubIds);
        List<String> wrong = new ArrayList<>();
        for (Expected p : products) {
            ProductViews view = views.get(p.sku());
            Map<String, Object> last = Map.of("hub name", p.name[0], "hub price", p.price[0], "hub available", p.stock[0]);
            ProductViews.SAME_EVERYWHERE.forEach((hubField, platformFields) -> {
                Object expected = hubField.equals("hub warehouse notes") ? p.notes[0] : last.get(hubField);
                view.expect(wrong, hubField, expected);
                platformFields.forEach(field -> view.expect(wrong, field, expected));
            });
        }
        return wrong;
    }

    private FlakyPlatforms() {
    }
}
