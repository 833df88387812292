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

/** sync now, queue, full sync, and failed work (listed, requeued, replayed), pushing to the sandboxes. */
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
    org.springframework.boot.test.web.client.TestRestTemplate rest;
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
        // tried again from the first attempt, and failed again (JTL-FFN's token backoff keeps doubling: 2.4 s, 4.8 s, 9.6 s)
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from sync_job where product_id = ? and status = 'failed' and attempts = 3", Long.class, id) == 3);
        assertThat(jdbc.queryForObject("select count(*) from sync_log where product_id = ? and action = 'push'", Long.class, id))
                .isEqualTo(18);
        assertThat(ApiClient.data(api.post("/product/" + id + "/requeue-failed", "{}"))).containsEntry("requeued", 3);
        quietAcme(id);
        assertThat(ApiClient.data(api.post("/client/acme/requeue-failed", "{}"))).containsKey("requeued");
        assertThat(api.post("/client/nobody/requeue-failed", "{}").getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void failedJobsAreListedByChannelAndErrorAndQueuedAgainByGroupOrOneByOne() {
        UUID first = create("acme", "GROUP-1"); // acme's channels point at a port nothing listens on
        UUID second = create("acme", "GROUP-2");
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from sync_job where client_id = 'acme' and status = 'failed'", Long.class) == 6);

        Map<String, Object> work = ApiClient.data(api.get("/client/acme/failed-jobs"));
        assertThat(work).containsEntry("clientId", "acme").containsEntry("failedJobs", 6);
        List<Map<String, Object>> groups = (List<Map<String, Object>>) work.get("groups");
        // the shops' two jobs failed with the same words; JTL-FFN's may differ (its token endpoint or its API)
        assertThat(groups).filteredOn(g -> !g.get("channelId").equals("acme-jtl")).extracting(g -> g.get("channelId") + " " + g.get("count"))
                .containsExactlyInAnyOrder("acme-shopify 2", "acme-woo 2");
        List<Object> jtlCounts = groups.stream().filter(g -> g.get("channelId").equals("acme-jtl")).map(g -> g.get("count")).toList();
        assertThat(jtlCounts).as("JTL-FFN's two jobs, in one group or two").isIn(List.of(2), List.of(1, 1));
        Map<String, Object> woo = groups.stream().filter(g -> g.get("channelId").equals("acme-woo")).findFirst().orElseThrow();
        assertThat((String) woo.get("error")).isNotBlank();
        assertThat((List<Map<String, Object>>) woo.get("jobs")).extracting(j -> j.get("sku") + " " + j.get("operation") + " " + j.get("attempts"))
                .containsExactly("GROUP-2 push_to_woocommerce 3", "GROUP-1 push_to_woocommerce 3"); // newest first
        // the queue: at most a JTL-FFN job waiting for its channel to be connected (its token endpoint is down too)
        assertThat((List<Map<String, Object>>) work.get("queue")).allSatisfy(q -> assertThat(q)
                .containsEntry("channelId", "acme-jtl").containsEntry("processing", 0).containsKey("oldestDueSeconds"));

        // one group: the WooCommerce channel's jobs with that error, and nothing else
        assertThat(ApiClient.data(api.post("/client/acme/requeue-failed",
                json(Map.of("channelId", "acme-woo", "error", woo.get("error")))))).containsEntry("requeued", 2);
        assertThat(jdbc.queryForList("select channel_id from sync_job where client_id = 'acme' and status <> 'failed'", String.class))
                .containsOnly("acme-woo").hasSize(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from sync_job where client_id = 'acme' and status = 'failed'", Long.class) == 6);

        // one job
        long jobId = ((Number) ((List<Map<String, Object>>) woo.get("jobs")).get(0).get("id")).longValue();
        var one = api.post("/jobs/" + jobId + "/requeue", "{}");
        assertThat(one.getStatusCode().value()).isEqualTo(202);
        assertThat(jdbc.queryForList("select id from sync_job where client_id = 'acme' and status <> 'failed'", Long.class))
                .containsExactly(jobId);
        assertThat(api.post("/jobs/" + jobId + "/requeue", "{}").getStatusCode().value()).as("no longer failed").isEqualTo(409);
        assertThat(api.post("/jobs/999999999/requeue", "{}").getStatusCode().value()).isEqualTo(404);
        assertThat(api.post("/jobs/abc/requeue", "{}").getStatusCode().value()).isEqualTo(400);
        quietAcme(first);
        quietAcme(second);

        // a client's key reaches none of another client's
        UUID demoProduct = create("demo", "GROUP-DEMO");
        quiet();
        long demoJob = jdbc.queryForObject("select max(id) from sync_job where product_id = ?", Long.class, demoProduct);
        ApiClient acme = new ApiClient(rest, com.nolimits.synchub.TestCredentials.ACME_KEY);
        assertThat(acme.get("/client/acme/failed-jobs").getStatusCode().value()).isEqualTo(200);
        assertThat(acme.get("/client/demo/failed-jobs").getStatusCode().value()).isEqualTo(403);
        assertThat(acme.post("/jobs/" + demoJob + "/requeue", "{}").getStatusCode().value()).isEqualTo(403);
        assertThat(acme.post("/jobs/999999999/requeue", "{}").getStatusCode().value()).as("alike for none").isEqualTo(403);
        assertThat(api.post("/client/acme/requeue-failed", "{\"channelId\": \"demo-woo\"}").getBody().get("error"))
                .isEqualTo("channelId: 'demo-woo' is not a channel of client acme");
        assertThat(api.post("/client/acme/requeue-failed", "{\"channel\": \"acme-woo\"}").getStatusCode().value()).isEqualTo(400);
        assertThat(api.post("/client/acme/requeue-failed", "{\"error\": 500}").getBody().get("error")).isEqualTo("error must be a string");

        // a job that failed without words is listed under "" and queued again by that group
        // (WooCommerce's: more tries at JTL-FFN's token endpoint would lengthen its back-off for the next test)
        jdbc.update("update sync_job set last_error = null where client_id = 'acme' and channel_id = 'acme-woo' and status = 'failed'");
        assertThat((List<Map<String, Object>>) ApiClient.data(api.get("/client/acme/failed-jobs")).get("groups"))
                .filteredOn(g -> g.get("channelId").equals("acme-woo")).extracting(g -> g.get("error") + " " + g.get("count"))
                .containsExactly(" 2");
        assertThat(ApiClient.data(api.post("/client/acme/requeue-failed", "{\"channelId\": \"acme-woo\", \"error\": \"\"}")))
                .containsEntry("requeued", 2);
        quietAcme(first);
        quietAcme(second);
    }

    @Test
    void failedWebhookEventsAreReplayedByGroup() {
        long boom = failedEvent("acme-shopify", "group-1", "IllegalStateException: boom");
        long boomToo = failedEvent("acme-shopify", "group-2", "IllegalStateException: boom");
        long other = failedEvent("acme-woo", "group-3", "UnmappableEventException: no sku");

        var replayed = api.post("/webhooks/replay-failed", json(Map.of("clientId", "acme", "channelId", "acme-shopify",
                "error", "IllegalStateException: boom")));
        assertThat(replayed.getStatusCode().value()).isEqualTo(202);
        assertThat(ApiClient.data(replayed)).containsEntry("replayed", 2);
        // queued again (the inbox poll may already have taken them: then they failed anew, not an hour ago)
        assertThat(jdbc.queryForList("""
                select id from webhook_inbox where id in (?, ?, ?)
                  and (status <> 'failed' or processed_at is null or processed_at > now() - interval '30 minutes')
                order by id""", Long.class, boom, boomToo, other)).containsExactly(boom, boomToo);

        ApiClient acme = new ApiClient(rest, com.nolimits.synchub.TestCredentials.ACME_KEY);
        assertThat(acme.post("/webhooks/replay-failed", "{\"clientId\": \"demo\"}").getStatusCode().value()).isEqualTo(403);
        assertThat(api.post("/webhooks/replay-failed", "{}").getBody().get("error"))
                .isEqualTo("clientId is required and must be a non-empty string");
        assertThat(api.post("/webhooks/replay-failed", "{\"clientId\": \"acme\", \"topic\": \"x\"}").getBody().get("error").toString())
                .startsWith("unknown field 'topic'");
        assertThat(api.post("/webhooks/replay-failed", "{\"clientId\": \"acme\", \"channelId\": \"demo-shopify\"}").getBody().get("error"))
                .isEqualTo("channelId: 'demo-shopify' is not a channel of client acme");
        assertThat(ApiClient.data(api.post("/webhooks/replay-failed", "{\"clientId\": \"acme\"}"))).containsEntry("replayed", 1);
    }

    long failedEvent(String channelId, String dedupKey, String error) {
        return jdbc.queryForObject("""
                insert into webhook_inbox (channel_id, client_id, platform, topic, dedup_key, event_id, resource_id, payload,
                    status, attempts, error, processed_at)
                values (?, 'acme', 'shopify', 'products/update', ?, ?, '1', '{}', 'failed', 5, ?, now() - interval '1 hour')
                returning id""",
                Long.class, channelId, dedupKey, dedupKey, error);
    }

    static String json(Map<String, Object> body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
