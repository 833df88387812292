package com.nolimits.synchub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Benchmark 1: signed webhooks answered per second by N concurrent senders (each one verified,
 * deduplicated and stored before its 200), next to a bare platform-http route on the same server; and the
 * CPU time the hub spent per request, from the start of the load until it has merged what it stored.
 */
final class IngestBenchmark {

    /** Answers other than 200 are counted by what they were (a status, or the client's exception). */
    record Result(int senders, int seconds, double webhooksPerSecond, double barePerSecond,
                  Map<String, Long> webhookErrors, Map<String, Long> bareErrors, double cpuMsPerWebhook, double cpuMsPerBare,
                  double dbCpuMsPerWebhook, double dbCpuMsPerBare) {
        double ratio() {
            return webhooksPerSecond / barePerSecond;
        }
    }

    /** @param db the database server's CPU clock ({@link PostgresCpu}), or {@link CpuClock#NONE} */
    static Result run(BenchHttp http, Journals journals, int senders, int seconds, CpuClock cpu, CpuClock db) throws Exception {
        // one product of the Shopify sandbox, its update sent again and again with new event ids: each one is
        // a new event to store (and, merged later, changes nothing)
        BenchHttp.Answer created = http.sandbox("POST", "shopify/demo/merchant/products",
                "{\"title\": \"Ingest Tee\", \"variants\": [{\"sku\": \"INGEST-1\", \"price\": \"10.00\"}]}");
        if (created.status() != 201) {
            throw new IllegalStateException("Shopify sandbox: " + created.status() + " " + created.body());
        }
        journals.awaitQuiet(java.time.Duration.ofMinutes(1));
        String body = created.json().path("product").toString();
        double before = cpu.seconds();
        double dbBefore = db.seconds();
        Load bare = load(senders, Math.max(1, seconds / 2), () -> http.post("/api/integrations/webhooks/bench-bare", body));
        double between = cpu.seconds();
        double dbBetween = db.seconds();
        Load webhooks = load(senders, seconds, () -> http.shopifyWebhook("products/update", body));
        journals.awaitQuiet(java.time.Duration.ofMinutes(10)); // every stored webhook merged: its whole cost
        double after = cpu.seconds();
        double dbAfter = db.seconds();
        return new Result(senders, seconds, webhooks.perSecond, bare.perSecond, webhooks.failures(), bare.failures(),
                (after - between) * 1000 / webhooks.answered, (between - before) * 1000 / bare.answered,
                (dbAfter - dbBetween) * 1000 / webhooks.answered, (dbBetween - dbBefore) * 1000 / bare.answered);
    }

    /** @param answered requests answered 200, the warm-up's included */
    private record Load(double perSecond, Map<String, LongAdder> failed, long answered) {
        Map<String, Long> failures() {
            Map<String, Long> counts = new TreeMap<>();
            failed.forEach((what, n) -> counts.put(what, n.sum()));
            return counts;
        }
    }

    private static Load load(int senders, int seconds, Supplier<BenchHttp.Answer> call) throws Exception {
        // a short warm-up, so the JIT and the connection pools are ready
        LongAdder warm = new LongAdder();
        runFor(senders, 2_000, call, warm, new ConcurrentHashMap<>());
        LongAdder ok = new LongAdder();
        Map<String, LongAdder> failed = new ConcurrentHashMap<>();
        long started = System.nanoTime();
        runFor(senders, seconds * 1000L, call, ok, failed);
        double elapsed = (System.nanoTime() - started) / 1e9;
        return new Load(ok.sum() / elapsed, failed, Math.max(1, warm.sum() + ok.sum()));
    }

    private static void runFor(int senders, long millis, Supplier<BenchHttp.Answer> call, LongAdder ok,
                               Map<String, LongAdder> failed) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        long end = System.nanoTime() + millis * 1_000_000;
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    BenchHttp.Answer answer = call.get();
                    if (answer.status() == 200) {
                        ok.increment();
                    } else {
                        String what = answer.status() > 0 ? "HTTP " + answer.status() : answer.body();
                        failed.computeIfAbsent(what, k -> new LongAdder()).increment();
                    }
                }
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
