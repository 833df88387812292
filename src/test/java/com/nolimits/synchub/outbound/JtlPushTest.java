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

/** Hub changes pushed to the JTL-FFN sandbox: OAuth2 with rotating refresh tokens, ops fields in metres. */
@OutboundTest
class JtlPushTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApiClient api;
    @Autowired
    Sandboxes sandboxes;
    @Autowired
    com.nolimits.synchub.platform.jtl.JtlTokens tokens;
    @Autowired
    com.nolimits.synchub.channel.ClientDirectory directory;
    RestClient jtl;

    @BeforeEach
    void clean() {
        jtl = sandboxes.jtl;
        sandboxes.freshStart();
        jdbc.update("delete from channel_token");
        jdbc.update("update channel set connection = 'connected' where id = 'demo-jtl'");
    }

    UUID create(String json) {
        return UUID.fromString((String) ApiClient.data(api.post("/create", json)).get("id"));
    }

    List<Map<String, Object>> journal() {
        return Sandboxes.journal(jtl);
    }

    void jobsDone(UUID id) {
        sandboxes.jobsDone(id, "demo-jtl");
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
    void aFailingTokenEndpointIsRetried() {
        jtl.put().uri("/faults").header("Content-Type", "application/json").body("{\"throttleNext\": 1}").retrieve().toBodilessEntity();
        UUID id = create("{\"clientId\": \"demo\", \"name\": \"Crate\", \"sku\": \"CRATE-T\", \"channelIds\": [\"demo-jtl\"]}");
        jobsDone(id);
        assertThat(jdbc.queryForObject("select status || ' ' || attempts from sync_job where product_id = ?", String.class, id))
                .isEqualTo("completed 2");
        assertThat(journal()).extracting(e -> e.get("operation") + " " + e.get("status"))
                .containsExactly("token 429", "token 200", "create product 201");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRefusedStoredRefreshTokenFallsBackToTheConfiguredOneOnce() {
        // the hub restarted against a warehouse account that forgot its tokens (the sandbox after a restart)
        jdbc.update("insert into channel_token (channel_id, refresh_token) values ('demo-jtl', 'rt_forgotten')");
        UUID id = create("{\"clientId\": \"demo\", \"name\": \"Crate\", \"sku\": \"CRATE-F\", \"channelIds\": [\"demo-jtl\"]}");
        jobsDone(id);
        assertThat(journal()).extracting(e -> e.get("operation") + " " + e.get("status"))
                .containsExactly("token 400", "token 200", "create product 201");
        // the client authenticated as JTL documents: HTTP Basic, never the credentials in the form body
        assertThat(journal()).filteredOn(e -> "token".equals(e.get("operation")))
                .extracting(e -> ((Map<String, Object>) e.get("body")).get("clientAuthentication")).containsOnly("basic");

        // both refused: the channel must be connected again, and retrying would not help
        jtl.post().uri("/reset").retrieve().toBodilessEntity();
        jdbc.update("update channel_token set refresh_token = 'rt_forgotten', access_token = null");
        RestClient.create("http://127.0.0.1:" + port + "/sandbox/jtl/demo").post().uri("/oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .headers(h -> h.setBasicAuth("sandbox-jtl-client", "sandbox-jtl-client-secret"))
                .body("grant_type=refresh_token&refresh_token=sandbox-jtl-refresh-token")
                .retrieve().toBodilessEntity(); // someone else spent it
        int tokenCalls = tokenCalls();
        api.patch("/product/" + id, "{\"warehouseNotes\": \"x\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "needs-connect".equals(jdbc.queryForObject(
                "select connection from channel where id = 'demo-jtl'", String.class)));
        assertThat(tokenCalls()).isEqualTo(tokenCalls + 2); // the stored token, then the configured one: both refused

        // from now on no token call: the job waits (pending, its attempt not counted), more edits wait too
        // (that its polls are skipped: JtlPollingTest)
        api.patch("/product/" + id, "{\"warehouseNotes\": \"y\"}");
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true); // ten dispatcher rounds
        assertThat(tokens.connected(demoJtl())).isFalse();
        assertThat(tokenCalls()).isEqualTo(tokenCalls + 2);
        assertThat(jdbc.queryForList("select status || ' ' || attempts from sync_job where product_id = ? and status <> 'completed'",
                String.class, id)).containsOnly("pending 0");
        assertThat(jdbc.queryForList("select last_error from sync_job where product_id = ? and status = 'pending' "
                + "and last_error is not null", String.class, id)).isNotEmpty()
                .allSatisfy(error -> assertThat(error).startsWith("channel demo-jtl needs to be connected again: invalid_grant"));
        assertThat(operatorHealth()).contains("\"needsConnect\"").contains("invalid_grant: JTL-FFN refused the refresh token");

        // new credentials in the configuration (here: the sandbox takes the configured token again, and the hub's
        // record of what was refused is another configuration's, as after a restart with a new token): the next
        // poll (which asks this) connects the channel, and the waiting jobs are claimed again (the reset sandbox
        // forgot the product, so the update meets a 404)
        jtl.post().uri("/reset").retrieve().toBodilessEntity();
        jdbc.update("update channel_token set refused_config_sha256 = 'the credentials configured before' where channel_id = 'demo-jtl'");
        assertThat(tokens.connected(demoJtl())).isTrue();
        jobsDone(id);
        assertThat(jdbc.queryForObject("select connection from channel where id = 'demo-jtl'", String.class)).isEqualTo("connected");
        assertThat(journal()).extracting(e -> e.get("operation") + " " + e.get("status")).contains("token 200");
    }

    com.nolimits.synchub.channel.Channel demoJtl() {
        return directory.channel("demo-jtl").orElseThrow();
    }

    int tokenCalls() {
        return (int) journal().stream().filter(e -> "token".equals(e.get("operation"))).count();
    }

    String operatorHealth() {
        return RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health")
                .header("X-API-Key", com.nolimits.synchub.TestCredentials.OPERATOR_KEY).retrieve().body(String.class);
    }

    @Test
    void aRefusedClientMakesTheChannelWaitForAConnectWithoutRetrying() {
        jdbc.update("insert into channel_token (channel_id, refresh_token) values ('demo-jtl', 'sandbox-jtl-refresh-token')");
        jtl.put().uri("/client").header("Content-Type", "application/json").body("{\"clientSecret\": \"rotated\"}")
                .retrieve().toBodilessEntity();
        UUID id = create("{\"clientId\": \"demo\", \"name\": \"Crate\", \"sku\": \"CRATE-C\", \"channelIds\": [\"demo-jtl\"]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "needs-connect".equals(jdbc.queryForObject(
                "select connection from channel where id = 'demo-jtl'", String.class)));
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(journal()).extracting(e -> e.get("operation") + " " + e.get("status")).containsExactly("token 401");
        assertThat(jdbc.queryForObject("select status || ' ' || attempts from sync_job where product_id = ?", String.class, id))
                .isEqualTo("pending 0");
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
