package com.nolimits.synchub.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 3: propagation at stepped loads, the latency benchmark's edits (Shopify price edits to
 * WooCommerce) at each rate in turn over one catalogue, to find where the merge-and-push path stops
 * keeping up: latency, the hub's and the database's CPU per edit and the queue's depth per step. Their CPU
 * at rest (quiet, with their polls and timers) is measured first, for half a step: at a low rate it is a
 * large share of each edit's figure, and it is not the edits' cost. Before that the path is warmed up:
 * the JIT compiles a hub's merge-and-push path for minutes once it meets it (on 2 cores, about half of a
 * cold first step's CPU in the runs of 2026-12-07), and that is not the edits' cost either.
 */
final class SaturationBenchmark {

    /** The p99 a step must stay under to count as kept up with. */
    static final long P99_LIMIT_MILLIS = 250;

    /** The warm-up: the second step's rate for this many steps' time, unreported. */
    static final int WARM_UP_STEPS = 2;

    /** The warm-up's prices start at 10,100.00, far above any a step sends. */
    private static final int WARM_UP_PRICE_BASE = 1_000_000;

    /** @param hubRestMsPerSecond, dbRestMsPerSecond CPU per second of wall-clock time at rest */
    record Result(List<LatencyBenchmark.Result> steps, double hubRestMsPerSecond, double dbRestMsPerSecond) {

        /** The highest rate whose p99 stayed under the limit, 0 when none did. */
        int highestKeptUp() {
            return steps.stream().filter(s -> s.p99() < P99_LIMIT_MILLIS).mapToInt(LatencyBenchmark.Result::ratePerSecond)
                    .max().orElse(0);
        }
    }

    static Result run(BenchSettings settings, BenchHttp http, Journals journals, CpuClock hub, CpuClock db) throws Exception {
        List<ObjectNode> catalogue = LatencyBenchmark.catalogue(http, journals, "SAT", settings.saturationProducts());
        int warmUpRate = settings.saturationRates().get(Math.min(1, settings.saturationRates().size() - 1));
        LatencyBenchmark.run(http, journals, catalogue, warmUpRate, WARM_UP_STEPS * settings.saturationSeconds(),
                WARM_UP_PRICE_BASE, hub, db, () -> -1L);
        long restNanos = java.util.concurrent.TimeUnit.SECONDS.toNanos(Math.max(1, settings.saturationSeconds() / 2));
        double hubBefore = hub.seconds();
        double dbBefore = db.seconds();
        Thread.sleep(restNanos / 1_000_000);
        double hubRest = (hub.seconds() - hubBefore) * 1e12 / restNanos;
        double dbRest = (db.seconds() - dbBefore) * 1e12 / restNanos;
        List<LatencyBenchmark.Result> steps = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(settings.databaseUrl(), "postgres", "")) {
            int priceBase = 0;
            for (int rate : settings.saturationRates()) {
                steps.add(LatencyBenchmark.run(http, journals, catalogue, rate, settings.saturationSeconds(), priceBase, hub, db,
                        () -> queueDepth(connection)));
                priceBase += rate * settings.saturationSeconds();
            }
        }
        return new Result(steps, hubRest, dbRest);
    }

    /** Jobs pending or running now. */
    private static long queueDepth(Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from sync_job where status in ('pending', 'processing')")) {
            count.next();
            return count.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }
}
