package com.nolimits.synchub.reconcile;

import com.nolimits.synchub.OutboundTest;
import com.nolimits.synchub.TestDatabase;
import com.nolimits.synchub.api.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** routes/reconciliation.yaml repairing webhooks the sandboxes dropped, sweeping every second. */
@OutboundTest
@TestPropertySource(properties = {"sync.reconcile.interval-ms=1000", "sync.reconcile.first-sweep-delay-ms=500"})
@SuppressWarnings("unchecked")
class ReconciliationTest {

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.apache.camel.CamelContext camel;

    ApiClient api;
    RestClient shopify;
    RestClient woo;

    @BeforeEach
    void clean() throws Exception {
        // no sweep round may straddle the clean-up (it would store what the last test left behind)
        camel.getRouteController().stopRoute("reconciliation");
        api = new ApiClient(http);
        shopify = sandbox("shopify");
        woo = sandbox("woocommerce");
        for (RestClient sandbox : List.of(shopify, woo, sandbox("jtl"))) {
            sandbox.post().uri("/reset").retrieve().toBodilessEntity();
        }
        quiet();
        TestDatabase.clear(jdbc);
        jdbc.update("delete from webhook_inbox");
        camel.getRouteController().startRoute("reconciliation");
    }

    RestClient sandbox(String platform) {
        return RestClient.create("http://127.0.0.1:" + port + "/sandbox/" + platform + "/demo");
    }

    void quiet() {
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select (select count(*) from webhook_inbox where status in ('pending', 'processing')) "
                        + "+ (select count(*) from sync_job where status in ('pending', 'processing'))", Long.class) == 0);
    }

    List<Map<String, Object>> journal(RestClient sandbox) {
        return (List<Map<String, Object>>) sandbox.get().uri("/journal").retrieve().body(Map.class).get("entries");
    }

    BigDecimal price(UUID id) {
        return new BigDecimal(ApiClient.data(api.get("/product/" + id)).get("price").toString());
    }

    @Test
    void aDroppedShopifyWebhookIsRepairedByTheSweepAndPushedOnceToTheOtherShop() {
        UUID id = UUID.fromString((String) ApiClient.data(api.post("/create", "{\"clientId\": \"demo\", \"name\": \"Kettle\", "
                + "\"sku\": \"REC-1\", \"price\": 20}")).get("id"));
        quiet();
        String shopProduct = jdbc.queryForObject("select external_parent_id from product_link where product_id = ? "
                + "and channel_id = 'demo-shopify'", String.class, id);
        shopify.put().uri("/faults").header("Content-Type", "application/json").body("{\"dropWebhookRate\": 1}")
                .retrieve().toBodilessEntity();
        shopify.delete().uri("/journal").retrieve().toBodilessEntity();
        woo.delete().uri("/journal").retrieve().toBodilessEntity();

        shopify.put().uri("/merchant/products/" + shopProduct).header("Content-Type", "application/json")
                .body("{\"variants\": [{\"sku\": \"REC-1\", \"price\": \"21.00\"}]}").retrieve().toBodilessEntity();
        await().atMost(Duration.ofSeconds(10)).until(() -> price(id).compareTo(new BigDecimal("21")) == 0);
        quiet();
        await().pollDelay(Duration.ofMillis(2500)).until(() -> true); // more sweeps read the same state again
        quiet();

        assertThat(journal(woo).stream().filter(call -> !"GET".equals(call.get("method")))).singleElement().satisfies(call -> {
            assertThat(call).containsEntry("method", "PUT");
            assertThat((Map<String, Object>) call.get("body")).containsEntry("regular_price", "21");
        });
        // the repaired product is only read from Shopify, never pushed back to it
        assertThat(journal(shopify)).filteredOn(c -> !"products".equals(c.get("operation")))
                .noneMatch(c -> String.valueOf(c.get("body")).contains("Kettle") || String.valueOf(c.get("body")).contains(shopProduct));
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox where event_id = 'reconcile' and channel_id = 'demo-shopify' "
                + "and payload like '%21.00%'", Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from sync_log where product_id = ? and action = 'push' "
                + "and channel_id = 'demo-woo' and success", Long.class, id)).isEqualTo(2); // the creation and the repair
    }

    @Test
    void theHubsOwnPushesReadBackBySweepsAreEchoesAndPushNothing() {
        UUID id = UUID.fromString((String) ApiClient.data(api.post("/create", "{\"clientId\": \"demo\", \"name\": \"Toaster\", "
                + "\"sku\": \"REC-2\", \"price\": 30}")).get("id"));
        quiet();
        await().pollDelay(Duration.ofMillis(2500)).until(() -> true);
        quiet();
        assertThat(jdbc.queryForObject("select count(*) from sync_job where product_id = ?", Long.class, id)).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox where event_id = 'reconcile' and status = 'done'",
                Long.class)).isZero();
    }
}
