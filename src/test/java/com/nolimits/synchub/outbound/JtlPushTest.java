package com.nolimits.synchub.outbound;

import com.nolimits.synchub.OutboundTest;
import com.nolimits.synchub.TestDatabase;
import com.nolimits.synchub.api.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Hub changes pushed to the JTL-FFN sandbox: OAuth2 with rotating refresh tokens, ops fields in metres. */
@OutboundTest
class JtlPushTest {

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    RestClient jtl;

    @BeforeEach
    void clean() {
        api = new ApiClient(http);
        jtl = RestClient.create("http://127.0.0.1:" + port + "/sandbox/jtl/demo");
        jtl.post().uri("/reset").retrieve().toBodilessEntity();
        await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from sync_job where status = 'processing'", Long.class) == 0);
        TestDatabase.clear(jdbc);
        jdbc.update("delete from channel_token");
    }

    UUID create(String json) {
        return UUID.fromString((String) ApiClient.data(api.post("/create", json)).get("id"));
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> journal() {
        return (List<Map<String, Object>>) jtl.get().uri("/journal").retrieve().body(Map.class).get("entries");
    }

    void jobsDone(UUID id) {
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject("select count(*) from sync_job where "
                + "product_id = ? and channel_id = 'demo-jtl' and status in ('pending', 'processing')", Long.class, id) == 0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aProductIsCreatedInTheWarehouseWithMetresAndWithoutCommerceFields() {
        UUID id = create("{\"clientId\": \"demo\", \"name\": \"Crate\", \"sku\": \"CRATE-1\", \"price\": 9.5, "
                + "\"lengthInCm\": 30, \"widthInCm\": 20, \"heightInCm\": 2.5, \"weightInKg\": 1.25, \"gtin\": \"4006381333931\", "
                + "\"warehouseNotes\": \"fragile\", \"customsCode\": \"94036090\", \"channelIds\": [\"demo-jtl\"]}");
        jobsDone(id);
        assertThat(journal()).extracting(e -> e.get("operation")).containsExactly("token", "create product");
        Map<String, Object> body = (Map<String, Object>) journal().get(1).get("body");
        assertThat(body).containsEntry("merchantSku", "CRATE-1").containsEntry("name", "Crate")
                .containsEntry("note", "fragile").containsEntry("weight", 1.25).doesNotContainKeys("price", "netSalesPrice");
        assertThat((Map<String, Object>) body.get("dimensions")).containsEntry("length", 0.3).containsEntry("width", 0.2)
                .containsEntry("height", 0.025);
        assertThat((Map<String, Object>) body.get("identifier")).containsEntry("ean", "4006381333931");
        assertThat((Map<String, Object>) body.get("specifications")).containsEntry("taric", "94036090");

        String jfsku = jdbc.queryForObject("select jtl_product_id from product where id = ?", String.class, id);
        assertThat(jfsku).hasSize(11);
        assertThat(jdbc.queryForObject("select external_id from product_link where product_id = ?", String.class, id)).isEqualTo(jfsku);
        assertThat(jdbc.queryForObject("select refresh_token from channel_token where channel_id = 'demo-jtl'", String.class))
                .isNotEqualTo("sandbox-jtl-refresh-token"); // the rotated one, stored
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEditIsPatchedWithTheCachedTokenAndAnExpiredOneIsRefreshedWithTheStoredRefreshToken() {
        UUID id = create("{\"clientId\": \"demo\", \"name\": \"Crate\", \"sku\": \"CRATE-2\", \"channelIds\": [\"demo-jtl\"]}");
        jobsDone(id);
        api.patch("/product/" + id, "{\"warehouseNotes\": \"keep dry\", \"price\": 3}");
        jobsDone(id);
        assertThat(journal()).extracting(e -> e.get("operation")).containsExactly("token", "create product", "update product");
        assertThat((Map<String, Object>) journal().get(2).get("body")).containsEntry("note", "keep dry");

        jdbc.update("update channel_token set access_expires_at = now() - interval '1 minute'");
        api.patch("/product/" + id, "{\"warehouseNotes\": \"keep very dry\"}");
        jobsDone(id);
        assertThat(journal()).extracting(e -> e.get("operation"))
                .containsExactly("token", "create product", "update product", "token", "update product");
        assertThat(journal()).extracting(e -> e.get("status")).containsOnly(200, 201, 204);
        assertThat(jtl.get().uri("/tokens").retrieve().body(Map.class)).containsEntry("validRefreshTokens", 1);
    }

    @Test
    void aProductWithoutSkuCannotGoToTheWarehouse() {
        UUID id = create("{\"clientId\": \"demo\", \"name\": \"No sku\", \"channelIds\": [\"demo-jtl\"]}");
        jobsDone(id);
        assertThat(jdbc.queryForObject("select status || ': ' || last_error from sync_job where product_id = ?", String.class, id))
                .isEqualTo("failed: PushFailedException: JTL-FFN needs a merchant sku: give the product a sku");
        assertThat(journal()).isEmpty();
    }
}
