package com.nolimits.synchub.ingress;

import com.nolimits.synchub.OutboundTest;
import com.nolimits.synchub.Sandboxes;
import com.nolimits.synchub.TestCredentials;
import com.nolimits.synchub.api.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub keeps its webhook subscriptions at the sandboxes, which deliver only to registered addresses:
 * registered at start-up (register-webhooks), idempotent, a wrong address corrected, the hub's stale ones
 * deleted and other apps' left alone; a subscription Shopify removed and one WooCommerce disabled are
 * restored by the hourly check, and the merchant edits made meanwhile are repaired by its sweep.
 */
@OutboundTest
@org.springframework.test.context.TestPropertySource(properties = "sync.webhooks.first-check-delay=0") // the test fires the check
@SuppressWarnings("unchecked")
class WebhookSubscriptionsTest {

    @LocalServerPort
    int port;
    @Autowired
    ApiClient api;
    @Autowired
    Sandboxes sandboxes;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Scheduler quartz;

    String hub() {
        return "http://127.0.0.1:" + port + "/api/integrations/webhooks/";
    }

    @BeforeEach
    @AfterEach
    void registered() {
        sandboxes.freshStart();
        api.post("/channels/demo-shopify/webhooks", "{}");
        api.post("/channels/demo-woo/webhooks", "{}");
    }

    @Test
    void startUpRegisteredEveryTopicAndRegisteringAgainChangesNothing() {
        List<Map<String, Object>> shopify = topics(api.get("/channels/demo-shopify/webhooks").getBody());
        assertThat(shopify).extracting(t -> t.get("topic") + " " + t.get("registered") + " " + t.get("status") + " " + t.get("address"))
                .containsExactly("PRODUCTS_CREATE true active " + hub() + "shopify-enhanced/products/create",
                        "PRODUCTS_UPDATE true active " + hub() + "shopify-enhanced/products/update",
                        "PRODUCTS_DELETE true active " + hub() + "shopify-enhanced/products/delete",
                        "INVENTORY_LEVELS_UPDATE true active " + hub() + "shopify-enhanced/inventory_levels/update");
        List<Map<String, Object>> woo = topics(api.get("/channels/demo-woo/webhooks").getBody());
        assertThat(woo).extracting(t -> t.get("topic") + " " + t.get("registered") + " " + t.get("status"))
                .containsExactly("product.created true active", "product.updated true active", "product.deleted true active",
                        "product.restored true active");

        sandboxes.clearJournals();
        Map<String, Object> again = ApiClient.data(api.post("/channels/demo-woo/webhooks", "{}"));
        assertThat((List<Map<String, Object>>) again.get("topics")).extracting(t -> t.get("action")).containsOnly("unchanged");
        assertThat((List<Object>) again.get("deleted")).isEmpty();
        assertThat(Sandboxes.journal(sandboxes.woo)).extracting(e -> e.get("operation")).containsExactly("list webhooks");
        assertThat(webhooksAt(sandboxes.woo)).hasSize(4);
        assertThat(ApiClient.data(api.post("/channels/demo-shopify/webhooks", "{}")).get("topics").toString()).doesNotContain("created");
        assertThat(shopifySubscriptions()).hasSize(4);

        // the channel's checklist says when
        Map<String, Object> channel = ApiClient.data(api.get("/channels/demo-woo"));
        assertThat((Map<String, Object>) channel.get("webhooks")).containsEntry("registerAtStartUp", true)
                .containsEntry("problem", null).extractingByKey("lastRegistered").isNotNull();
    }

