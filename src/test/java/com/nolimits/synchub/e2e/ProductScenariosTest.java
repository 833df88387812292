package com.nolimits.synchub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.client.RestClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every scenario the product promises (docs/architecture.md), end to end: the hub started as the README's run command starts it
 * ({@link UserStartedHub}), the
 * three sandboxes reached over real HTTP, and only the management API and the sandboxes' merchant,
 * warehouse and fault endpoints used to act and to look. Each scenario has its own products.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductScenariosTest {

    static UserStartedHub hub;
    static String base;
    static String operatorKey;
    static RestClient api;
    static RestClient shopify;
    static RestClient woo;
    static RestClient jtl;
    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger SKUS = new AtomicInteger();

    @BeforeAll
    static void startTheHubAsAUserDoes(@TempDir Path dir) throws Exception {
        hub = new UserStartedHub(dir);
        base = hub.base;
        operatorKey = hub.operatorKey;
        api = RestClient.builder().baseUrl(base + "/api/integrations/product-sync")
                .defaultHeader("X-API-Key", operatorKey).defaultHeader("Content-Type", "application/json").build();
        shopify = sandbox("shopify");
        woo = sandbox("woocommerce");
        jtl = sandbox("jtl");
    }

    @AfterAll
    static void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    static RestClient sandbox(String platform) {
        return RestClient.builder().baseUrl(base + "/sandbox/" + platform + "/demo")
                .defaultHeader("Content-Type", "application/json").build();
    }

    static JsonNode get(RestClient client, String uri) {
        return read(client.get().uri(uri).retrieve().body(String.class));
    }

    static JsonNode send(RestClient.RequestBodyUriSpec method, String uri, String body) {
        return read(method.uri(uri).body(body).retrieve().body(String.class));
    }

    static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    static String newSku() {
        return "E2E-" + System.currentTimeMillis() % 100000 + "-" + SKUS.incrementAndGet();
    }

    /** The hub's product with that sku, once it exists. */
    static JsonNode hubProduct(String sku) {
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get().uri("/client/demo/product?sku=" + sku)
                .exchange((request, response) -> response.getStatusCode().value()) == 200);
        return get(api, "/client/demo/product?sku=" + sku).path("data");
    }

    static JsonNode hubProductById(String id) {
        return get(api, "/product/" + id).path("data");
    }

    static JsonNode wooProduct(String sku) {
        await().atMost(Duration.ofSeconds(20)).until(() -> find(get(woo, "/merchant/products"), "sku", sku) != null);
        return find(get(woo, "/merchant/products"), "sku", sku);
    }

    static JsonNode jtlProduct(String sku) {
        await().atMost(Duration.ofSeconds(20)).until(() -> find(get(jtl, "/warehouse/products"), "merchantSku", sku) != null);
        return find(get(jtl, "/warehouse/products"), "merchantSku", sku);
    }

    static JsonNode shopifyProduct(long id) {
        return get(shopify, "/merchant/products/" + id).path("product");
    }

    static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode item : list) {
            if (value.equals(item.path(field).asText())) {
                return item;
            }
        }
        return null;
    }

    /** Waits until no job of the product is pending or processing. */
    static void settled(String productId) {
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofMillis(500)).until(() -> {
            JsonNode queue = get(api, "/product/" + productId + "/queue-status").path("data");
            return queue.path("pending").asLong() == 0 && queue.path("processing").asLong() == 0;
        });
    }

    /** A product made in the hub, pushed to all three platforms. */
    static String createdInTheHub(String sku) {
        String id = send(api.post(), "/create", "{\"clientId\": \"demo\", \"name\": \"E2E " + sku + "\", \"sku\": \"" + sku
                + "\", \"price\": 20, \"quantity\": 5}").path("data").path("id").asText();
        wooProduct(sku);
        jtlProduct(sku);
        settled(id);
        return id;
    }

    /** The Shopify sandbox's product id of the variant with that sku. */
    static long shopifyIdOf(String sku) {
        for (JsonNode product : get(shopify, "/merchant/products").path("products")) {
            if (find(product.path("variants"), "sku", sku) != null) {
                return product.path("id").asLong();
            }
        }
        throw new AssertionError("no product with sku " + sku + " in the Shopify sandbox");
    }

    @Test
    void flowA_aProductCreatedInShopifyReachesWooCommerceAndJtl() {
        String sku = newSku();
        send(shopify.post(), "/merchant/products", "{\"title\": \"Flow A Tee\", \"vendor\": \"Acme\", "
                + "\"variants\": [{\"sku\": \"" + sku + "\", \"price\": \"18.99\"}]}");

        JsonNode product = hubProduct(sku);
        assertThat(product.path("name").asText()).isEqualTo("Flow A Tee");
        assertThat(product.path("lastUpdatedBy").asText()).isEqualTo("SHOPIFY");
        assertThat(wooProduct(sku).path("name").asText()).isEqualTo("Flow A Tee");
        assertThat(wooProduct(sku).path("regular_price").asText()).isEqualTo("18.99");
        assertThat(jtlProduct(sku).path("name").asText()).isEqualTo("Flow A Tee");
        settled(product.path("id").asText());
        assertThat(hubProductById(product.path("id").asText()).path("syncStatus").asText()).isEqualTo("SYNCED");
    }

    @Test
    void flowB_anEditInTheHubReachesEveryPlatform() {
        String sku = newSku();
        String id = createdInTheHub(sku);
        long shopifyId = shopifyIdOf(sku);

        send(api.patch(), "/product/" + id, "{\"name\": \"Flow B Hoodie\", \"price\": 31.5, \"weightInKg\": 0.7}");
        settled(id);

        assertThat(shopifyProduct(shopifyId).path("title").asText()).isEqualTo("Flow B Hoodie");
        assertThat(shopifyProduct(shopifyId).path("variants").get(0).path("price").asText()).isEqualTo("31.50");
        assertThat(wooProduct(sku).path("name").asText()).isEqualTo("Flow B Hoodie");
        assertThat(wooProduct(sku).path("regular_price").asText()).isEqualTo("31.5");
        assertThat(jtlProduct(sku).path("weight").decimalValue()).isEqualByComparingTo("0.7");
    }

    @Test
    void flowC_warehouseStockInJtlReachesBothShops() {
        String sku = newSku();
        String id = createdInTheHub(sku);
        long shopifyId = shopifyIdOf(sku);

        send(jtl.post(), "/warehouse/stock", "{\"merchantSku\": \"" + sku + "\", \"stockLevel\": 42, \"changeType\": \"GoodsReceipt\"}");

        // the sandbox profile polls JTL-FFN every 10 s
        await().atMost(Duration.ofSeconds(40)).until(() -> hubProductById(id).path("available").asInt() == 42);
        assertThat(hubProductById(id).path("lastFieldUpdates").path("available").path("origin").asText()).isEqualTo("JTL");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                shopifyProduct(shopifyId).path("variants").get(0).path("inventory_quantity").asInt() == 42
                        && wooProduct(sku).path("stock_quantity").asInt() == 42);
    }

    @Test
    void echoDetection_theShopsWebhooksForTheHubsOwnPushesAreSkipped(CapturedOutput output) {
        String sku = newSku();
        String id = createdInTheHub(sku);
        long jobsBefore = get(api, "/product/" + id + "/queue-status").path("data").path("completed").asLong();

        send(api.patch(), "/product/" + id, "{\"name\": \"Echo Tee\"}");
        settled(id);

        // the push to each shop made the shop send a webhook back: both were recognised as echoes ...
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            long echoes = 0;
            for (JsonNode log : get(api, "/product/" + id + "/logs?limit=100").path("data").path("logs")) {
                if (log.path("action").asText().equals("echo") && log.path("changedFields").toString().contains("name")) {
                    echoes++;
                }
            }
            return echoes >= 2;
        });
        assertThat(output.getAll()).contains("Skipping echo from our own update");
        // ... and sent nothing back out: exactly one push per shop for the edit (JTL-FFN does not take a
        // renamed product), the product stays the hub's
        assertThat(get(api, "/product/" + id + "/queue-status").path("data").path("completed").asLong() - jobsBefore)
                .isEqualTo(2);
        JsonNode product = hubProductById(id);
        assertThat(product.path("lastUpdatedBy").asText()).isEqualTo("NOLIMITS");
        assertThat(product.path("syncStatus").asText()).isEqualTo("SYNCED");
    }

    @Test
    void fieldOwnership_priceFromShopifyReachesTheHubAndWarehouseNotesOnlyJtl() {
        String sku = newSku();
        String id = createdInTheHub(sku);
        long shopifyId = shopifyIdOf(sku);

        // a merchant changes the price in Shopify: commerce field, Shopify owns it
        send(shopify.put(), "/merchant/products/" + shopifyId, "{\"variants\": [{\"sku\": \"" + sku + "\", \"price\": \"27.00\"}]}");
        await().atMost(Duration.ofSeconds(20)).until(() -> hubProductById(id).path("price").decimalValue().compareTo(
                new java.math.BigDecimal("27")) == 0);
        assertThat(hubProductById(id).path("lastFieldUpdates").path("price").path("origin").asText()).isEqualTo("SHOPIFY");
        await().atMost(Duration.ofSeconds(20)).until(() -> "27".equals(wooProduct(sku).path("regular_price").asText()));

        // the hub sets warehouse notes: ops field, reaches JTL and never Shopify
        send(api.patch(), "/product/" + id, "{\"warehouseNotes\": \"fragile, top shelf\"}");
        settled(id);
        assertThat(jtlProduct(sku).path("note").asText()).isEqualTo("fragile, top shelf");
        assertThat(get(shopify, "/journal").toString()).doesNotContain("fragile");
        assertThat(shopifyProduct(shopifyId).toString()).doesNotContain("fragile");
        assertThat(wooProduct(sku).toString()).doesNotContain("fragile");
    }

    @Test
    void conflictResolution_aNameChangedInShopifyAndInTheHubIsListedAndResolvedThroughTheApi() {
        String sku = newSku();
        String id = createdInTheHub(sku);
        long shopifyId = shopifyIdOf(sku);

        send(api.patch(), "/product/" + id, "{\"name\": \"Hub Name\"}");
        settled(id);
        send(shopify.put(), "/merchant/products/" + shopifyId, "{\"title\": \"Shopify Name\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> find(get(api, "/conflicts/demo").path("data").path("conflicts"),
                "productId", id) != null);
        JsonNode conflict = find(get(api, "/conflicts/demo").path("data").path("conflicts"), "productId", id);
        assertThat(conflict.path("field").asText()).isEqualTo("name");
        assertThat(conflict.path("localValue").asText()).isEqualTo("Hub Name");
        assertThat(conflict.path("localOrigin").asText()).isEqualTo("NOLIMITS");
        assertThat(conflict.path("remoteValue").asText()).isEqualTo("Shopify Name");
        assertThat(conflict.path("remoteOrigin").asText()).isEqualTo("SHOPIFY");
        assertThat(hubProductById(id).path("syncStatus").asText()).isEqualTo("CONFLICT");

        JsonNode resolved = send(api.post(), "/conflicts/" + id + "/resolve", "{\"resolution\": \"accept_local\"}").path("data");
        assertThat(resolved.path("name").asText()).isEqualTo("Hub Name");
        settled(id);
        assertThat(find(get(api, "/conflicts/demo").path("data").path("conflicts"), "productId", id)).isNull();
        assertThat(hubProductById(id).path("syncStatus").asText()).isEqualTo("SYNCED");
        // the decision reached every shop, the one whose value lost included
        assertThat(shopifyProduct(shopifyId).path("title").asText()).isEqualTo("Hub Name");
        assertThat(wooProduct(sku).path("name").asText()).isEqualTo("Hub Name");
    }

    @Test
    void productsNotSyncing_statusQueueStatusAndLogsShowWhy(CapturedOutput output) {
        String sku = newSku();
        String id = createdInTheHub(sku);
        send(woo.put(), "/faults", "{\"errorRate\": 1.0}");
        try {
            send(api.patch(), "/product/" + id, "{\"price\": 44}");

            // queue-status: the WooCommerce job waits for its retry, with WooCommerce's answer
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                JsonNode jobs = get(api, "/product/" + id + "/queue-status").path("data").path("jobs");
                JsonNode wooJob = find(jobs, "channelId", "demo-woo");
                return wooJob != null && wooJob.path("attempts").asInt() >= 1 && !wooJob.path("lastError").isNull();
            });
            JsonNode wooJob = find(get(api, "/product/" + id + "/queue-status").path("data").path("jobs"), "channelId", "demo-woo");
            assertThat(wooJob.path("status").asText()).isEqualTo("pending");
            assertThat(wooJob.path("lastError").asText()).contains("500");
            // status: the client has a product that is not in sync
            assertThat(get(api, "/status/demo").path("data").path("pending").asLong()).isGreaterThanOrEqualTo(1);
            // logs: the failed push, with the reason
            JsonNode failedPush = null;
            for (JsonNode log : get(api, "/product/" + id + "/logs?limit=50").path("data").path("logs")) {
                if (log.path("action").asText().equals("push") && !log.path("success").asBoolean()) {
                    failedPush = log;
                }
            }
            assertThat(failedPush).isNotNull();
            assertThat(failedPush.path("channelId").asText()).isEqualTo("demo-woo");
            assertThat(failedPush.path("errorMessage").asText()).contains("500");
            // the hub's log says it too, with the product and channel on the line
            assertThat(output.getAll()).containsPattern("product=" + id + " channel=demo-woo .*Push of product " + id
                    + " to demo-woo failed \\(attempt 1 of 3\\)");
        } finally {
            send(woo.put(), "/faults", "{\"reset\": true}");
        }
        // the fix: push now instead of waiting for the retry (the waiting job is the one that runs now)
        send(api.post(), "/product/" + id + "/sync", "{}");
        settled(id);
        assertThat(wooProduct(sku).path("regular_price").asText()).isEqualTo("44");
    }

    @Test
    void theDemoScriptRunsItsStory() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "docs/demo.sh").redirectErrorStream(true);
        builder.environment().put("HUB", base);
        builder.environment().put("KEY", operatorKey);
        Process demo = builder.start();
        demo.getOutputStream().close();
        boolean finished = demo.waitFor(3, TimeUnit.MINUTES);
        String out = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(finished).as(out).isTrue();
        assertThat(demo.exitValue()).as(out).isZero();
        assertThat(out).contains("ok: the hub has it", "ok: WooCommerce has it", "ok: JTL-FFN has it",
                "ok: Shopify shows 40 in stock", "ok: WooCommerce shows 40 in stock", "ok: the conflict is listed",
                "renamed in Shopify", "renamed in the hub");
    }
}
