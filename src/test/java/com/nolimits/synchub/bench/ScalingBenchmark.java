package com.nolimits.synchub.bench;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Ingest and propagation latency against one and against two hub instances in cluster mode, on this one
 * machine: the hubs (profiles sandbox and cluster) behind the harness's round-robin load balancer, a Kafka
 * broker (KRaft) in this JVM, the local PostgreSQL server, the platforms in a process of their own. Besides
 * the wall-clock figures it reports the hubs' CPU time per change (/proc), which holds when the machine's
 * neighbours make the wall clock swing.
 * <p>
 * Usage: {@code bash bench/run.sh scaling [report.md]} (about 12 minutes on 2 cores).
 */
public final class ScalingBenchmark {

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 1 ? args[1] : "target/bench/scaling.md");
        Files.createDirectories(report.toAbsolutePath().getParent());
        BenchSettings full = BenchSettings.full();
        BenchSettings settings = new BenchSettings("scaling", full.ingestSenders(), full.ingestSeconds(), full.latencyProducts(),
                full.latencyRatePerSecond(), full.latencySeconds(), List.of(), 0, 0, 0, 0, "synchub_bench_scaling", List.of("-Xmx256m"),
                List.of());
        StringBuilder md = new StringBuilder("## Scaling run of ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n\n")
                .append(String.format(Locale.ROOT, """
                        Ingest: %d senders for %d s; latency: Shopify price edits, %d per second for %d s over %d products, to
                        WooCommerce's journal. Through the harness's round-robin load balancer in every row. CPU: all hub
                        processes' user + system time (/proc) per change, until every change was handled.

                        | instances | webhooks answered per second | bare route per second | hub CPU per webhook | latency p50 | p95 | p99 | hub CPU per edit | requests answered per instance |
                        |---|---|---|---|---|---|---|---|---|
                        """, settings.ingestSenders(), settings.ingestSeconds(), settings.latencyRatePerSecond(),
                        settings.latencySeconds(), settings.latencyProducts()));
        for (int instances : List.of(1, 2)) {
            md.append(row(settings, instances, report.toAbsolutePath().getParent().resolve("scaling-" + instances)));
        }
        Files.writeString(report, md.toString());
        System.out.println("Report written to " + report);
    }

    private static String row(BenchSettings settings, int instances, Path workDir) throws Exception {
        System.out.println("[scaling] " + instances + " instance(s)");
        HubProcess.resetSchema(settings);
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 4, "product-sync.webhooks", "product-sync.changes");
        kafka.afterPropertiesSet();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            ports.add(HubProcess.freePort());
        }
        List<HubProcess> hubs = new ArrayList<>();
        try (SandboxProcess platforms = SandboxProcess.start(workDir, List.of());
             RoundRobinProxy loadBalancer = RoundRobinProxy.start(ports.stream().map(p -> "http://127.0.0.1:" + p).toList())) {
            List<CompletableFuture<HubProcess>> starting = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                List<String> arguments = new ArrayList<>(List.of("--sync.instance-id=bench-" + i,
                        "--sync.public-url=" + loadBalancer.base, "--spring.quartz.scheduler-name=bench-scaling"));
                arguments.addAll(platforms.channelArguments());
                int port = ports.get(i);
                starting.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return HubProcess.start(settings, workDir, port, "sandbox,cluster", arguments,
                                Map.of("KAFKA_BROKERS", kafka.getBrokersAsString()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (CompletableFuture<HubProcess> hub : starting) {
                hubs.add(hub.join());
            }
            BenchHttp http = new BenchHttp(loadBalancer.base, platforms.base);
            Journals journals = new Journals(http);
            Thread.sleep(20_000); // the first JTL poll and sweeps settle
            CpuClock cpu = CpuClock.of(hubs);
            IngestBenchmark.Result ingest = IngestBenchmark.run(http, journals, settings.ingestSenders(), settings.ingestSeconds(), cpu,
                    CpuClock.NONE);
            LatencyBenchmark.Result latency = LatencyBenchmark.run(http, journals, settings.latencyProducts(),
                    settings.latencyRatePerSecond(), settings.latencySeconds(), cpu);
            return String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.2f ms | %d ms | %d ms | %d ms | %.2f ms | %s |%n", instances,
                    ingest.webhooksPerSecond(), ingest.barePerSecond(), ingest.cpuMsPerWebhook(), latency.p50(), latency.p95(),
                    latency.p99(), latency.cpuMsPerEdit(), loadBalancer.answeredBy());
        } finally {
            for (HubProcess hub : hubs) {
                hub.close();
            }
            kafka.destroy();
        }
    }

    private ScalingBenchmark() {
    }
}