    @Test
    void aWrongAddressIsCorrectedStaleOnesDeletedAndOtherAppsLeftAlone() {
        Map<String, Object> updated = webhookAt("product.updated");
        wooApi().put().uri("/webhooks/" + updated.get("id")).header("Content-Type", "application/json")
                .body(Map.of("delivery_url", "https://old-hub.example/api/integrations/webhooks/woocommerce-enhanced/product.updated",
                        "status", "paused"))
                .retrieve().toBodilessEntity();
        Map<String, Object> zapier = wooApi().post().uri("/webhooks").header("Content-Type", "application/json")
                .body(Map.of("topic", "product.updated", "delivery_url", hub() + "woocommerce-enhanced/product.updated",
                        "secret", "x", "status", "paused", "name", "a duplicate of the hub's"))
                .retrieve().body(Map.class);
        Map<String, Object> other = wooApi().post().uri("/webhooks").header("Content-Type", "application/json")
                .body(Map.of("topic", "product.updated", "delivery_url", "https://hooks.example/other-app", "secret", "y", "status", "paused"))
                .retrieve().body(Map.class);

        Map<String, Object> report = ApiClient.data(api.post("/channels/demo-woo/webhooks", "{}"));
        Map<String, Object> topic = ((List<Map<String, Object>>) report.get("topics")).stream()
                .filter(t -> t.get("topic").equals("product.updated")).findFirst().orElseThrow();
        assertThat(topic).containsEntry("status", "active").containsEntry("address", hub() + "woocommerce-enhanced/product.updated");
        assertThat(List.of("updated", "reactivated")).contains((String) topic.get("action"));
        assertThat(webhooksAt(sandboxes.woo)).extracting(w -> w.get("topic") + " " + w.get("delivery_url") + " " + w.get("status"))
                .hasSize(5).contains("product.updated https://hooks.example/other-app paused")
                .containsOnlyOnce("product.updated " + hub() + "woocommerce-enhanced/product.updated active");
        assertThat(webhooksAt(sandboxes.woo)).extracting(w -> w.get("id")).contains(other.get("id"));
        assertThat(zapier).isNotNull();
    }

    @Test
    void theCheckRestoresARemovedAndADisabledSubscriptionAndItsSweepRepairsTheLostEdits() throws Exception {
        // Shopify removed the products/update subscription (its deliveries failed for hours), WooCommerce
        // disabled product.updated (it does after failed deliveries)
        Map<String, Object> gone = shopifySubscriptions().stream().filter(s -> s.get("topic").equals("PRODUCTS_UPDATE")).findFirst().orElseThrow();
        Map<String, Object> deleted = shopifyGraphql("mutation($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { message } } }",
                Map.of("id", gone.get("id")));
        assertThat(deleted.toString()).contains("deletedWebhookSubscriptionId");
        wooApi().put().uri("/webhooks/" + webhookAt("product.updated").get("id")).header("Content-Type", "application/json")
                .body(Map.of("status", "disabled")).retrieve().toBodilessEntity();

        // products the hub knows, then edits the merchants make while no webhook can say so
        String shopifyProduct = (String) ApiClient.data(api.post("/create", "{\"clientId\": \"demo\", \"name\": \"Lamp\", \"sku\": \"HOOK-1\", "
                + "\"price\": 10, \"channelIds\": [\"demo-shopify\", \"demo-woo\"]}")).get("id");
        sandboxes.quiet();
        Object shopifyId = ((List<Map<String, Object>>) sandboxes.shopify.get().uri("/merchant/products").retrieve().body(Map.class)
                .get("products")).get(0).get("id");
        Object wooId = ((Map<String, Object>) sandboxes.woo.get().uri("/merchant/products").retrieve().body(List.class).get(0)).get("id");
        sandboxes.shopify.put().uri("/merchant/products/" + shopifyId).header("Content-Type", "application/json")
                .body(Map.of("title", "Lamp", "variants", List.of(Map.of("sku", "HOOK-1", "price", "12.00")))).retrieve().toBodilessEntity();
        sandboxes.woo.put().uri("/merchant/products/" + wooId).header("Content-Type", "application/json")
                .body(Map.of("description", "Brass, 40 cm")).retrieve().toBodilessEntity();
        Thread.sleep(1500); // what would have been delivered by now was not: nobody is subscribed
        Map<String, Object> before = ApiClient.data(api.get("/product/" + shopifyProduct));
        assertThat(before).containsEntry("description", null);
        assertThat(new java.math.BigDecimal(before.get("price").toString())).isEqualByComparingTo("10");

        double restoredBefore = restoredCount();
        quartz.triggerJob(new JobKey("webhook-subscription-check", "sync"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Object> after = ApiClient.data(api.get("/product/" + shopifyProduct));
            assertThat(after).containsEntry("description", "Brass, 40 cm");
            assertThat(new java.math.BigDecimal(after.get("price").toString())).isEqualByComparingTo("12");
        });
        assertThat(topics(api.get("/channels/demo-shopify/webhooks").getBody())).allSatisfy(t -> assertThat(t).containsEntry("registered", true));
        assertThat(webhookAt("product.updated")).containsEntry("status", "active").containsEntry("failure_count", 0);
        assertThat(restoredCount()).isEqualTo(restoredBefore + 2);
        assertThat((Map<String, Object>) ApiClient.data(api.get("/channels/demo-shopify")).get("webhooks"))
                .extractingByKey("lastRestored").isNotNull();
    }

