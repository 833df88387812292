package com.nolimits.synchub.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Benchmark 3: the API calls the hub makes for one change, counted in the sandboxes' journals (calls
 * that write; the JTL poller's and the sweeps' reads are periodic, not per change). Expected: one per
 * affected channel, none for echoes and no-ops.
 */
final class CallsPerChange {

    /** A change and the write calls it caused per platform. */
    record Row(String change, String expected, Map<String, Long> calls) {
    }

    static java.util.List<Row> run(BenchHttp http, Journals journals) throws Exception {
        Fixtures.createInHub(http, journals, "CALLS", 1);
        String id = http.api("GET", "/client/demo/product?sku=CALLS-0", null).json().path("data").path("id").asText();
        ObjectNode inShopify = Fixtures.shopifyProducts(http, "CALLS").get("CALLS-0");
        java.util.List<Row> rows = new java.util.ArrayList<>();

        Thread.sleep(1100); // a new second: Shopify's updated_at has whole seconds
        // a real edit in the Shopify sandbox, which sends its webhook: the shop holds what the hub is told
        rows.add(measure(journals, "merchant edit in Shopify (price)", "WooCommerce 1", () ->
                Fixtures.editShopifyPrice(http, inShopify.path("id").asText(), "CALLS-0", "12.34"),
                () -> http.api("GET", "/product/" + id, null).json().path("data").path("price").decimalValue()
                        .compareTo(new java.math.BigDecimal("12.34")) == 0));
        rows.add(measure(journals, "the same webhook again, new event id (no-op)", "none", () ->
                http.shopifyWebhook("products/update", Fixtures.priceChange(inShopify, "12.34", Instant.now()))));
        rows.add(measure(journals, "hub edit (name and price)", "Shopify 1, WooCommerce 1", () ->
                http.api("PATCH", "/product/" + id, "{\"name\": \"Calls renamed\", \"price\": 13.5}")));
        rows.add(measure(journals, "hub edit (warehouse notes)", "JTL-FFN 1", () ->
                http.api("PATCH", "/product/" + id, "{\"warehouseNotes\": \"shelf 4\"}")));
        rows.add(measure(journals, "hub edit to the values it holds (no-op)", "none", () ->
                http.api("PATCH", "/product/" + id, "{\"name\": \"Calls renamed\", \"price\": 13.5}")));
        rows.add(measure(journals, "warehouse stock change in JTL-FFN (read by the next poll)", "Shopify 1, WooCommerce 1", () ->
                http.sandbox("POST", "jtl/demo/warehouse/stock", "{\"merchantSku\": \"CALLS-0\", \"stockLevel\": 17}"),
                () -> http.api("GET", "/product/" + id, null).json().path("data").path("available").asInt() == 17));
        return rows;
    }

    private static Row measure(Journals journals, String change, String expected, Runnable act) throws Exception {
        return measure(journals, change, expected, act, () -> true);
    }

    private static Row measure(Journals journals, String change, String expected, Runnable act,
                               java.util.function.BooleanSupplier arrived) throws Exception {
        journals.awaitQuiet(Duration.ofMinutes(1));
        journals.clear();
        act.run();
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!arrived.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(change + ": never reached the hub");
            }
            Thread.sleep(200);
        }
        Thread.sleep(500); // a webhook in flight
        journals.awaitQuiet(Duration.ofMinutes(1));
        Map<String, Long> calls = new LinkedHashMap<>();
        for (String sandbox : Journals.SANDBOXES) {
            calls.put(sandbox, journals.writes(sandbox));
        }
        return new Row(change, expected, calls);
    }
}
