package com.nolimits.synchub.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The sandboxes' journals of the hub's API calls, and waiting until the hub has nothing left to do. */
final class Journals {

    static final List<String> SANDBOXES = List.of("shopify", "woocommerce", "jtl");

    private final BenchHttp http;

    Journals(BenchHttp http) {
        this.http = http;
    }

    List<JsonNode> entries(String sandbox) {
        List<JsonNode> out = new ArrayList<>();
        http.sandbox("GET", sandbox + "/demo/journal", null).json().path("entries").forEach(out::add);
        return out;
    }

    void clear() {
        for (String sandbox : SANDBOXES) {
            http.sandbox("DELETE", sandbox + "/demo/journal", null);
        }
    }

    /** API calls that change something (not the JTL poller's and the sweeps' reads). */
    long writes(String sandbox) {
        return entries(sandbox).stream().filter(Journals::isWrite).count();
    }

    static boolean isWrite(JsonNode call) {
        String method = call.path("method").asText();
        String operation = call.path("operation").asText();
        if (method.equals("GET") || operation.equals("token") || operation.startsWith("list") || operation.startsWith("get")) {
            return false;
        }
        return !(operation.equals("product") || operation.equals("products")); // Shopify's read queries
    }

    static Instant at(JsonNode call) {
        JsonNode at = call.path("at");
        if (at.isNumber()) {
            return Instant.ofEpochSecond(0, at.decimalValue().movePointRight(9).longValue());
        }
        return Instant.parse(at.asText());
    }

    /**
     * Waits until no job is pending or processing and no stored webhook is open (the echoes of the last
     * pushes included), and it stayed so for a moment.
     */
    void awaitQuiet(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int quietChecks = 0;
        while (System.nanoTime() < deadline) {
            JsonNode metrics = http.api("GET", "/metrics", null).json().path("data");
            JsonNode jobs = metrics.path("jobs");
            boolean idle = jobs.path("pending").asLong() == 0 && jobs.path("processing").asLong() == 0
                    && metrics.path("webhooksWaiting").asLong() == 0;
            quietChecks = idle ? quietChecks + 1 : 0;
            if (quietChecks >= 4) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the hub did not become quiet within " + timeout + ": "
                + http.api("GET", "/metrics", null).body());
    }
}
