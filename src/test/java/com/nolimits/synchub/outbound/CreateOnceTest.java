package com.nolimits.synchub.outbound;

import com.nolimits.synchub.OutboundTest;
import com.nolimits.synchub.Sandboxes;
import com.nolimits.synchub.api.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A platform applies a create but its answer never arrives (the sandboxes' lostAnswerNext: a 504 after
 * the change is made), and its webhook about the new product is lost too, so nothing else tells the hub.
 * The retry finds the product by its sku and links it: every platform holds the product once, for single
 * pushes and for WooCommerce's batch.
 */
@OutboundTest
@TestPropertySource(properties = "sync.woocommerce.batch-size=2")
@SuppressWarnings("unchecked")
class CreateOnceTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApiClient api;
    @Autowired
    Sandboxes sandboxes;

    @BeforeEach
    void fresh() {
        sandboxes.freshStart();
    }

    UUID create(String sku, String channelId) {
        return UUID.fromString((String) ApiClient.data(api.post("/create", "{\"clientId\": \"demo\", \"name\": \"Once " + sku
                + "\", \"sku\": \"" + sku + "\", \"price\": 9, \"channelIds\": [\"" + channelId + "\"]}")).get("id"));
    }

    String job(UUID product, String channelId) {
        return jdbc.queryForObject("select status from sync_job where product_id = ? and channel_id = ? order by id desc limit 1",
                String.class, product, channelId);
    }

    String link(UUID product, String channelId) {
        return jdbc.queryForObject("select external_id from product_link where product_id = ? and channel_id = ?",
                String.class, product, channelId);
    }

    @Test
    void shopifyHoldsTheProductOnceAfterACreateWhoseAnswerWasLost() {
        Sandboxes.faults(sandboxes.shopify, "{\"lostAnswerNext\": 1, \"dropWebhookRate\": 1}");
        UUID product = create("ONCE-S", "demo-shopify");
        sandboxes.jobsDone(product, "demo-shopify");

        assertThat(job(product, "demo-shopify")).isEqualTo("completed");
        List<Map<String, Object>> shop = (List<Map<String, Object>>) sandboxes.shopify.get().uri("/merchant/products").retrieve()
                .body(Map.class).get("products");
        List<Map<String, Object>> withSku = shop.stream().filter(p -> ((List<Map<String, Object>>) p.get("variants")).stream()
                .anyMatch(v -> "ONCE-S".equals(v.get("sku")))).toList();
        assertThat(withSku).hasSize(1);
        assertThat(((List<Map<String, Object>>) withSku.get(0).get("variants")).get(0).get("id").toString())
                .isEqualTo(link(product, "demo-shopify"));
        // the lost create, the question, then an update of the product found (Shopify updates go through productSet too)
        assertThat(Sandboxes.journal(sandboxes.shopify)).extracting(call -> call.get("operation") + " " + call.get("status"))
                .startsWith("productSet 504", "productVariants 200", "productSet 200");
    }

    @Test
    void wooCommerceAndJtlHoldTheProductOnceAfterACreateWhoseAnswerWasLost() {
        Sandboxes.faults(sandboxes.woo, "{\"lostAnswerNext\": 1, \"dropWebhookRate\": 1}");
        Sandboxes.faults(sandboxes.jtl, "{\"lostAnswerNext\": 1, \"dropWebhookRate\": 1}");
        UUID inWoo = create("ONCE-W", "demo-woo");
        UUID inJtl = create("ONCE-J", "demo-jtl");
        sandboxes.jobsDone(inWoo, "demo-woo");
        sandboxes.jobsDone(inJtl, "demo-jtl");

        assertThat(job(inWoo, "demo-woo")).isEqualTo("completed");
        assertThat(job(inJtl, "demo-jtl")).isEqualTo("completed");
        List<Map<String, Object>> woo = sandboxes.woo.get().uri("/merchant/products").retrieve().body(new ParameterizedTypeReference<>() { });
        assertThat(woo).filteredOn(p -> "ONCE-W".equals(p.get("sku"))).singleElement()
                .satisfies(p -> assertThat(p.get("id").toString()).isEqualTo(link(inWoo, "demo-woo")));
        List<Map<String, Object>> jtl = sandboxes.jtl.get().uri("/warehouse/products").retrieve().body(new ParameterizedTypeReference<>() { });
        assertThat(jtl).filteredOn(p -> "ONCE-J".equals(p.get("merchantSku"))).singleElement()
                .satisfies(p -> assertThat(p.get("jfsku")).isEqualTo(link(inJtl, "demo-jtl")));
    }

    @Test
    void aWooCommerceBatchWhoseAnswerWasLostLinksWhatItCreated() {
        UUID first = create("ONCE-B1", "demo-jtl");
        UUID second = create("ONCE-B2", "demo-jtl");
        sandboxes.quiet();
        Sandboxes.faults(sandboxes.woo, "{\"lostAnswerNext\": 1, \"dropWebhookRate\": 1}");

        Map<String, Object> started = ApiClient.data(api.post("/client/demo/full-sync", "{\"channelIds\": [\"demo-woo\"]}"));
        String progressUrl = ((String) started.get("progressUrl")).replace(ApiClient.BASE, "");
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(ApiClient.data(api.get(progressUrl)).get("finished")));
        sandboxes.quiet();

        assertThat(ApiClient.data(api.get(progressUrl))).containsEntry("done", 2).containsEntry("failed", 0);
        List<Map<String, Object>> woo = sandboxes.woo.get().uri("/merchant/products").retrieve().body(new ParameterizedTypeReference<>() { });
        for (UUID product : List.of(first, second)) {
            String sku = product.equals(first) ? "ONCE-B1" : "ONCE-B2";
            assertThat(woo).filteredOn(p -> sku.equals(p.get("sku"))).singleElement()
                    .satisfies(p -> assertThat(p.get("id").toString()).isEqualTo(link(product, "demo-woo")));
        }
    }
}
