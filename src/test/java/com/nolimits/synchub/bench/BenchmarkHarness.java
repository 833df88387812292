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
 * Usage: BenchmarkHarness full|tiny [report.md] [fullSyncProducts]
 */
public final class BenchmarkHarness {

    public static void main(String[] args) throws Exception {
        BenchSettings settings = args.length > 0 && args[0].equals("tiny") ? BenchSettings.tiny() : BenchSettings.full();
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
            IngestBenchmark.Result ingest = IngestBenchmark.run(http, journals, settings.ingestSenders(), settings.ingestSeconds(), cpu);
            md.append(section("1. Ingest", String.format(Locale.ROOT, """
                    %d concurrent senders for %d s (after a 2 s warm-up), each waiting for its answer. CPU: the hub
                    process's user + system time (/proc) per request answered 200, for webhooks until every one
                    stored was merged.

                    | endpoint | answered 200 per second | not 200 | hub CPU per request |
                    |---|---|---|---|
                    | signed Shopify webhook (verify, dedup, store, answer; then merge) | %.0f | %d | %.2f ms |
                    | bare platform-http route (answer only) | %.0f | %d | %.2f ms |

                    Ratio webhook / bare: **%.2f**.%s""", ingest.senders(), ingest.seconds(), ingest.webhooksPerSecond(),
                    total(ingest.webhookErrors()), ingest.cpuMsPerWebhook(), ingest.barePerSecond(), total(ingest.bareErrors()),
                    ingest.cpuMsPerBare(), ingest.ratio(),
                    failures("webhook", ingest.webhookErrors()) + failures("bare route", ingest.bareErrors()))));

            log("2. latency");
            LatencyBenchmark.Result latency = LatencyBenchmark.run(http, journals, settings.latencyProducts(),
                    settings.latencyRatePerSecond(), settings.latencySeconds(), cpu);
            md.append(section("2. Propagation latency", String.format(Locale.ROOT, """
                    Merchant price edits as signed Shopify webhooks, %d per second for %d s over %d products; from the
                    webhook's 200 to WooCommerce's journal entry of the push carrying that price. CPU: the hub
                    process's time per edit, from the first edit until the last push's echo was handled.

                    | edits sent | measured | p50 | p95 | p99 | max | hub CPU per edit |
                    |---|---|---|---|---|---|---|
                    | %d | %d | %d ms | %d ms | %d ms | %d ms | %.2f ms |""", latency.ratePerSecond(), latency.seconds(),
                    latency.products(), latency.sent(), latency.measured(), latency.p50(), latency.p95(), latency.p99(),
                    latency.max(), latency.cpuMsPerEdit())));

            log("3. calls per change");
            StringBuilder calls = new StringBuilder("""
                    | change | expected | Shopify | WooCommerce | JTL-FFN |
                    |---|---|---|---|---|
                    """);
            for (CallsPerChange.Row row : CallsPerChange.run(http, journals)) {
                calls.append("| ").append(row.change()).append(" | ").append(row.expected()).append(" | ")
                        .append(row.calls().get("shopify")).append(" | ").append(row.calls().get("woocommerce"))
                        .append(" | ").append(row.calls().get("jtl")).append(" |\n");
            }
            md.append(section("3. Calls per change", calls.toString().trim()));

            log("4. full sync of " + fullSyncProducts);
            double cpuBeforeFullSync = cpu.seconds();
            FullSyncBenchmark.Result full = FullSyncBenchmark.run(settings, http, journals, fullSyncProducts);
            double cpuMsPerProduct = (cpu.seconds() - cpuBeforeFullSync) * 1000 / Math.max(1, full.products());
            md.append(section("4. Full sync", String.format(Locale.ROOT, """
                    %d products (all of the demo client, %d of them new to every platform) to Shopify, WooCommerce and JTL-FFN.

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
                    | hub CPU per product (/proc, user + system, until the queue and the inbox were quiet) | %.2f ms |""", full.products(),
                    fullSyncProducts, full.seconds(), full.boundSeconds(),
                    full.boundSeconds() == 0 ? 0 : full.seconds() / full.boundSeconds(), full.shopifyCalls(),
                    full.wooCalls(), full.jtlCalls(), full.failedJobs(), full.retriedPushes(), cpuMsPerProduct)));

            log("5. footprint with " + settings.footprintProducts() + " products");
            long present = http.api("GET", "/status/demo", null).json().path("data").path("total").asLong();
            int more = (int) Math.max(0, settings.footprintProducts() - present);
            FullSyncBenchmark.insertProducts(settings, "BULK", more, 0);
            for (int i = 0; i < 20; i++) { // the management API reads over the whole table
                http.api("GET", "/status/demo", null);
                http.api("GET", "/metrics", null);
            }
            Thread.sleep(settings.name().equals("tiny") ? 500 : 10_000);
            long loaded = hub.residentBytes();
            md.append(section("5. Footprint", String.format(Locale.ROOT, """
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
        return List.of("### 1. Ingest", "### 2. Propagation latency", "### 3. Calls per change", "### 4. Full sync",
                "### 5. Footprint");
    }
}
