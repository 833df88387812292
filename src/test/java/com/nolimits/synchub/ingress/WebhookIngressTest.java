package com.nolimits.synchub.ingress;

import com.nolimits.synchub.store.SyncStateStore;

import com.nolimits.synchub.HubTest;
import com.nolimits.synchub.api.ApiClient;
import com.nolimits.synchub.TestDatabase;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.ProductStore;
import com.nolimits.synchub.store.PushRecordStore;
import com.nolimits.synchub.sync.ProductSyncService;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.nolimits.synchub.ingress.SignedWebhooks.shopifyProduct;
import static com.nolimits.synchub.ingress.SignedWebhooks.variant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real HTTP with real signatures to the running hub, against PostgreSQL. */
@HubTest
class WebhookIngressTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SyncStateStore state;
    @Autowired
    ProductStore products;
    @Autowired
    PushRecordStore pushes;
    @Autowired
    ProductSyncService sync;
    @Autowired
    MeterRegistry meters;
    @Autowired
    TestRestTemplate rest;

    SignedWebhooks webhooks;
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));

    @BeforeEach
    void clean() {
        TestDatabase.clear(jdbc);
        jdbc.update("delete from webhook_inbox");
        webhooks = new SignedWebhooks(port);
    }

    void processed() {
        await().atMost(Duration.ofSeconds(10)).until(() -> state.webhooksWaiting() == 0);
    }

    UUID productBySku(String sku) {
        return products.findIdBySku("acme", sku).orElseThrow(() -> new AssertionError("no product " + sku));
    }

    Object value(String sku, ProductField field) {
        return products.find(productBySku(sku)).orElseThrow().snapshot().value(field);
    }

    List<String> pendingJobs(UUID productId) {
        return jdbc.queryForList("select channel_id || ':' || array_to_string(fields, ',') || ':' || correction "
                + "from sync_job where product_id = ? and status = 'pending' order by channel_id", String.class, productId);
    }

    String inboxStatus() {
        return jdbc.queryForObject("select status || ':' || coalesce(error, '') from webhook_inbox order by id desc limit 1", String.class);
    }

    @Test
    void aShopifyCreateMakesAHubProductLinkedToTheVariantAndQueuesTheOtherChannels() {
        Map<String, Object> v = variant(11, "TS-S", "18.99", 4242);
        v.put("quantity", 75);
        v.put("barcode", "4006381333931");
        SignedWebhooks.Answer answer = webhooks.shopify("products/create", shopifyProduct(1, "Example T-Shirt", T0, List.of(v)), "e-1");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"success\":true,\"data\":{\"stored\":true}}");
        processed();
        UUID id = productBySku("TS-S");
        var product = products.find(id).orElseThrow().snapshot();
        assertThat(product.value(ProductField.NAME)).isEqualTo("Example T-Shirt");
        assertThat(product.value(ProductField.PRICE)).isEqualTo(new BigDecimal("18.99"));
        assertThat(product.value(ProductField.GTIN)).isEqualTo("4006381333931"); // ops fields taken on create
        assertThat(product.value(ProductField.TAGS)).isEqualTo(List.of("example", "mens"));
        assertThat(product.value(ProductField.AVAILABLE)).isEqualTo(0); // shop stock is never accepted
        assertThat(jdbc.queryForMap("select external_id, external_parent_id, inventory_item_id from product_link where product_id = ?", id))
                .containsEntry("external_id", "11").containsEntry("external_parent_id", "1").containsEntry("inventory_item_id", "4242");
        // inventory_quantity 75 is the variant's total over the shop's locations: no stock report, nothing corrected
        assertThat(pendingJobs(id)).containsExactly(
                "acme-jtl:gtin,name,sku:false",
                "acme-woo:description,gtin,name,price,sku,tags:false");
        assertThat(inboxStatus()).isEqualTo("done:");
    }

    @Test
    void duplicatesAreAnsweredButStoredOnce() {
        String body = shopifyProduct(2, "Mug", T0, List.of(variant(21, "MUG", "9.00", 2121)));
        assertThat(webhooks.shopify("products/update", body, "same-event").status()).isEqualTo(200);
        SignedWebhooks.Answer again = webhooks.shopify("products/update", body, "same-event");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("\"duplicate\":true");
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox", Long.class)).isEqualTo(1);
        // a different event for the same product is not a duplicate
        assertThat(webhooks.shopify("products/update", body, "other-event").body()).contains("\"stored\":true");
    }

    @Test
    void badOrMissingSignaturesAndUnknownShopsAre401AndStoreNothing() {
        String body = shopifyProduct(3, "X", T0, List.of(variant(31, "X", "1.00", 3131)));
        SignedWebhooks.Answer bad = webhooks.post("/shopify-enhanced/products/update", body, "application/json",
                "X-Shopify-Topic", "products/update", "X-Shopify-Shop-Domain", "acme.myshopify.com",
                "X-Shopify-Hmac-Sha256", SignedWebhooks.hmac("wrong-secret", body), "X-Shopify-Event-Id", "e");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.body()).isEqualTo("{\"success\":false,\"error\":\"invalid Shopify signature\"}");
        assertThat(webhooks.post("/shopify-enhanced/products/update", body, "application/json",
                "X-Shopify-Shop-Domain", "acme.myshopify.com", "X-Shopify-Event-Id", "e").status()).isEqualTo(401);
        assertThat(webhooks.post("/shopify-enhanced/products/update", body, "application/json",
                "X-Shopify-Shop-Domain", "evil.myshopify.com", "X-Shopify-Hmac-Sha256",
                SignedWebhooks.hmac(SignedWebhooks.SHOPIFY_SECRET, body)).status()).isEqualTo(401);
        // the body was changed after signing
        assertThat(webhooks.post("/shopify-enhanced/products/update", body.replace("1.00", "0.01"), "application/json",
                "X-Shopify-Shop-Domain", "acme.myshopify.com", "X-Shopify-Hmac-Sha256",
                SignedWebhooks.hmac(SignedWebhooks.SHOPIFY_SECRET, body)).status()).isEqualTo(401);
        assertThat(webhooks.post("/woocommerce-enhanced/product.updated", "{\"id\": 1}", "application/json",
                "X-WC-Webhook-Topic", "product.updated", "X-WC-Webhook-Source", "https://acme-shop.example/",
                "X-WC-Webhook-Signature", "AAAA").status()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from camel_messageprocessed", Long.class)).isZero();
    }

    @Test
    void wooCommercePingsAre200AndUnknownTopics404() {
        SignedWebhooks.Answer ping = webhooks.post("/woocommerce-enhanced/product.created", "webhook_id=12",
                "application/x-www-form-urlencoded");
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.body()).contains("\"ping\":true");
        assertThat(webhooks.post("/shopify-enhanced/orders/create", "{}", "application/json",
                "X-Shopify-Topic", "orders/create").status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox", Long.class)).isZero();
    }

    @Test
    void oversizeBodiesAre413() {
        String huge = "{\"id\": 1, \"title\": \"" + "x".repeat(1_100_000) + "\"}";
        SignedWebhooks.Answer answer = webhooks.shopify("products/update", huge, "big");
        assertThat(answer.status()).isEqualTo(413);
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox", Long.class)).isZero();
    }

    @Test
    void signedBodiesThatCannotBeReadAreKeptAsFailedAndAnswered200() {
        SignedWebhooks.Answer notJson = webhooks.shopify("products/update", "{not json", "bad-1");
        assertThat(notJson.status()).isEqualTo(200);
        assertThat(inboxStatus()).isEqualTo("failed:the body is not valid JSON");
        SignedWebhooks.Answer unmappable = webhooks.shopify("products/update", "{\"id\": 5, \"title\": \"no time\"}", "bad-2");
        assertThat(unmappable.status()).isEqualTo(200);
        processed();
        assertThat(inboxStatus()).isEqualTo("failed:'updated_at' is missing");
        assertThat(jdbc.queryForObject("select payload from webhook_inbox where status = 'failed' order by id limit 1", String.class))
                .isEqualTo("{not json");
    }

    @Test
    void anOlderDeliveryArrivingLateChangesNothing() {
        webhooks.shopify("products/update", shopifyProduct(6, "Newer", T0.plusSeconds(60), List.of(variant(61, "OO", "20.00", 6161))), "n");
        processed();
        double unchanged = meters.counter("sync.webhooks", "platform", "shopify", "outcome", "unchanged").count();
        webhooks.shopify("products/update", shopifyProduct(6, "Older", T0, List.of(variant(61, "OO", "10.00", 6161))), "o");
        processed();
        assertThat(inboxStatus()).isEqualTo("skipped:" + InboundTally.UNCHANGED);
        assertThat(meters.counter("sync.webhooks", "platform", "shopify", "outcome", "unchanged").count()).isEqualTo(unchanged + 1);
        assertThat(value("OO", ProductField.NAME)).isEqualTo("Newer");
        assertThat(value("OO", ProductField.PRICE)).isEqualTo(new BigDecimal("20"));
    }

    @Test
    void createThenUpdate() {
        webhooks.shopify("products/create", shopifyProduct(7, "First", T0, List.of(variant(71, "CU", "5.00", 7171))), "c");
        webhooks.shopify("products/update", shopifyProduct(7, "Second", T0.plusSeconds(5), List.of(variant(71, "CU", "6.00", 7171))), "u");
        processed();
        assertThat(value("CU", ProductField.NAME)).isEqualTo("Second");
        assertThat(value("CU", ProductField.PRICE)).isEqualTo(new BigDecimal("6"));
        assertThat(jdbc.queryForObject("select count(*) from product", Long.class)).isEqualTo(1);
    }

    @Test
    void everyVariantIsAHubProductAndAVanishedVariantIsUnlinked() {
        webhooks.shopify("products/create", shopifyProduct(8, "Tee", T0, List.of(
                variant(81, "TEE-S", "10.00", 8181), variant(82, "TEE-M", "11.00", 8282))), "v1");
        processed();
        assertThat(value("TEE-S", ProductField.PRICE)).isEqualTo(new BigDecimal("10"));
        assertThat(value("TEE-M", ProductField.PRICE)).isEqualTo(new BigDecimal("11"));
        webhooks.shopify("products/update", shopifyProduct(8, "Tee", T0.plusSeconds(10), List.of(
                variant(81, "TEE-S", "12.00", 8181))), "v2");
        processed();
        assertThat(value("TEE-S", ProductField.PRICE)).isEqualTo(new BigDecimal("12"));
        assertThat(jdbc.queryForObject("select sync_status from product_link where external_id = '82'", String.class))
                .isEqualTo("DELETED");
        assertThat(jdbc.queryForObject("select count(*) from product", Long.class)).isEqualTo(2); // never hard-deleted
    }

    @Test
    void aCreateWithAKnownSkuLinksInsteadOfDuplicating() {
        UUID existing = sync.create("acme", new com.nolimits.synchub.merge.Change(com.nolimits.synchub.merge.Origin.NOLIMITS,
                null, T0.minusSeconds(3600), com.nolimits.synchub.merge.Change.Kind.CREATE,
                Map.of(ProductField.NAME, "Hub name", ProductField.SKU, "KNOWN")), null, null).product().id();
        webhooks.shopify("products/create", shopifyProduct(9, "Shop name", T0, List.of(variant(91, "KNOWN", "3.00", 9191))), "k");
        processed();
        assertThat(jdbc.queryForObject("select count(*) from product", Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select product_id from product_link where external_id = '91'", UUID.class)).isEqualTo(existing);
        assertThat(value("KNOWN", ProductField.PRICE)).isEqualTo(new BigDecimal("3"));
    }

    @Test
    void inventoryLevelsAreRecordedAndCorrectedOnlyDownward() {
        webhooks.shopify("products/create", shopifyProduct(10, "Stocked", T0, List.of(variant(101, "INV", "1.00", 4242))), "s");
        processed();
        UUID id = productBySku("INV");
        jdbc.update("delete from sync_job");
        String higher = "{\"inventory_item_id\": 4242, \"location_id\": 1, \"available\": 100, \"updated_at\": \"" + T0.plusSeconds(30) + "\"}";
        webhooks.shopify("inventory_levels/update", higher, "inv-1");
        processed();
        assertThat(value("INV", ProductField.AVAILABLE)).isEqualTo(0);
        assertThat(pendingJobs(id)).containsExactly("acme-shopify:available:true");
        assertThat(jdbc.queryForObject("select error_message from sync_log where product_id = ? and action = 'ignore' order by id desc limit 1",
                String.class, id)).isEqualTo("NOT_PERMITTED: SHOPIFY may not write stock field available");

        jdbc.update("delete from sync_job");
        jdbc.update("update product set available = 5 where id = ?", id);
        String lower = "{\"inventory_item_id\": 4242, \"location_id\": 1, \"available\": 3, \"updated_at\": \"" + T0.plusSeconds(40) + "\"}";
        webhooks.shopify("inventory_levels/update", lower, "inv-2");
        processed();
        assertThat(pendingJobs(id)).isEmpty(); // a lower figure is most likely a sale: never raised back

        webhooks.shopify("inventory_levels/update", higher.replace("\"location_id\": 1", "\"location_id\": 2"), "inv-3");
        processed();
        assertThat(inboxStatus()).isEqualTo("skipped:stock of another location (2)");
    }

    @Test
    void aDeleteThePlatformCannotConfirmIsNotAppliedAndIsRetried() {
        webhooks.shopify("products/create", shopifyProduct(12, "Gone", T0, List.of(variant(121, "DEL", "1.00", 1212))), "d1");
        processed();
        // acme-shopify's API cannot be reached here: the hub cannot ask whether product 12 is gone
        assertThat(webhooks.shopify("products/delete", "{\"id\": 12}", "d2").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select attempts from webhook_inbox where topic = 'products/delete'", Integer.class) >= 2);
        UUID id = productBySku("DEL");
        assertThat(jdbc.queryForObject("select sync_status from product_link where product_id = ?", String.class, id)).isNotEqualTo("DELETED");
        assertThat(jdbc.queryForObject("select status from webhook_inbox where topic = 'products/delete'", String.class))
                .isIn("pending", "processing");
        assertThat(jdbc.queryForObject("select error from webhook_inbox where topic = 'products/delete'", String.class))
                .contains("Connection refused");
    }

    @Test
    void aBodyWhoseShapeContradictsItsTopicIsRefusedAndStoredNowhere() {
        String update = shopifyProduct(13, "Kept", T0, List.of(variant(131, "KEEP", "1.00", 1313)));
        SignedWebhooks.Answer relabelled = webhooks.shopify("products/delete", update, "relabel-1");
        assertThat(relabelled.status()).isEqualTo(400);
        assertThat(relabelled.body()).contains("\"success\":false").contains("shape of a Shopify products/delete webhook");
        SignedWebhooks.Answer bareAsUpdate = webhooks.shopify("products/update", "{\"id\": 13}", "relabel-2");
        assertThat(bareAsUpdate.status()).isEqualTo(400);
        SignedWebhooks.Answer wooRelabelled = webhooks.woo("product.deleted", SignedWebhooks.json(Map.of("id", 13,
                "name", "Kept", "date_modified_gmt", T0.toString().replace("Z", ""))));
        assertThat(wooRelabelled.status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from camel_messageprocessed", Long.class)).isZero();
    }

    @Test
    void aDeliveryTriggeredLongerAgoThanTheMaxAgeIsAcknowledgedButNotStored() {
        String body = shopifyProduct(14, "Stale", T0, List.of(variant(141, "STALE", "1.00", 1414)));
        SignedWebhooks.Answer old = webhooks.post("/shopify-enhanced/products/update", body, "application/json",
                "X-Shopify-Topic", "products/update", "X-Shopify-Shop-Domain", "acme.myshopify.com",
                "X-Shopify-Hmac-Sha256", SignedWebhooks.hmac(SignedWebhooks.SHOPIFY_SECRET, body), "X-Shopify-Event-Id", "stale-1",
                "X-Shopify-Triggered-At", java.time.OffsetDateTime.now().minusDays(3).toString());
        assertThat(old.status()).isEqualTo(200);
        assertThat(old.body()).contains("\"tooOld\":true");
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox", Long.class)).isZero();

        SignedWebhooks.Answer recent = webhooks.post("/shopify-enhanced/products/update", body, "application/json",
                "X-Shopify-Topic", "products/update", "X-Shopify-Shop-Domain", "acme.myshopify.com",
                "X-Shopify-Hmac-Sha256", SignedWebhooks.hmac(SignedWebhooks.SHOPIFY_SECRET, body), "X-Shopify-Event-Id", "stale-2",
                "X-Shopify-Triggered-At", java.time.OffsetDateTime.now().minusHours(3).toString());
        assertThat(recent.body()).contains("stored");
    }

    @Test
    void wooCommerceProductsMapPricesAndDedupOnTheModificationTimeAndBody() {
        Map<String, Object> product = new java.util.LinkedHashMap<>();
        product.put("id", 501);
        product.put("name", "Woo Tee");
        product.put("type", "simple");
        product.put("status", "publish");
        product.put("sku", "WOO-1");
        product.put("regular_price", "20.00");
        product.put("sale_price", "15.00");
        product.put("tax_status", "taxable");
        product.put("manage_stock", true);
        product.put("stock_quantity", 4);
        product.put("weight", "0.5");
        product.put("dimensions", Map.of("length", "30", "width", "20", "height", "2"));
        product.put("categories", List.of(Map.of("id", 9, "name", "Shirts")));
        product.put("date_modified_gmt", T0.toString().replace("Z", ""));
        String body = SignedWebhooks.json(product);
        assertThat(webhooks.woo("product.created", body).body()).contains("stored");
        assertThat(webhooks.woo("product.created", body).body()).contains("duplicate"); // a new delivery id, the same change
        product.put("name", "Woo Tee, blue"); // a second edit in the same second: WooCommerce stamps whole seconds
        assertThat(webhooks.woo("product.updated", SignedWebhooks.json(product)).body()).contains("stored");
        processed();
        assertThat(value("WOO-1", ProductField.NAME)).isEqualTo("Woo Tee, blue");
        assertThat(value("WOO-1", ProductField.PRICE)).isEqualTo(new BigDecimal("15"));
        assertThat(value("WOO-1", ProductField.COMPARE_AT_PRICE)).isEqualTo(new BigDecimal("20"));
        assertThat(value("WOO-1", ProductField.CATEGORIES)).isEqualTo(List.of("Shirts"));
        assertThat(value("WOO-1", ProductField.WEIGHT_IN_KG)).isEqualTo(new BigDecimal("0.5"));
        assertThat(value("WOO-1", ProductField.LENGTH_IN_CM)).isEqualTo(new BigDecimal("30"));

        String variable = SignedWebhooks.json(Map.of("id", 600, "name", "Parent", "type", "variable",
                "date_modified_gmt", T0.toString().replace("Z", "")));
        webhooks.woo("product.updated", variable);
        processed();
        assertThat(inboxStatus()).startsWith("skipped:a variable product's parent");
    }

    @Test
    void echoesOfTheHubsOwnPushesAreSkippedButAMerchantsLaterEditIsNot() {
        webhooks.shopify("products/create", shopifyProduct(13, "Echo", T0, List.of(variant(131, "ECHO", "10.00", 1313))), "x0");
        processed();
        UUID id = productBySku("ECHO");
        // the hub changed the price twice and pushed both; Shopify stamped each push with its updated_at
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        sync.edit(id, Map.of(ProductField.PRICE, ProductField.PRICE.canonical("20")), null);
        pushes.record(id, "acme-shopify", Map.of(ProductField.PRICE, ProductField.PRICE.canonical("20")), now.plusSeconds(1));
        sync.edit(id, Map.of(ProductField.PRICE, ProductField.PRICE.canonical("30")), null);
        pushes.record(id, "acme-shopify", Map.of(ProductField.PRICE, ProductField.PRICE.canonical("30")), now.plusSeconds(2));

        // the echo of the second push
        webhooks.shopify("products/update", shopifyProduct(13, "Echo", now.plusSeconds(2), List.of(variant(131, "ECHO", "30.00", 1313))), "x1");
        processed();
        assertThat(inboxStatus()).isEqualTo("skipped:Skipping echo from our own update");
        assertThat(jdbc.queryForObject("select count(*) from sync_log where product_id = ? and action = 'echo' and error_message = ?",
                Long.class, id, "Skipping echo from our own update")).isEqualTo(1);

        // the late echo of the first push, after the second: the hub stays at 30
        webhooks.shopify("products/update", shopifyProduct(13, "Echo", now.plusSeconds(1), List.of(variant(131, "ECHO", "20.00", 1313))), "x2");
        processed();
        assertThat(inboxStatus()).isEqualTo("skipped:Skipping echo from our own update");
        assertThat(value("ECHO", ProductField.PRICE)).isEqualTo(new BigDecimal("30"));

        // the merchant sets the old price again, later than every push: a real change (Shopify owns price)
        webhooks.shopify("products/update", shopifyProduct(13, "Echo", now.plusSeconds(10), List.of(variant(131, "ECHO", "20.00", 1313))), "x3");
        processed();
        assertThat(inboxStatus()).isEqualTo("done:");
        assertThat(value("ECHO", ProductField.PRICE)).isEqualTo(new BigDecimal("20"));
    }

    @Test
    void aMerchantsEditMadeInTheSecondOfAPushRidesAlongWithItsEcho() {
        webhooks.shopify("products/create", shopifyProduct(16, "Along", T0, List.of(variant(161, "ALONG", "10.00", 1616))), "a0");
        processed();
        UUID id = productBySku("ALONG");
        sync.edit(id, Map.of(ProductField.PRICE, ProductField.PRICE.canonical("12")), null);
        Instant shopTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        pushes.record(id, "acme-shopify", Map.of(ProductField.PRICE, ProductField.PRICE.canonical("12")), shopTime);

        // the merchant renames the product in the second the push landed: the webhook has the pushed price
        webhooks.shopify("products/update", shopifyProduct(16, "Along renamed", shopTime,
                List.of(variant(161, "ALONG", "12.00", 1616))), "a1");
        processed();
        assertThat(inboxStatus()).isEqualTo("done:");
        assertThat(value("ALONG", ProductField.NAME)).isEqualTo("Along renamed");
        assertThat(value("ALONG", ProductField.PRICE)).isEqualTo(new BigDecimal("12"));
    }

    @Test
    void theEchoOfAPushsFirstCallInTheSameSecondAsItsSecondIsSkipped() {
        webhooks.shopify("products/create", shopifyProduct(17, "Two calls", T0, List.of(variant(171, "TWO", "10.00", 1717))), "t0");
        processed();
        UUID id = productBySku("TWO");
        Map<ProductField, Object> product = Map.of(ProductField.NAME, "Two calls renamed",
                ProductField.DESCRIPTION, "<p>Two calls renamed</p>");
        Map<ProductField, Object> productAndPrice = new EnumMap<>(product);
        productAndPrice.put(ProductField.PRICE, ProductField.PRICE.canonical("12"));
        sync.edit(id, productAndPrice, null);
        // a Shopify push is a product call, then a price call, each recorded with what the shop holds after it
        Instant shopTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        pushes.record(id, "acme-shopify", product, shopTime);
        pushes.record(id, "acme-shopify", productAndPrice, shopTime);

        // the first call's webhook shows the new product and still the old price, stamped with the same second
        webhooks.shopify("products/update", shopifyProduct(17, "Two calls renamed", shopTime,
                List.of(variant(171, "TWO", "10.00", 1717))), "t1");
        processed();
        assertThat(inboxStatus()).isEqualTo("skipped:Skipping echo from our own update");
        assertThat(value("TWO", ProductField.PRICE)).isEqualTo(new BigDecimal("12"));
    }

    @Test
    void theEchoOfAPushStillInFlightIsSkippedAndOnceSettledALaterEditIsNot() {
        webhooks.shopify("products/create", shopifyProduct(15, "Fast", T0, List.of(variant(151, "FAST", "10.00", 1515))), "f0");
        processed();
        UUID id = productBySku("FAST");
        sync.edit(id, Map.of(ProductField.PRICE, ProductField.PRICE.canonical("12")), null);
        // the shop's webhook of the push arrives before the push's answer has reached the hub
        long record = pushes.begin(id, "acme-shopify", Map.of(ProductField.PRICE, ProductField.PRICE.canonical("12")));
        Instant shopTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        webhooks.shopify("products/update", shopifyProduct(15, "Fast", shopTime, List.of(variant(151, "FAST", "12.00", 1515))), "f1");
        processed();
        assertThat(inboxStatus()).isEqualTo("skipped:Skipping echo from our own update");

        // the answer arrives; a merchant's later edit back to the pushed value is a real change again
        pushes.finish(record, id, "acme-shopify", Map.of(ProductField.PRICE, ProductField.PRICE.canonical("12")), shopTime);
        sync.edit(id, Map.of(ProductField.PRICE, ProductField.PRICE.canonical("14")), null);
        pushes.record(id, "acme-shopify", Map.of(ProductField.PRICE, ProductField.PRICE.canonical("14")), shopTime.plusSeconds(2));
        jdbc.update("update product set last_field_updates = '{}' where id = ?", id); // outside the conflict window
        webhooks.shopify("products/update", shopifyProduct(15, "Fast", shopTime.plusSeconds(5), List.of(variant(151, "FAST", "12.00", 1515))), "f2");
        processed();
        assertThat(inboxStatus()).isEqualTo("done:");
        assertThat(value("FAST", ProductField.PRICE)).isEqualTo(new BigDecimal("12"));
        assertThat(jdbc.queryForObject("select count(*) from push_record where product_id = ? and platform_version = 'infinity'",
                Long.class, id)).isZero();
    }

    @Test
    void aFailureBeforeTheEventIsStoredAnswers503AndLeavesNoDedupKey() {
        String body = shopifyProduct(14, "Retry me", T0, List.of(variant(141, "RETRY", "1.00", 1414)));
        jdbc.execute("alter table webhook_inbox rename to webhook_inbox_away");
        try {
            SignedWebhooks.Answer down = webhooks.shopify("products/update", body, "retry-event");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.body()).contains("\"success\":false");
        } finally {
            jdbc.execute("alter table webhook_inbox_away rename to webhook_inbox");
        }
        assertThat(jdbc.queryForObject("select count(*) from camel_messageprocessed", Long.class)).isZero();
        SignedWebhooks.Answer retried = webhooks.shopify("products/update", body, "retry-event");
        assertThat(retried.body()).contains("\"stored\":true"); // not mistaken for a duplicate
        processed();
        assertThat(value("RETRY", ProductField.NAME)).isEqualTo("Retry me");
    }

    @Test
    void aFieldTheHubCannotTakeIsLeftOutAndTheRestOfTheWebhookIsApplied() {
        webhooks.shopify("products/create", shopifyProduct(15, "Mug", T0, List.of(variant(151, "MUG-NUL", "5.00", 1515))), "f1");
        processed();
        // a NUL in the title and a new price in the same webhook
        webhooks.shopify("products/update", shopifyProduct(15, "Mug\u0000Evil", T0.plusSeconds(10),
                List.of(variant(151, "MUG-NUL", "7.50", 1515))), "f2");
        processed();
        assertThat(inboxStatus()).isEqualTo("done:");
        assertThat(value("MUG-NUL", ProductField.PRICE)).isEqualTo(new BigDecimal("7.5"));
        assertThat(value("MUG-NUL", ProductField.NAME)).isEqualTo("Mug");
        assertThat(jdbc.queryForList("select changed_fields[1] || ' ' || error_message from sync_log where product_id = ? "
                + "and action = 'ignore' order by id", String.class, productBySku("MUG-NUL")))
                .contains("name not taken: name must not contain the NUL character (U+0000)"); // the description has it too

        // a price of 1e20 and a new title
        webhooks.shopify("products/update", shopifyProduct(15, "Mug II", T0.plusSeconds(20),
                List.of(variant(151, "MUG-NUL", "1e20", 1515))), "f3");
        processed();
        assertThat(value("MUG-NUL", ProductField.NAME)).isEqualTo("Mug II");
        assertThat(value("MUG-NUL", ProductField.PRICE)).isEqualTo(new BigDecimal("7.5"));
        assertThat(jdbc.queryForObject("select error_message from sync_log where product_id = ? and action = 'ignore' "
                + "order by id desc limit 1", String.class, productBySku("MUG-NUL"))).isEqualTo("not taken: price must not exceed 9999999999");
    }

    @Test
    @SuppressWarnings("unchecked")
    void failedEventsAreListedAndReplayedByTheOperatorOrTheOwningClient() {
        String body = shopifyProduct(16, "Replayed", T0, List.of(variant(161, "REPLAY", "3.00", 1616)));
        // an event that failed for good (say, under a hub version that could not map it), kept with its reason
        Long id = jdbc.queryForObject("""
                insert into webhook_inbox (channel_id, client_id, platform, topic, dedup_key, event_id, resource_id, payload,
                    status, attempts, error, processed_at)
                values ('acme-shopify', 'acme', 'shopify', 'products/create', 'replay-test', 'r1', '16', ?, 'failed', 5,
                    'IllegalStateException: boom', now()) returning id""", Long.class, body);
        ApiClient operator = new ApiClient(rest);
        var listed = operator.get("/webhooks/failed?clientId=acme");
        assertThat(listed.getStatusCode().value()).isEqualTo(200);
        List<Map<String, Object>> events = (List<Map<String, Object>>) ApiClient.data(listed).get("events");
        assertThat(events).singleElement().satisfies(event -> assertThat(event).containsEntry("id", id.intValue())
                .containsEntry("topic", "products/create").containsEntry("error", "IllegalStateException: boom")
                .containsEntry("attempts", 5).doesNotContainKey("payload"));

        var otherClient = new ApiClient(rest, "not-acmes-key-but-valid-for-none");
        assertThat(otherClient.post("/webhooks/" + id + "/replay", "{}").getStatusCode().value()).isEqualTo(401);
        var acme = new ApiClient(rest, com.nolimits.synchub.TestCredentials.ACME_KEY);
        assertThat(acme.get("/webhooks/failed?clientId=demo").getStatusCode().value()).isEqualTo(403);
        var replayed = acme.post("/webhooks/" + id + "/replay", "{}");
        assertThat(replayed.getStatusCode().value()).isEqualTo(202);

        processed();
        assertThat(jdbc.queryForObject("select status from webhook_inbox where id = ?", String.class, id)).isEqualTo("done");
        assertThat(value("REPLAY", ProductField.NAME)).isEqualTo("Replayed");
        assertThat(acme.post("/webhooks/" + id + "/replay", "{}").getStatusCode().value()).isEqualTo(409);
        assertThat(operator.post("/webhooks/999999999/replay", "{}").getStatusCode().value()).isEqualTo(404);
        assertThat(acme.post("/webhooks/999999999/replay", "{}").getStatusCode().value()).isEqualTo(403);
    }
}
