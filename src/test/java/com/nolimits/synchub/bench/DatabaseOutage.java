package com.nolimits.synchub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault 3: the PostgreSQL server is stopped for a while under load. One sender per product sends the
 * merchant's price edits in order, each one again (same event id) until it is answered 200, as Shopify
 * does. Passes when no webhook was answered 200 while the database was down (apart from ones in
 * flight as it stopped), webhooks were answered 503 meanwhile, and afterwards every product holds its
 * last price in the hub and in WooCommerce.
 */
final class DatabaseOutage {

    record Result(boolean run, String why, int products, long accepted, long unavailable, long acceptedWhileDown,
                  double downSeconds, long hubWrong, long wooWrong, double recoverSeconds) {
        boolean passed() {
            return run && acceptedWhileDown == 0 && unavailable > 0 && hubWrong == 0 && wooWrong == 0;
        }
    }

    static Result run(BenchSettings settings, Path workDir, int products, int downSeconds) throws Exception {
        String cluster = localCluster();
        if (cluster == null) {
            return new Result(false, "no local PostgreSQL cluster to stop (pg_ctlcluster, /etc/postgresql)", products,
                    0, 0, 0, 0, 0, 0, 0);
        }
        try (HubProcess hub = HubProcess.start(settings, workDir)) {
            BenchHttp http = new BenchHttp(hub.base);
            Journals journals = new Journals(http);
            Fixtures.createInHub(http, journals, "OUT", products);
            List<ObjectNode> catalogue = new ArrayList<>(Fixtures.shopifyProducts(http, "OUT").values());

            AtomicBoolean stop = new AtomicBoolean();
            AtomicBoolean down = new AtomicBoolean();
            AtomicLong accepted = new AtomicLong();
            AtomicLong unavailable = new AtomicLong();
            AtomicLong acceptedWhileDown = new AtomicLong();
            String[] lastPrice = new String[catalogue.size()];
            Instant t0 = Instant.now().plusSeconds(1);
            ExecutorService senders = Executors.newFixedThreadPool(catalogue.size());
            for (int p = 0; p < catalogue.size(); p++) {
                int product = p;
                senders.execute(() -> {
                    for (int n = 1; !stop.get(); n++) {
                        String price = String.format("%d.%02d", 200 + n / 100, n % 100);
                        // each edit one second after the last, at the source: strictly ordered per product
                        String body = Fixtures.priceChange(catalogue.get(product), price, t0.plusSeconds(n));
                        String eventId = "outage-" + product + "-" + n;
                        while (true) {
                            boolean wasDown = down.get();
                            int status = http.shopifyWebhook("products/update", body, eventId).status();
                            if (status == 200) {
                                accepted.incrementAndGet();
                                if (wasDown && down.get()) {
                                    acceptedWhileDown.incrementAndGet();
                                }
                                lastPrice[product] = price;
                                break;
                            }
                            if (status == 503) {
                                unavailable.incrementAndGet();
                            }
                            sleep(500);
                        }
                        sleep(200);
                    }
                });
            }
            Thread.sleep(10_000);
            pgctl(cluster, "stop");
            Thread.sleep(2_000); // connections in flight as it stopped may still answer
            down.set(true);
            long wentDown = System.nanoTime();
            Thread.sleep(downSeconds * 1000L);
            down.set(false);
            pgctl(cluster, "start");
            double outage = (System.nanoTime() - wentDown) / 1e9 + 2;
            long back = System.nanoTime();
            Thread.sleep(10_000);
            stop.set(true);
            senders.shutdown();
            senders.awaitTermination(5, TimeUnit.MINUTES);
            journals.awaitQuiet(Duration.ofMinutes(5));
            double recover = (System.nanoTime() - back) / 1e9;

            long hubWrong = 0;
            long wooWrong = 0;
            Map<String, JsonNode> woo = new java.util.HashMap<>();
            http.sandbox("GET", "woocommerce/demo/merchant/products", null).json().forEach(w -> woo.put(w.path("sku").asText(), w));
            for (int p = 0; p < catalogue.size(); p++) {
                String sku = catalogue.get(p).path("variants").path(0).path("sku").asText();
                java.math.BigDecimal expected = new java.math.BigDecimal(lastPrice[p]);
                JsonNode inHub = http.api("GET", "/client/demo/product?sku=" + sku, null).json().path("data");
                if (inHub.path("price").decimalValue().compareTo(expected) != 0) {
                    hubWrong++;
                }
                JsonNode inWoo = woo.get(sku);
                if (inWoo == null || new java.math.BigDecimal(inWoo.path("regular_price").asText("0")).compareTo(expected) != 0) {
                    wooWrong++;
                }
            }
            return new Result(true, null, catalogue.size(), accepted.get(), unavailable.get(), acceptedWhileDown.get(),
                    outage, hubWrong, wooWrong, recover);
        } finally {
            pgctl(cluster, "start"); // whatever happened, the server runs again
        }
    }

    private static String localCluster() throws Exception {
        Path etc = Path.of("/etc/postgresql");
        if (!Files.isDirectory(etc) || System.getenv("BENCH_DATABASE_URL") != null) {
            return null;
        }
        try (var versions = Files.list(etc)) {
            return versions.map(v -> v.getFileName().toString()).sorted().findFirst().orElse(null);
        }
    }

    private static void pgctl(String version, String action) throws Exception {
        List<String> command = new ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action));
        if (action.equals("stop")) {
            command.addAll(List.of("-m", "fast")); // connections are cut, as when the server crashes
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int rc = p.waitFor();
        if (rc != 0 && !(action.equals("start") && out.contains("already running"))) {
            throw new IllegalStateException("pg_ctlcluster " + action + ": " + out);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
