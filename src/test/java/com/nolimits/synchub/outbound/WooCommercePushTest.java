package com.nolimits.synchub.outbound;

import com.nolimits.synchub.OutboundTest;
import com.nolimits.synchub.Sandboxes;
import com.nolimits.synchub.api.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Hub changes pushed to the WooCommerce sandbox over real HTTP, asserted on the sandbox's journal. */
@OutboundTest
class WooCommercePushTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApiClient api;
    @Autowired
    Sandboxes sandboxes;
    RestClient woo;

    @BeforeEach
    void clean() {
        woo = sandboxes.woo;
        sandboxes.freshStart();
    }

    UUID create(String json) {
        return UUID.fromString((String) ApiClient.data(api.post("/create", json)).get("id"));
    }

    List<Map<String, Object>> journal() {
        return Sandboxes.journal(woo);
    }

    void jobsDone(UUID id) {
        sandboxes.jobsDone(id, "demo-woo");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aHubProductIsCreatedInWooCommerceOnceAndItsEchoIsSkipped() {
        UUID id = create("{\"clientId\": \"demo\", \"name\": \"Hub Tee\", \"sku\": \"HUB-W1\", \"price\": 15, "
                + "\"compareAtPrice\": 20, \"quantity\": 7, \"tags\": [\"summer\"], \"channelIds\": [\"demo-woo\"]}");
        jobsDone(id);
        assertThat(journal()).singleElement().satisfies(call -> {
            assertThat(call).containsEntry("method", "POST").containsEntry("status", 201);
            assertThat((Map<String, Object>) call.get("body")).containsEntry("name", "Hub Tee")
                    .containsEntry("regular_price", "20").containsEntry("sale_price", "15")
                    .containsEntry("sku", "HUB-W1").containsEntry("stock_quantity", 7).containsEntry("manage_stock", true);
        });
        assertThat(jdbc.queryForObject("select sync_status from product where id = ?", String.class, id)).isEqualTo("SYNCED");
        assertThat(jdbc.queryForObject("select external_id from product_link where product_id = ?", String.class, id)).isNotNull();
        // WooCommerce reports the creation back: an echo, skipped, and nothing pushed again
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from webhook_inbox where error = 'Skipping echo from our own update'", Long.class) == 1);
        assertThat(journal()).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEditIsSentAsAnUpdateWithWooCommercesPrices() {
        UUID id = create("{\"clientId\": \"demo\", \"name\": \"Tee\", \"price\": 15, \"compareAtPrice\": 20, \"channelIds\": [\"demo-woo\"]}");
        jobsDone(id);
        api.patch("/product/" + id, "{\"price\": 18, \"compareAtPrice\": null, \"warehouseNotes\": \"fragile\"}");
        jobsDone(id);
        Map<String, Object> update = journal().get(journal().size() - 1);
        assertThat(update).containsEntry("method", "PUT");
        assertThat((Map<String, Object>) update.get("body")).containsEntry("regular_price", "18").containsEntry("sale_price", "")
                .doesNotContainKeys("stock_quantity", "warehouseNotes", "note");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUpdateLeavesTheFieldsItDidNotChangeAsTheShopHasThem() {
        UUID id = create("{\"clientId\": \"demo\", \"name\": \"Mug\", \"description\": \"Stoneware\", \"price\": 9, "
                + "\"tags\": [\"kitchen\"], \"channelIds\": [\"demo-woo\"]}");
        jobsDone(id);
        api.patch("/product/" + id, "{\"name\": \"Big mug\"}");
        jobsDone(id);
        // a whole product would overwrite a price the merchant set since, before the hub heard of it
        Map<String, Object> update = journal().get(journal().size() - 1);
        assertThat(update).containsEntry("method", "PUT");
        assertThat((Map<String, Object>) update.get("body")).containsEntry("name", "Big mug")
                .doesNotContainKeys("regular_price", "sale_price", "description", "status", "tags", "categories", "images",
                        "tax_status", "stock_quantity");
    }

    @Test
    void transientFailuresAreRetriedAndPermanentOnesFailTheJob() {
        woo.put().uri("/faults").header("Content-Type", "application/json").body("{\"errorRate\": 1}").retrieve().toBodilessEntity();
        UUID id = create("{\"clientId\": \"demo\", \"name\": \"Flaky\", \"sku\": \"FLAKY\", \"channelIds\": [\"demo-woo\"]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> journal().size() >= 1);
        woo.put().uri("/faults").header("Content-Type", "application/json").body("{\"reset\": true}").retrieve().toBodilessEntity();
        jobsDone(id);
        assertThat(jdbc.queryForObject("select status from sync_job where product_id = ? and channel_id = 'demo-woo'",
                String.class, id)).isEqualTo("completed");
        assertThat(jdbc.queryForList("select error_message from sync_log where product_id = ? and action = 'push' order by id",
                String.class, id)).first().asString().startsWith("attempt 1 failed, retry at");

        // the link points at a product WooCommerce does not have: 404 is permanent
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from webhook_inbox where status in ('done', 'skipped')", Long.class) >= 1); // the creation's echo
        jdbc.update("update product_link set external_id = '999999' where product_id = ?", id);
        api.patch("/product/" + id, "{\"name\": \"Flaky v2\"}");
        jobsDone(id);
        assertThat(jdbc.queryForObject("select status || ' ' || attempts from sync_job where product_id = ? "
                + "and channel_id = 'demo-woo' order by id desc limit 1", String.class, id)).isEqualTo("failed 1");
        assertThat(jdbc.queryForObject("select sync_status from product where id = ?", String.class, id)).isEqualTo("ERROR");
        assertThat(jdbc.queryForObject("select last_error from sync_job where product_id = ? and channel_id = 'demo-woo' "
                + "order by id desc limit 1", String.class, id))
                .contains("404").contains("Invalid ID.");
    }

    @Test
    void aPlatformThatIsDownIsRetriedThenTheJobFails() {
        // acme-woo points at a port nothing listens on
        UUID id = create("{\"clientId\": \"acme\", \"name\": \"Nowhere\", \"channelIds\": [\"acme-woo\"]}");
        sandboxes.jobsDone(id, "acme-woo");
        assertThat(jdbc.queryForObject("select status || ' ' || attempts from sync_job where product_id = ?", String.class, id))
                .isEqualTo("failed 3");
        // the job leaves processing a moment before its log line is written
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForList("select error_message from sync_log "
                + "where product_id = ? and action = 'push' order by id", String.class, id).size() == 3);
        assertThat(jdbc.queryForList("select error_message from sync_log where product_id = ? and action = 'push' order by id",
                String.class, id)).last().asString().startsWith("failed after 3 attempt(s)");
        assertThat(jdbc.queryForObject("select sync_status from product where id = ?", String.class, id)).isEqualTo("ERROR");
    }

    @Test
    void retryAfterIsHonoured() {
        woo.put().uri("/faults").header("Content-Type", "application/json")
                .body("{\"throttleNext\": 1, \"retryAfterSeconds\": 3}").retrieve().toBodilessEntity();
        UUID id = create("{\"clientId\": \"demo\", \"name\": \"Throttled\", \"channelIds\": [\"demo-woo\"]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "pending 1".equals(jdbc.queryForObject(
                "select status || ' ' || attempts from sync_job where product_id = ? and channel_id = 'demo-woo'", String.class, id)));
        Double waitSeconds = jdbc.queryForObject("select extract(epoch from scheduled_for - now()) from sync_job where product_id = ? "
                + "and channel_id = 'demo-woo'",
                Double.class, id);
        assertThat(waitSeconds).isGreaterThan(2.0); // not the 0.3 s backoff: the platform asked for 3 s
        jobsDone(id);
    }

    @Test
    void aRetryAfterOfAnyShapeIsARetryNeverAFailure() {
        // an HTTP-date three seconds ahead: waited out like "3"
        String inThreeSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(4));
        woo.put().uri("/faults").header("Content-Type", "application/json")
                .body("{\"throttleNext\": 1, \"retryAfter\": \"" + inThreeSeconds + "\"}").retrieve().toBodilessEntity();
        UUID dated = create("{\"clientId\": \"demo\", \"name\": \"Dated\", \"channelIds\": [\"demo-woo\"]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "pending 1".equals(jdbc.queryForObject(
                "select status || ' ' || attempts from sync_job where product_id = ? and channel_id = 'demo-woo'", String.class, dated)));
        assertThat(jdbc.queryForObject("select extract(epoch from scheduled_for - now()) from sync_job where product_id = ? "
                + "and channel_id = 'demo-woo'", Double.class, dated)).isGreaterThan(1.5);
        jobsDone(dated);
        assertThat(jdbc.queryForObject("select status from sync_job where product_id = ? and channel_id = 'demo-woo'",
                String.class, dated)).isEqualTo("completed");

        // "1.5" is not HTTP's: the hub's own backoff, and still a retry
        woo.put().uri("/faults").header("Content-Type", "application/json")
                .body("{\"throttleNext\": 1, \"retryAfter\": \"1.5\"}").retrieve().toBodilessEntity();
        UUID fractional = create("{\"clientId\": \"demo\", \"name\": \"Fractional\", \"channelIds\": [\"demo-woo\"]}");
        jobsDone(fractional);
        assertThat(jdbc.queryForObject("select status || ' ' || attempts from sync_job where product_id = ? "
                + "and channel_id = 'demo-woo'", String.class, fractional)).isEqualTo("completed 2");
    }
}
