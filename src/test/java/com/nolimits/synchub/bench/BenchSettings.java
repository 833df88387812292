package com.nolimits.synchub.bench;

import java.util.List;

/** What a benchmark run does: the full run of docs/benchmarks.md, or the tiny one the test suite checks. */
record BenchSettings(String name, int ingestSenders, int ingestSeconds, int latencyProducts, int latencyRatePerSecond,
                     int latencySeconds, List<Integer> saturationRates, int saturationSeconds, int saturationProducts,
                     int fullSyncEdits, int footprintProducts, String schema, List<String> hubJvmOptions,
                     List<String> hubArguments) {

    static BenchSettings full() {
        // native memory tracking costs the hub a little memory and time, and tells where the rest goes
        List<String> jvm = new java.util.ArrayList<>(List.of("-Xmx256m", "-XX:NativeMemoryTracking=summary"));
        String extra = System.getenv("BENCH_HUB_JVM_OPTIONS"); // e.g. -XX:StartFlightRecording=filename=hub.jfr
        if (extra != null && !extra.isBlank()) {
            jvm.addAll(List.of(extra.trim().split("\\s+")));
        }
        // saturation: each product changes at most once a second at the highest rate
        return new BenchSettings("full", 32, 20, 300, 50, 60, List.of(25, 50, 100, 200, 400), 30, 400, 50, 100_000,
                "synchub_bench", List.copyOf(jvm), List.of());
    }

    /** The full run's ingest and saturation only (bench/run.sh capacity): capacity against the bare route, in minutes. */
    static BenchSettings capacity() {
        BenchSettings full = full();
        return full.copy("capacity", full.schema);
    }

    boolean capacityOnly() {
        return name.equals("capacity");
    }

    static BenchSettings tiny() {
        // leases of seconds, not minutes: a hub killed in fault 1 has its claims taken back while the test waits;
        // JTL-FFN polled every second, not every 10 s: the stock changes made there are read while the test waits.
        // The JIT's first tier only: a hub that lives a minute starts on about a third less CPU
        return new BenchSettings("tiny", 4, 2, 4, 10, 1, List.of(5, 10), 1, 10, 3, 500, "synchub_bench_smoke",
                List.of("-XX:TieredStopAtLevel=1"),
                List.of("--sync.webhooks.lease=6", "--sync.queue.lease=6", "--sync.queue.lease-renew-interval=1000",
                        "--sync.jtl.poll-interval=1000"));
    }

    /** The same settings on another schema: runs side by side must not share one. */
    BenchSettings inSchema(String otherSchema) {
        return copy(name, otherSchema);
    }

    private BenchSettings copy(String otherName, String otherSchema) {
        return new BenchSettings(otherName, ingestSenders, ingestSeconds, latencyProducts, latencyRatePerSecond, latencySeconds,
                saturationRates, saturationSeconds, saturationProducts, fullSyncEdits, footprintProducts, otherSchema,
                hubJvmOptions, hubArguments);
    }

    /** BENCH_DATABASE_URL, else the tests' server (TestPostgres: the local one when it answers, else an embedded one). */
    String databaseUrl() {
        String configured = System.getenv("BENCH_DATABASE_URL");
        String base = configured != null && !configured.isBlank() ? configured : com.nolimits.synchub.TestPostgres.server().url();
        return base + "?currentSchema=" + schema;
    }
}
