package com.nolimits.synchub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the benchmarks of docs/benchmarks.md against a hub in a JVM of its own and writes the report.
 * {@code bash bench/run.sh} runs the full set; the test suite runs {@link BenchSettings#tiny()} to
 * check that the harness works, never how fast.
 *
 * Usage: BenchmarkHarness full|capacity|tiny [report.md] [fullSyncProducts]
 */
public final class BenchmarkHarness {

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "full";
        BenchSettings settings = switch (which) {
            case "tiny" -> BenchSettings.tiny();
            case "capacity" -> BenchSettings.capacity();
            default -> BenchSettings.full();
        };
        Path report = Path.of(args.length > 1 ? args[1] : "target/bench/report.md");
        int fullSync = args.length > 2 ? Integer.parseInt(args[2]) : settings.name().equals("tiny") ? 20 : 10_000;
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, run(settings, fullSync, report.toAbsolutePath().getParent()));
        System.out.println("Report written to " + report);
    }

    static String run(BenchSettings settings, int fullSyncProducts, Path workDir) throws Exception {
        StringBuilder md = new StringBuilder();
        md.append("## Run of ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append(" (settings: ").append(settings.name()).append(")\n\n").append(machine(settings)).append('\n');
        try (HubProcess hub = HubProcess.start(settings, workDir)) {
            BenchHttp http = new BenchHttp(hub.base);
            Journals journals = new Journals(http);
            log("hub up in " + hub.startUp.toMillis() + " ms");
            // idle: the first JTL poll and sweeps settle. The full sync runs after latency and calls: its
            // 20,000 echo webhooks keep arriving from the sandboxes for minutes after it finished
            Thread.sleep(settings.name().equals("tiny") ? 1000 : 20_000);
            long idle = hub.residentBytes();

            log("1. ingest");
            CpuClock cpu = CpuClock.of(List.of(hub));
            PostgresCpu postgres = PostgresCpu.of(settings);
            CpuClock db = postgres == null ? CpuClock.NONE : postgres;
            IngestBenchmark.Result ingest = IngestBenchmark.run(http, journals, settings.ingestSenders(), settings.ingestSeconds(),
                    cpu, db);
            md.append(section("1. Ingest", String.format(Locale.ROOT, """
                    %d concurrent senders for %d s (after a 2 s warm-up), each waiting for its answer. CPU: the hub
                    process's user + system time (/proc) per request answered 200, for webhooks until every one
                    stored was merged; the database's: the PostgreSQL server's processes over the same time (/proc:
                    the postmaster, its live children and those it reaped; n/a when the server runs elsewhere).

                    | endpoint | answered 200 per second | not 200 | hub CPU per request | database CPU per request |
                    |---|---|---|---|---|
                    | signed Shopify webhook (verify, dedup, store, answer; then merge) | %.0f | %d | %.2f ms | %s |
                    | bare platform-http route (answer only) | %.0f | %d | %.2f ms | %s |

                    Ratio webhook / bare: **%.2f**.%s""", ingest.senders(), ingest.seconds(), ingest.webhooksPerSecond(),
                    total(ingest.webhookErrors()), ingest.cpuMsPerWebhook(), millis(ingest.dbCpuMsPerWebhook()),
                    ingest.barePerSecond(), total(ingest.bareErrors()), ingest.cpuMsPerBare(), millis(ingest.dbCpuMsPerBare()),
                    ingest.ratio(), failures("webhook", ingest.webhookErrors()) + failures("bare route", ingest.bareErrors()))));

            if (settings.capacityOnly()) { // 1. and 3.: the bare route's rate, and where propagation saturates
                md.append(saturationSection(settings, SaturationBenchmark.run(settings, http, journals, cpu, db), ingest));
                return md.toString();
            }

            log("2. latency");
            LatencyBenchmark.Result latency = LatencyBenchmark.run(http, journals,
                    LatencyBenchmark.catalogue(http, journals, "LAT", settings.latencyProducts()), settings.latencyRatePerSecond(),
                    settings.latencySeconds(), 0, cpu, db, () -> -1L);
            md.append(section("2. Propagation latency", String.format(Locale.ROOT, """
                    Merchant price edits as signed Shopify webhooks, %d per second for %d s over %d products; from the
                    webhook's 200 to WooCommerce's journal entry of the push carrying that price. CPU: the hub
                    process's and the database server's time per edit, from the first edit until the last push's echo
                    was handled.

                    | edits sent | measured | p50 | p95 | p99 | max | hub CPU per edit | database CPU per edit |
                    |---|---|---|---|---|---|---|---|
                    | %d | %d | %d ms | %d ms | %d ms | %d ms | %.2f ms | %s |""", latency.ratePerSecond(), latency.seconds(),
                    latency.products(), latency.sent(), latency.measured(), latency.p50(), latency.p95(), latency.p99(),
                    latency.max(), latency.cpuMsPerEdit(), millis(latency.dbCpuMsPerEdit()))));

            log("3. saturation");
            md.append(saturationSection(settings, SaturationBenchmark.run(settings, http, journals, cpu, db), ingest));

            log("4. calls per change");
            StringBuilder calls = new StringBuilder("""
                    | change | expected | Shopify | WooCommerce | JTL-FFN |
                    |---|---|---|---|---|
                    """);
            for (CallsPerChange.Row row : CallsPerChange.run(http, journals)) {
                calls.append("| ").append(row.change()).append(" | ").append(row.expected()).append(" | ")
                        .append(row.calls().get("shopify")).append(" | ").append(row.calls().get("woocommerce"))
                        .append(" | ").append(row.calls().get("jtl")).append(" |\n");
            }
            md.append(section("4. Calls per change", calls.toString().trim()));

            log("5. full sync of " + fullSyncProducts);
            double cpuBeforeFullSync = cpu.seconds();
            FullSyncBenchmark.Result full = FullSyncBenchmark.run(settings, http, journals, fullSyncProducts, settings.fullSyncEdits());
            double cpuMsPerProduct = (cpu.seconds() - cpuBeforeFullSync) * 1000 / Math.max(1, full.products());
            FullSyncBenchmark.EditLatency edits = full.edits();
            md.append(section("5. Full sync", String.format(Locale.ROOT, """
                    %d products (all of the demo client, %d of them new to every platform) to Shopify, WooCommerce and JTL-FFN.
                    While it runs, a merchant edits %d other products' prices in WooCommerce, spread over the time
                    the full sync is bound to take; each edit's latency runs from the merchant's edit to Shopify's
                    journal entry of the push carrying its price.

                    | | |
                    |---|---|
                    | time until the full sync reported finished | %.1f s |
                    | bound set by Shopify's cost budget ((products x 10 - 2000) / 100 points/s) | %.1f s |
                    | time / bound | %.2f |
                    | Shopify calls (writes) | %d |
                    | WooCommerce calls (writes; batches of up to 100) | %d |
                    | JTL-FFN calls (writes) | %d |
                    | failed jobs | %d |
                    | pushes retried (throttled, 429 or error) | %d |
                    | hub CPU per product (/proc, user + system, until the queue and the inbox were quiet) | %.2f ms |
                    | edit latency during the full sync: edits measured of sent | %d of %d |
                    | edit latency during the full sync: p50 / p99 / max | %d ms / %d ms / %d ms |""", full.products(),
                    fullSyncProducts, edits.sent(), full.seconds(), full.boundSeconds(),
                    full.boundSeconds() == 0 ? 0 : full.seconds() / full.boundSeconds(), full.shopifyCalls(),
                    full.wooCalls(), full.jtlCalls(), full.failedJobs(), full.retriedPushes(), cpuMsPerProduct,
                    edits.measured(), edits.sent(), edits.p50(), edits.p99(), edits.max())));

            log("6. footprint with " + settings.footprintProducts() + " products");
            long present = http.api("GET", "/status/demo", null).json().path("data").path("total").asLong();
            int more = (int) Math.max(0, settings.footprintProducts() - present);
            FullSyncBenchmark.insertProducts(settings, "BULK", more, 0);
            for (int i = 0; i < 20; i++) { // the management API reads over the whole table
                http.api("GET", "/status/demo", null);
                http.api("GET", "/metrics", null);
            }
            Thread.sleep(settings.name().equals("tiny") ? 500 : 10_000);
            long loaded = hub.residentBytes();
            md.append(section("6. Footprint", String.format(Locale.ROOT, """
                    | | |
                    |---|---|
                    | start-up (process start to health UP, Flyway on an empty schema) | %.1f s |
                    | resident memory, idle after start-up | %d MB |
                    | resident memory with %d products, after the runs above | %d MB |
                    | JVM options of the hub | %s |""", hub.startUp.toMillis() / 1000.0, idle >> 20,
                    present + more, loaded >> 20, settings.hubJvmOptions().isEmpty() ? "none (JVM defaults)"
                            : String.join(" ", settings.hubJvmOptions())) + committedByArea(settings, hub)));
        }
        return md.toString();
    }

    private static String saturationSection(BenchSettings settings, SaturationBenchmark.Result saturation,
                                            IngestBenchmark.Result ingest) {
        StringBuilder steps = new StringBuilder("""
                | edits per second | sent | measured | p50 | p99 | max | hub CPU per edit (above rest) | of it in the kernel | of it the JIT compiling | database CPU per edit (above rest) | most jobs queued |
                |---|---|---|---|---|---|---|---|---|---|---|
                """);
        for (LatencyBenchmark.Result step : saturation.steps()) {
            steps.append(String.format(Locale.ROOT, "| %d | %d | %d | %d ms | %d ms | %d ms | %.2f ms (%.2f ms) | %.0f%% | %.0f%% | %s (%s) | %d |%n",
                    step.ratePerSecond(), step.sent(), step.measured(), step.p50(), step.p99(), step.max(), step.cpuMsPerEdit(),
                    step.aboveRest(step.cpuMsPerEdit(), saturation.hubRestMsPerSecond()), 100 * step.systemShare(),
                    100 * step.compilerShare(), millis(step.dbCpuMsPerEdit()), millis(step.aboveRest(step.dbCpuMsPerEdit(), saturation.dbRestMsPerSecond())),
                    step.maxQueueDepth()));
        }
        return section("3. Saturation", String.format(Locale.ROOT, """
                The edits of 2., %d s at each rate over %d products (each changes at most once a second), one step
                after the other once the previous one's pushes and echoes were done; the queue's depth sampled every
                250 ms. Before the steps, the second step's rate for %d s, unreported, warms the hub's path up (the
                JIT compiles it for minutes once the hub meets it). At rest (quiet, before the first step, with its polls and timers) the hub used %.1f ms and the
                database %s of CPU per second; "above rest" takes that share of each step's time out of its figure.
                "Of it in the kernel": the hub's system time (/proc) in its CPU time of the step, where thread
                wake-ups, socket calls and the like show; the JFR profile does not sample it. "Of it the JIT
                compiling": the time of the JVM's compiler threads (/proc) in it, what is left of the warm-up.

                %s
                Highest rate whose p99 stayed under %d ms: **%d edits/s**; the bare platform-http route answered
                %.0f requests/s in 1. of this run, so the hub kept up with %.3f edits per bare request.""",
                settings.saturationSeconds(), settings.saturationProducts(),
                SaturationBenchmark.WARM_UP_STEPS * settings.saturationSeconds(), saturation.hubRestMsPerSecond(),
                millis(saturation.dbRestMsPerSecond()), steps, SaturationBenchmark.P99_LIMIT_MILLIS,
                saturation.highestKeptUp(), ingest.barePerSecond(), saturation.highestKeptUp() / ingest.barePerSecond()));
    }

    /** The JVM's own account of its memory at the loaded measurement, when native memory tracking is on. */
    private static String committedByArea(BenchSettings settings, HubProcess hub) throws Exception {
        if (settings.hubJvmOptions().stream().noneMatch(o -> o.startsWith("-XX:NativeMemoryTracking="))) {
            return "";
        }
        StringBuilder table = new StringBuilder("""


                Committed memory by area at the same moment (`jcmd <pid> VM.native_memory summary`; the resident
                memory above is what of it the OS holds in RAM, plus what native memory tracking does not see):

                | area | committed |
                |---|---|
                """);
        for (String area : hub.committedByArea()) {
            long kb = Long.parseLong(area.substring(area.lastIndexOf(' ') + 1));
            if (kb >= 1024) {
                table.append("| ").append(area, 0, area.lastIndexOf(':')).append(" | ").append(kb >> 10).append(" MB |\n");
            }
        }
        return table.toString().stripTrailing();
    }

    private static long total(Map<String, Long> failures) {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** What the answers other than 200 were, so a reader sees whether the hub or the client failed. */
    private static String failures(String endpoint, Map<String, Long> failures) {
        StringBuilder text = new StringBuilder();
        failures.forEach((what, n) -> text.append("\n- not 200 from the ").append(endpoint).append(": ").append(n)
                .append(" x ").append(what));
        return text.isEmpty() ? "" : "\n" + text;
    }

    /** Milliseconds with two decimals, or n/a for a figure that could not be measured. */
    private static String millis(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f ms", value);
    }

    private static String section(String title, String body) {
        return "### " + title + "\n\n" + body + "\n\n";
    }

    private static String machine(BenchSettings settings) throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.replaceFirst("model name\\s*:\\s*", "")).orElse("?");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        return "Machine: " + Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory + ", Java "
                + System.getProperty("java.version") + ", PostgreSQL at " + settings.databaseUrl().replaceAll("\\?.*$", "")
                + "; the load generator runs on the"
                + " same machine as the hub.\n";
    }

    private static void log(String step) {
        System.out.println("[bench] " + step);
    }

    private BenchmarkHarness() {
    }

    static List<String> sections() {
        return List.of("### 1. Ingest", "### 2. Propagation latency", "### 3. Saturation", "### 4. Calls per change",
                "### 5. Full sync", "### 6. Footprint");
    }
}
