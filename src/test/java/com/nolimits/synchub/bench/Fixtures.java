package com.nolimits.synchub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** Products the benchmarks work on: made in the hub, pushed to the three sandboxes, read back from Shopify. */
final class Fixtures {

    private Fixtures() {
    }

    /** Creates the products in the hub and waits until every platform has them. */
    static void createInHub(BenchHttp http, Journals journals, String prefix, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            BenchHttp.Answer created = http.api("POST", "/create", "{\"clientId\": \"demo\", \"name\": \"" + prefix + " " + i
                    + "\", \"sku\": \"" + prefix + "-" + i + "\", \"price\": 10, \"quantity\": 5}");
            if (created.status() != 201) {
                throw new IllegalStateException("create: " + created.status() + " " + created.body());
            }
        }
        journals.awaitQuiet(Duration.ofMinutes(5));
    }

    /** The Shopify sandbox's products (REST shape, as its webhooks carry them), by their first variant's sku. */
    static Map<String, ObjectNode> shopifyProducts(BenchHttp http, String skuPrefix) {
        Map<String, ObjectNode> bySku = new LinkedHashMap<>();
        for (JsonNode product : http.sandbox("GET", "shopify/demo/merchant/products", null).json().path("products")) {
            String sku = product.path("variants").path(0).path("sku").asText();
            if (sku.startsWith(skuPrefix + "-")) {
                bySku.put(sku, (ObjectNode) product);
            }
        }
        return bySku;
    }

    /** A merchant's price edit in the Shopify sandbox: the shop changes, and sends its own webhook. */
    static BenchHttp.Answer editShopifyPrice(BenchHttp http, Object shopifyProductId, String sku, Object price) {
        return http.sandbox("PUT", "shopify/demo/merchant/products/" + shopifyProductId,
                "{\"variants\": [{\"sku\": \"" + sku + "\", \"price\": \"" + price + "\"}]}");
    }

    /** A merchant's price edit of the product as Shopify's products/update webhook carries it. */
    static String priceChange(ObjectNode product, String price, Instant at) {
        ObjectNode body = product.deepCopy();
        String updatedAt = at.truncatedTo(ChronoUnit.SECONDS).toString();
        body.put("updated_at", updatedAt);
        ObjectNode variant = (ObjectNode) body.path("variants").path(0);
        variant.put("price", price);
        variant.put("updated_at", updatedAt);
        return body.toString();
    }
}
