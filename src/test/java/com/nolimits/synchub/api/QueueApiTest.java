package com.nolimits.synchub.api;

import com.nolimits.synchub.OutboundTest;
import com.nolimits.synchub.Sandboxes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** sync now, queue, requeue-failed and full sync, pushing to the sandboxes. */
@OutboundTest
@SuppressWarnings("unchecked")
class QueueApiTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApiClient api;
    @Autowired
    Sandboxes sandboxes;

    @BeforeEach
    void clean() {
        sandboxes.freshStart();
    }

    void quiet() {
        sandboxes.quiet();
    }

    UUID create(String clientId, String sku) {
        return UUID.fromString((String) ApiClient.data(api.post("/create", "{\"clientId\": \"" + clientId
                + "\", \"name\": \"Box " + sku + "\", \"sku\": \"" + sku + "\", \"price\": 5}")).get("id"));
    }

    int calls(RestClient sandbox) {
        return Sandboxes.journal(sandbox).size();
    }

    @Test
    void syncNowPushesAheadOfTheQueueAndAnswersWithEachPush() {
        UUID id = create("demo", "SYNC-1");
        quiet();
        int jtlCalls = calls(sandboxes.jtl);
        ResponseEntity<Map<String, Object>> answer = api.post("/product/" + id + "/sync", "{\"skipPlatforms\": [\"jtl\"]}");
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        Map<String, Object> data = ApiClient.data(answer);
        assertThat(data).containsEntry("finished", true);
        assertThat((List<Map<String, Object>>) data.get("pushes")).extracting(p -> p.get("channelId") + " " + p.get("status"))
                .containsExactlyInAnyOrder("demo-shopify completed", "demo-woo completed");
        assertThat(jdbc.queryForObject("select count(*) from sync_job where product_id = ? and priority = 100", Long.class, id))
                .isEqualTo(2);
        assertThat(calls(sandboxes.jtl)).isEqualTo(jtlCalls);

        assertThat(api.post("/product/" + id + "/sync", "{\"skipPlatforms\": [\"AMAZON\"]}").getStatusCode().value()).isEqualTo(400);
        assertThat(api.post("/product/" + id + "/sync", "{\"skip\": []}").getBody().get("error").toString())
                .contains("unknown field 'skip'");
        assertThat(api.post("/product/" + UUID.randomUUID() + "/sync", "{}").getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void queueTakesAPriorityWithinBounds() {
        UUID id = create("demo", "QUEUE-1");
        quiet();
        ResponseEntity<Map<String, Object>> answer = api.post("/product/" + id + "/queue", "{\"priority\": 7}");
        assertThat(answer.getStatusCode().value()).isEqualTo(202);
        assertThat((Map<String, Object>) ApiClient.data(answer).get("jobs")).containsOnlyKeys("demo-shopify", "demo-woo", "demo-jtl");
        quiet();
        assertThat(jdbc.queryForList("select status from sync_job where product_id = ? and priority = 7", String.class, id))
                .hasSize(3).containsOnly("completed");
        assertThat(api.post("/product/" + id + "/queue", "{\"priority\": 101}").getBody().get("error").toString())
                .contains("priority must be a whole number from 0 to 100");
        assertThat(api.post("/product/" + id + "/queue", "{\"priority\": \"high\"}").getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void aFailedJobCanBeQueuedAgain() {
        UUID id = create("acme", "DOWN-1"); // acme's channels point at a port nothing listens on
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from sync_job where product_id = ? and status = 'failed'", Long.class, id) == 3);
        Map<String, Object> data = ApiClient.data(api.post("/product/" + id + "/requeue-failed", "{}"));
        assertThat(data).containsEntry("requeued", 3);
        long attemptsBefore = jdbc.queryForObject("select count(*) from sync_log where product_id = ? and action = 'push'",
                Long.class, id);
        assertThat(attemptsBefore).isEqualTo(9); // 3 channels x 3 attempts
        // tried again from the first attempt, and failed again
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from sync_job where product_id = ? and status = 'failed' and attempts = 3", Long.class, id) == 3);
        assertThat(jdbc.queryForObject("select count(*) from sync_log where product_id = ? and action = 'push'", Long.class, id))
                .isEqualTo(18);
        assertThat(ApiClient.data(api.post("/product/" + id + "/requeue-failed", "{}"))).containsEntry("requeued", 3);
        quietAcme(id);
        assertThat(ApiClient.data(api.post("/client/acme/requeue-failed", "{}"))).containsKey("requeued");
        assertThat(api.post("/client/nobody/requeue-failed", "{}").getStatusCode().value()).isEqualTo(404);
    }

    void quietAcme(UUID id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from sync_job where product_id = ? and status in ('pending', 'processing')", Long.class, id) == 0);
    }

    @Test
    void aFullSyncQueuesEveryProductToEveryChannelAndReportsProgress() {
        create("demo", "FULL-1");
        create("demo", "FULL-2");
        create("demo", "FULL-3");
        quiet();
        ResponseEntity<Map<String, Object>> started = api.post("/client/demo/full-sync", "{}");
        assertThat(started.getStatusCode().value()).isEqualTo(202);
        Map<String, Object> data = ApiClient.data(started);
        assertThat(data).containsEntry("total", 9);
        String progressUrl = ((String) data.get("progressUrl")).replace(ApiClient.BASE, "");
        await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(ApiClient.data(api.get(progressUrl)).get("finished")));
        Map<String, Object> progress = ApiClient.data(api.get(progressUrl));
        assertThat(progress).containsEntry("done", 9).containsEntry("failed", 0).containsEntry("pending", 0);
        assertThat((Map<String, Object>) progress.get("channels")).containsOnlyKeys("demo-shopify", "demo-woo", "demo-jtl");

        assertThat(api.post("/client/demo/full-sync", "{\"channelIds\": [\"acme-woo\"]}").getBody().get("error").toString())
                .contains("'acme-woo' is not an enabled channel of client demo");
        assertThat(api.get("/client/demo/full-sync/999999").getStatusCode().value()).isEqualTo(404);
        assertThat(api.get("/client/demo/full-sync/abc").getStatusCode().value()).isEqualTo(400);
    }
}
