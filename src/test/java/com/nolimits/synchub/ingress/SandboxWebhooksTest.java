package com.nolimits.synchub.ingress;

import com.nolimits.synchub.HubTest;
import com.nolimits.synchub.TestDatabase;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.ProductStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** End to end: merchants change products in the sandbox shops, whose signed webhooks reach the hub. */
@HubTest
class SandboxWebhooksTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProductStore products;
    @Autowired
    InboxStore inbox;

    RestClient http;

    @BeforeEach
    void clean() {
        TestDatabase.clear(jdbc);
        jdbc.update("delete from webhook_inbox");
        http = RestClient.create("http://127.0.0.1:" + port + "/sandbox");
        http.post().uri("/shopify/demo/reset").retrieve().toBodilessEntity();
        http.post().uri("/woocommerce/demo/reset").retrieve().toBodilessEntity();
    }

    Object value(String sku, ProductField field) {
        return products.find(products.findIdBySku("demo", sku).orElseThrow()).orElseThrow().snapshot().value(field);
    }

    @Test
    void aProductCreatedAndEditedInTheShopifySandboxReachesTheHub() {
        Map<?, ?> created = http.post().uri("/shopify/demo/merchant/products").header("Content-Type", "application/json")
                .body("{\"title\": \"Sandbox Tee\", \"variants\": [{\"sku\": \"SBX-1\", \"price\": \"12.50\"}]}")
                .retrieve().body(Map.class);
        long id = ((Number) ((Map<?, ?>) created.get("product")).get("id")).longValue();
        await().atMost(Duration.ofSeconds(10)).until(() -> products.findIdBySku("demo", "SBX-1").isPresent());
        assertThat(value("SBX-1", ProductField.PRICE)).isEqualTo(new BigDecimal("12.5"));

        // a new second: Shopify's updated_at has whole seconds
        await().pollDelay(Duration.ofMillis(1100)).until(() -> true);
        http.put().uri("/shopify/demo/merchant/products/" + id).header("Content-Type", "application/json")
                .body("{\"title\": \"Sandbox Tee v2\"}").retrieve().toBodilessEntity();
        await().atMost(Duration.ofSeconds(10)).until(() -> "Sandbox Tee v2".equals(value("SBX-1", ProductField.NAME)));
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox where status = 'done'", Long.class)).isEqualTo(2);
    }

    @Test
    void aProductCreatedInTheWooCommerceSandboxReachesTheHub() {
        http.post().uri("/woocommerce/demo/merchant/products").header("Content-Type", "application/json")
                .body("{\"name\": \"Woo Mug\", \"sku\": \"SBX-W\", \"regular_price\": \"8.00\"}").retrieve().toBodilessEntity();
        await().atMost(Duration.ofSeconds(10)).until(() -> products.findIdBySku("demo", "SBX-W").isPresent());
        assertThat(value("SBX-W", ProductField.PRICE)).isEqualTo(new BigDecimal("8"));
        assertThat(value("SBX-W", ProductField.NAME)).isEqualTo("Woo Mug");
    }

    Map<?, ?> shopifyProduct(String title, String sku) {
        Map<?, ?> created = http.post().uri("/shopify/demo/merchant/products").header("Content-Type", "application/json")
                .body("{\"title\": \"" + title + "\", \"variants\": [{\"sku\": \"" + sku + "\", \"price\": \"5.00\"}]}")
                .retrieve().body(Map.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> products.findIdBySku("demo", sku).isPresent());
        return (Map<?, ?>) created.get("product");
    }

    String linkStatus(String sku) {
        return jdbc.queryForObject("select sync_status from product_link where channel_id = 'demo-shopify' and product_id = ?",
                String.class, products.findIdBySku("demo", sku).orElseThrow());
    }

    @Test
    void aDeleteTheShopConfirmsUnlinksTheShopAndLeavesTheProductInactiveInTheHubAndPushedNowhere() {
        long id = ((Number) shopifyProduct("Retired Tee", "SBX-DEL").get("id")).longValue();
        UUID product = products.findIdBySku("demo", "SBX-DEL").orElseThrow();
        long jobsBefore = jdbc.queryForObject("select count(*) from sync_job where product_id = ?", Long.class, product);

        http.delete().uri("/shopify/demo/merchant/products/" + id).retrieve().toBodilessEntity();

        await().atMost(Duration.ofSeconds(10)).until(() -> "DELETED".equals(linkStatus("SBX-DEL")));
        await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.FALSE.equals(value("SBX-DEL", ProductField.IS_ACTIVE)));
        assertThat(jdbc.queryForList("select error_message from sync_log where product_id = ? and action = 'delete' order by id",
                String.class, product)).hasSize(2).last().asString().startsWith("inactive: no commerce channel sells the product");
        assertThat(jdbc.queryForObject("select count(*) from product where id = ?", Long.class, product)).isEqualTo(1);
        // nothing queued for the other channels: a delete in one shop is that shop's
        assertThat(jdbc.queryForObject("select count(*) from sync_job where product_id = ?", Long.class, product)).isEqualTo(jobsBefore);
    }

    @Test
    void aSignedDeleteForAProductTheShopStillHasUnlinksNothing() {
        long id = ((Number) shopifyProduct("Still Here", "SBX-KEEP").get("id")).longValue();
        String body = "{\"id\": " + id + "}"; // a delete body of the right shape, but the product exists
        int status = new SignedWebhooks(port).post("/shopify-enhanced/products/delete", body, "application/json",
                "X-Shopify-Topic", "products/delete", "X-Shopify-Shop-Domain", "demo.myshopify.com",
                "X-Shopify-Hmac-Sha256", SignedWebhooks.hmac("sandbox-shopify-webhook-secret", body),
                "X-Shopify-Event-Id", "replayed-delete-" + id).status();
        assertThat(status).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from webhook_inbox where topic = 'products/delete' and status = 'skipped'", Long.class) == 1);
        assertThat(jdbc.queryForObject("select error from webhook_inbox where topic = 'products/delete'", String.class))
                .isEqualTo("not applied: demo-shopify still has product " + id);
        assertThat(linkStatus("SBX-KEEP")).isNotEqualTo("DELETED");
        assertThat(value("SBX-KEEP", ProductField.IS_ACTIVE)).isEqualTo(true);
    }
}
