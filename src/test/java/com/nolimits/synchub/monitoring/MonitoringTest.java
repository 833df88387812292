package com.nolimits.synchub.monitoring;

import com.nolimits.synchub.OutboundTest;
import com.nolimits.synchub.Sandboxes;
import com.nolimits.synchub.TestCredentials;
import com.nolimits.synchub.api.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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

/** Health details, the metrics summary, the Prometheus series and the sync context on log lines, after real pushes. */
@OutboundTest
@ExtendWith(OutputCaptureExtension.class)
@SuppressWarnings("unchecked")
class MonitoringTest {

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
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

    String actuator(String path) {
        return RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/" + path)
                .header("X-API-Key", TestCredentials.OPERATOR_KEY).retrieve().body(String.class);
    }

    @Test
    void livenessAndReadinessAnswerWithoutCredentialsAsContainerProbesAsk() {
        RestClient anonymous = RestClient.create("http://127.0.0.1:" + port);
        for (String probe : List.of("liveness", "readiness")) {
            Map<String, Object> answer = anonymous.get().uri("/actuator/health/" + probe).retrieve().body(Map.class);
            assertThat(answer).as(probe).containsEntry("status", "UP");
        }
    }

    @Test
    void afterAPushEveryViewShowsIt(CapturedOutput output) {
        UUID id = UUID.fromString((String) ApiClient.data(api.post("/create", "{\"clientId\": \"demo\", \"name\": \"Seen\", "
                + "\"sku\": \"MON-1\", \"price\": 4}")).get("id"));
        sandboxes.quiet();
        // WooCommerce sends the webhook of the push after it answered the push: quiet can come before it is stored
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from webhook_inbox where channel_id = 'demo-woo' and status in ('done', 'skipped')", Long.class) > 0);

        Map<String, Object> health = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/health")
                .header("X-API-Key", TestCredentials.OPERATOR_KEY).retrieve().body(Map.class);
        Map<String, Object> components = (Map<String, Object>) health.get("components");
        assertThat(components).containsKeys("db", "queue", "channels");
        Map<String, Object> queue = (Map<String, Object>) ((Map<String, Object>) components.get("queue")).get("details");
        assertThat(queue).containsEntry("pending", 0).containsEntry("completed", 3).containsEntry("oldestDueJobSeconds", 0);
        Map<String, Object> channels = (Map<String, Object>) ((Map<String, Object>) components.get("channels")).get("details");
        assertThat((Map<String, Object>) channels.get("demo-shopify")).containsEntry("consecutiveFailures", 0)
                .extractingByKey("lastSuccessfulPush").isNotNull();
        assertThat((Map<String, Object>) channels.get("demo-woo")).extractingByKey("lastWebhookReceived").isNotNull();

        Map<String, Object> metrics = ApiClient.data(api.get("/metrics"));
        assertThat((Map<String, Object>) metrics.get("jobs")).containsEntry("completed", 3);
        assertThat(metrics).containsEntry("webhooksWaiting", 0);
        assertThat((Map<String, Map<String, Object>>) metrics.get("webhooks")).extractingByKey("shopify")
                .satisfies(shopify -> assertThat((Map<String, Object>) shopify).containsKeys("accepted", "echo"));
        assertThat((Map<String, Map<String, Object>>) metrics.get("pushes")).containsKeys("shopify", "woocommerce", "jtl");
        assertThat(new ApiClient(http, TestCredentials.ACME_KEY).get("/metrics").getStatusCode().value()).isEqualTo(403);

        String prometheus = actuator("prometheus");
        assertThat(prometheus).contains("sync_jobs{state=\"completed\"}", "sync_conflicts_open", "sync_queue_oldest_due_seconds 0.0",
                "sync_push_duration_seconds_count{channel=\"demo-jtl\",outcome=\"completed\",platform=\"jtl\"}",
                "sync_webhooks_total{outcome=\"echo\",platform=\"woocommerce\"}",
                "sync_channel_state{channel=\"demo-woo\",state=\"connected\"} 1.0",
                "sync_channel_state{channel=\"demo-woo\",state=\"needs-connect\"} 0.0", "sync_channels_needs_connect 0.0");
        // the routes' own meters, per route id (camel-micrometer's route policy)
        assertThat(prometheus).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"outbound-dispatch\"[^}]*} [1-9]")
                .containsPattern("camel_exchanges_failed_total\\{[^}]*routeId=\"push-shopify\"")
                .containsPattern("camel_route_policy_seconds_count\\{[^}]*routeId=\"shopify-webhooks\"");

        // the push's lines name product, channel and origin
        assertThat(output.getOut()).contains("[product=" + id + " channel=demo-shopify origin=NOLIMITS]");
        assertThat(output.getOut()).contains("[product=" + id + " channel=demo-woo origin=WOOCOMMERCE]"); // its echo
    }
}