    @Test
    void aJtlChannelHasNoWebhooksAndAPlatformsRefusalIsShownInItsWords() {
        var jtl = api.post("/channels/demo-jtl/webhooks", "{}");
        assertThat(jtl.getStatusCode().value()).isEqualTo(400);
        assertThat((String) jtl.getBody().get("error")).isEqualTo("channel demo-jtl is a JTL channel: it has no webhooks, the hub polls it");

        Sandboxes.faults(sandboxes.woo, "{\"errorRate\": 1}");
        var failed = api.post("/channels/demo-woo/webhooks", "{}");
        assertThat(failed.getStatusCode().value()).isEqualTo(502);
        assertThat((String) failed.getBody().get("error"))
                .isEqualTo("WooCommerce answered listing webhooks with 500 (internal_server_error: There has been a critical error on this website.)");
        assertThat((Map<String, Object>) ApiClient.data(api.get("/channels/demo-woo")).get("webhooks")).extractingByKey("problem")
                .asString().startsWith("WooCommerce answered listing webhooks with 500");
        String health = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health")
                .header("X-API-Key", TestCredentials.OPERATOR_KEY).retrieve().body(String.class);
        assertThat(health).contains("\"webhookProblems\":{\"demo-woo\":\"WooCommerce answered listing webhooks with 500");
        Sandboxes.faults(sandboxes.woo, "{\"reset\": true}");

        // a platform that does not answer at all (acme-shopify's address has nobody listening)
        var unreachable = api.post("/channels/acme-shopify/webhooks", "{}");
        assertThat(unreachable.getStatusCode().value()).isEqualTo(502);
        assertThat((String) unreachable.getBody().get("error")).startsWith("SHOPIFY did not answer: ");
    }

    // ---- helpers

    static List<Map<String, Object>> topics(Map<String, Object> answer) {
        return (List<Map<String, Object>>) ((Map<String, Object>) answer.get("data")).get("topics");
    }

    List<Map<String, Object>> webhooksAt(RestClient site) {
        return (List<Map<String, Object>>) site.get().uri("/webhooks").retrieve().body(Map.class).get("webhooks");
    }

    Map<String, Object> webhookAt(String topic) {
        return webhooksAt(sandboxes.woo).stream().filter(w -> w.get("topic").equals(topic)
                && w.get("delivery_url").toString().startsWith(hub())).findFirst().orElseThrow();
    }

    RestClient wooApi() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port + "/sandbox/woocommerce/demo/wp-json/wc/v3")
                .defaultHeader("X-Forwarded-Proto", "https") // Basic is taken over HTTPS only
                .defaultHeaders(h -> h.setBasicAuth("ck_sandbox", "cs_sandbox")).build();
    }

    List<Map<String, Object>> shopifySubscriptions() {
        return (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) shopifyGraphql(
                "{ webhookSubscriptions(first: 50) { nodes { id topic uri } } }", Map.of()).get("data"))
                .get("webhookSubscriptions")).get("nodes");
    }

    Map<String, Object> shopifyGraphql(String query, Map<String, Object> variables) {
        return RestClient.create("http://127.0.0.1:" + port + "/sandbox/shopify/demo").post().uri("/admin/api/2026-04/graphql.json")
                .header("X-Shopify-Access-Token", "sandbox-shopify-access-token").header("Content-Type", "application/json")
                .body(Map.of("query", query, "variables", variables)).retrieve().body(Map.class);
    }

    double restoredCount() {
        String metrics = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/prometheus")
                .header("X-API-Key", TestCredentials.OPERATOR_KEY).retrieve().body(String.class);
        return metrics.lines().filter(l -> l.startsWith("sync_webhook_subscriptions_restored_total{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
