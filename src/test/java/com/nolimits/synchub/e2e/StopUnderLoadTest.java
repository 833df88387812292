package com.nolimits.synchub.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM in the middle of the work: the packaged hub, on its embedded database, is stopped while a JTL-FFN
 * poll waits on a slow warehouse and a burst of Shopify webhooks comes in. The process must end within
 * the shutdown grace (15 s) plus 15 s, and after the next start every webhook that was answered 200 is
 * merged: a 200 means stored for good.
 */
class StopUnderLoadTest {

    static final Duration GRACE_PLUS_15 = Duration.ofSeconds(30);
    static final String SECRET = "sandbox-shopify-webhook-secret"; // the demo shop's, src/main/resources/application-sandbox.yaml
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aStopDuringAPollAndABurstEndsInTimeAndLosesNoAcknowledgedWebhook(@TempDir Path dir) throws Exception {
        int port = PackagedHub.freePort();
        List<String> fastPolls = List.of("--sync.jtl.poll-interval=1000", "--sync.jtl.first-poll-delay=500");
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        Duration stoppedIn;
        try (PackagedHub hub = PackagedHub.start(dir, port, fastPolls)) {
            // every JTL call now takes 8 s: a poll is in flight from here on
            send("PUT", hub.base + "/sandbox/jtl/demo/faults", "{\"latencyMs\": 8000}", null);
            Thread.sleep(2500);

            AtomicBoolean stopping = new AtomicBoolean();
            AtomicInteger next = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(8);
            for (int t = 0; t < 8; t++) {
                senders.execute(() -> {
                    while (!stopping.get() || next.get() < 400) {
                        int i = next.getAndIncrement();
                        if (i >= 2000) {
                            return;
                        }
                        try {
                            if (webhook(hub.base, i) == 200) {
                                acknowledged.add(i);
                            }
                        } catch (Exception refused) {
                            return; // the hub stopped listening
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 100);
            stopping.set(true);
            stoppedIn = hub.terminate(GRACE_PLUS_15.plusSeconds(30));
            senders.shutdown();
            senders.awaitTermination(30, TimeUnit.SECONDS);
            assertThat(stoppedIn).as("the hub still ran %s after SIGTERM; see %s", GRACE_PLUS_15.plusSeconds(30), hub.log)
                    .isNotNull();
            assertThat(stoppedIn).as("see %s", hub.log).isLessThanOrEqualTo(GRACE_PLUS_15);
            assertThat(Files.readString(hub.log)).doesNotContain("did not stop within");
        }

        try (PackagedHub again = PackagedHub.start(dir, port, List.of())) {
            List<Integer> missing = new ArrayList<>(acknowledged);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                missing.removeIf(i -> merged(again.base, i));
                return missing.isEmpty();
            });
            assertThat(missing).as("acknowledged before the stop, not in the hub after the restart").isEmpty();
        }
    }

    int webhook(String base, int i) throws Exception {
        long id = 9_100_000 + i;
        String body = "{\"id\": " + id + ", \"title\": \"Stop " + i + "\", \"status\": \"active\", \"vendor\": \"Test\","
                + " \"updated_at\": \"2026-01-01T00:00:00Z\", \"variants\": [{\"id\": " + (id + 1_000_000) + ", \"product_id\": "
                + id + ", \"sku\": \"STOP-" + i + "\", \"price\": \"9.99\", \"inventory_item_id\": " + (id + 2_000_000)
                + ", \"inventory_quantity\": 0, \"updated_at\": \"2026-01-01T00:00:00Z\"}]}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/integrations/webhooks/shopify-enhanced/products/create"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("X-Shopify-Topic", "products/create").header("X-Shopify-Shop-Domain", "demo.myshopify.com")
                .header("X-Shopify-Hmac-Sha256", Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8))))
                .header("X-Shopify-Event-Id", "stop-" + i).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    boolean merged(String base, int i) {
        try {
            return send("GET", base + "/api/integrations/product-sync/client/demo/product?sku=STOP-" + i, null,
                    PackagedHub.OPERATOR_KEY) == 200;
        } catch (Exception e) {
            return false;
        }
    }

    int send(String method, String url, String json, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
