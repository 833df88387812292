package com.nolimits.synchub.platform.woocommerce;

import com.nolimits.synchub.OutboundTest;
import com.nolimits.synchub.Sandboxes;
import com.nolimits.synchub.api.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A full sync to WooCommerce goes through POST /products/batch, two products per call here. */
@OutboundTest
@TestPropertySource(properties = "sync.woocommerce.batch-size=2")
@SuppressWarnings("unchecked")
class WooBatchPushTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApiClient api;
    @Autowired
    Sandboxes sandboxes;
    List<UUID> products;

    @BeforeEach
    void fiveProductsThreeOfThemInWooCommerce() {
        sandboxes.freshStart();
        products = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            products.add(UUID.fromString((String) ApiClient.data(api.post("/create", "{\"clientId\": \"demo\", "
                    + "\"name\": \"Batch " + i + "\", \"sku\": \"BATCH-" + i + "\", \"price\": " + (10 + i)
                    + ", \"channelIds\": [\"" + (i <= 2 ? "demo-jtl" : "demo-woo") + "\"]}")).get("id")));
        }
        sandboxes.quiet();
    }

    Map<String, Object> fullSync() {
        Map<String, Object> started = ApiClient.data(api.post("/client/demo/full-sync", "{\"channelIds\": [\"demo-woo\"]}"));
        String progressUrl = ((String) started.get("progressUrl")).replace(ApiClient.BASE, "");
        await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(ApiClient.data(api.get(progressUrl)).get("finished")));
        sandboxes.quiet(); // the products' webhooks (echoes) are processed too
        return ApiClient.data(api.get(progressUrl));
    }

    static int items(Map<String, Object> call) {
        Map<String, Object> body = (Map<String, Object>) call.get("body");
        return ((List<?>) body.get("create")).size() + ((List<?>) body.get("update")).size();
    }

    @Test
    void productsGoInBatchCallsThatCreateTheMissingOnesAndFailOnlyTheRejectedItem() {
        // two products are not on the channel yet, one is linked to a WooCommerce product that no longer exists
        jdbc.update("update product_link set external_id = '999999' where channel_id = 'demo-woo' and product_id = ?", products.get(2));
        jdbc.update("update product set name = 'Batch 4 renamed' where id = ?", products.get(3));
        sandboxes.clearJournals();

        Map<String, Object> progress = fullSync();

        assertThat(progress).containsEntry("total", 5).containsEntry("done", 4).containsEntry("failed", 1);
        List<Map<String, Object>> calls = Sandboxes.journal(sandboxes.woo);
        assertThat(calls).hasSize(3).allSatisfy(call -> {
            assertThat(call).containsEntry("method", "POST").containsEntry("operation", "batch products").containsEntry("status", 200);
            assertThat(items(call)).isBetween(1, 2);
        });
        assertThat(calls.stream().mapToInt(WooBatchPushTest::items).sum()).isEqualTo(5);
        List<Map<String, Object>> created = calls.stream()
                .flatMap(call -> ((List<Map<String, Object>>) ((Map<String, Object>) call.get("body")).get("create")).stream()).toList();
        assertThat(created).extracting(item -> item.get("sku")).containsExactlyInAnyOrder("BATCH-1", "BATCH-2");
        List<Map<String, Object>> updated = calls.stream()
                .flatMap(call -> ((List<Map<String, Object>>) ((Map<String, Object>) call.get("body")).get("update")).stream()).toList();
        assertThat(updated).extracting(item -> item.get("name")).containsExactlyInAnyOrder("Batch 3", "Batch 4 renamed", "Batch 5");
        assertThat(updated).allSatisfy(item -> assertThat(item).containsKey("id").doesNotContainKey("sku"));

        // the created products are linked, the renamed one shows its new name in WooCommerce
        for (UUID id : List.of(products.get(0), products.get(1))) {
            String externalId = jdbc.queryForObject("select external_id from product_link where channel_id = 'demo-woo' and product_id = ?",
                    String.class, id);
            assertThat(sandboxes.woo.get().uri("/merchant/products/" + externalId).retrieve().body(Map.class)).containsEntry("sku", id.equals(products.get(0)) ? "BATCH-1" : "BATCH-2");
        }
        String renamed = jdbc.queryForObject("select external_id from product_link where channel_id = 'demo-woo' and product_id = ?",
                String.class, products.get(3));
        assertThat(sandboxes.woo.get().uri("/merchant/products/" + renamed).retrieve().body(Map.class)).containsEntry("name", "Batch 4 renamed");

        // only the rejected item failed, at once (a 404 is permanent), with WooCommerce's message
        Map<String, Object> failed = jdbc.queryForMap("select product_id, attempts, last_error from sync_job "
                + "where full_sync_id is not null and status = 'failed'");
        assertThat(failed.get("product_id")).isEqualTo(products.get(2));
        assertThat(failed.get("attempts")).isEqualTo(1);
        assertThat((String) failed.get("last_error")).contains("WooCommerce answered 404");
        assertThat(jdbc.queryForObject("select sync_status from product where id = ?", String.class, products.get(2))).isEqualTo("ERROR");

        // WooCommerce's webhooks for the batch were echoes: nothing pushed again
        assertThat(Sandboxes.journal(sandboxes.woo)).hasSize(3);
    }

    @Test
    void aThrottledBatchCallIsRetriedForAllItsProductsAfterRetryAfter() {
        Sandboxes.faults(sandboxes.woo, "{\"throttleNext\": 1, \"retryAfterSeconds\": 1}");
        sandboxes.clearJournals();

        Map<String, Object> progress = fullSync();

        assertThat(progress).containsEntry("done", 5).containsEntry("failed", 0);
        List<Map<String, Object>> calls = Sandboxes.journal(sandboxes.woo);
        assertThat(calls).extracting(call -> call.get("status")).containsExactly(429, 200, 200, 200);
        assertThat(jdbc.queryForList("select attempts from sync_job where full_sync_id is not null order by attempts", Integer.class))
                .containsExactly(1, 1, 1, 2, 2);
        // the retried products were sent one Retry-After (1 s) after the throttled call at the earliest
        java.time.Instant throttledAt = java.time.Instant.parse((String) calls.get(0).get("at"));
        java.time.Instant lastAt = java.time.Instant.parse((String) calls.get(3).get("at"));
        assertThat(Duration.between(throttledAt, lastAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anItemWhoseLinkIsHeldByAnotherProductFailsAloneAndTheRestOfItsBatchIsPushed() {
        // another client's product already holds the WooCommerce id the next create will get
        UUID holder = UUID.fromString((String) ApiClient.data(api.post("/create",
                "{\"clientId\": \"acme\", \"name\": \"Holder\", \"channelIds\": [\"acme-jtl\"]}")).get("id"));
        List<Map<String, Object>> existing = sandboxes.woo.get().uri("/merchant/products").retrieve().body(List.class);
        long nextId = existing.stream().mapToLong(p -> ((Number) p.get("id")).longValue()).max().orElse(100) + 1;
        jdbc.update("insert into product_link (product_id, channel_id, external_id) values (?, 'demo-woo', ?)",
                holder, String.valueOf(nextId));

        Map<String, Object> progress = fullSync();

        assertThat(progress).containsEntry("total", 5).containsEntry("done", 4).containsEntry("failed", 1);
        Map<String, Object> failed = jdbc.queryForMap("select product_id, attempts, last_error from sync_job "
                + "where full_sync_id is not null and status = 'failed'");
        assertThat(failed.get("product_id")).isIn(products.get(0), products.get(1));
        assertThat(failed.get("attempts")).isEqualTo(1);
        assertThat((String) failed.get("last_error")).contains("product " + nextId + " of channel demo-woo is already linked to hub product " + holder);
        // the other create of the same batch call is linked
        UUID created = failed.get("product_id").equals(products.get(0)) ? products.get(1) : products.get(0);
        assertThat(jdbc.queryForObject("select count(*) from product_link where channel_id = 'demo-woo' and product_id = ?",
                Long.class, created)).isEqualTo(1);
    }
}
