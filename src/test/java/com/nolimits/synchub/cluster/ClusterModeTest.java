package com.nolimits.synchub.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.FreePortInitializer;
import com.nolimits.synchub.FreshSchemaForTests;
import com.nolimits.synchub.TestDatabaseInitializer;
import com.nolimits.synchub.Sandboxes;
import com.nolimits.synchub.SyncHubApplication;
import com.nolimits.synchub.TestClients;
import com.nolimits.synchub.TestCredentials;
import com.nolimits.synchub.TestSchedules;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hub in cluster mode (src/main/resources/application-cluster.yaml) against a real Kafka broker (KRaft, in this
 * JVM): a Shopify edit reaching the other platforms, where the webhook travels through the Kafka topic keyed by product, and the hub's
 * change events published to the changes topic. The inbox poll is held back, so only Kafka can have
 * delivered the event to the merge.
 */
@CamelSpringBootTest
@SpringBootTest(classes = {SyncHubApplication.class, FreshSchemaForTests.class, TestClients.class},
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"camel.component.kafka.brokers=${spring.embedded.kafka.brokers}",
                "sync.webhooks.hand-off-grace=3600000", "sync.change-events.interval=200",
                "sync.queue.dispatch-enabled=true", "sync.queue.poll-interval=200", "sync.queue.retry-delay=300",
                "sync.jtl.token-backoff=300ms",
                TestSchedules.OWN_SCHEDULER, TestSchedules.NO_POLLING, TestSchedules.NO_SWEEPS,
                TestCredentials.OPERATOR_KEY_PROPERTY, TestCredentials.OPERATOR_PASSWORD_PROPERTY})
@ContextConfiguration(initializers = {FreePortInitializer.class, TestDatabaseInitializer.class})
@ActiveProfiles({"test", "sandbox", "cluster"})
@EmbeddedKafka(kraft = true, partitions = 3, topics = {ClusterModeTest.WEBHOOKS, ClusterModeTest.CHANGES})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ClusterModeTest {

    static final String WEBHOOKS = "product-sync.webhooks";
    static final String CHANGES = "product-sync.changes";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EmbeddedKafkaBroker kafka;

    final ObjectMapper json = new ObjectMapper();
    @Autowired
    Sandboxes sandboxes;
    Consumer<String, String> observer;

    @BeforeEach
    void start() {
        sandboxes.freshStart();
        Map<String, Object> props = KafkaTestUtils.consumerProps("test-observer", "false", kafka);
        observer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        kafka.consumeFromEmbeddedTopics(observer, WEBHOOKS, CHANGES);
    }

    @AfterEach
    void stop() {
        observer.close();
    }

    @Test
    void aShopifyProductTravelsThroughKafkaToTheOtherPlatformsAndIsPublishedAsAChange() throws Exception {
        Map<?, ?> created = sandboxes.shopify.post().uri("/merchant/products").header("Content-Type", "application/json")
                .body("{\"title\": \"Cluster Tee\", \"variants\": [{\"sku\": \"CL-1\", \"price\": \"15.00\"}]}")
                .retrieve().body(Map.class);
        long shopifyId = ((Number) ((Map<?, ?>) created.get("product")).get("id")).longValue();

        // flow A: WooCommerce and JTL got the product
        await().atMost(Duration.ofSeconds(20)).until(() -> Sandboxes.journal(sandboxes.woo).size() == 1
                && Sandboxes.journal(sandboxes.jtl).stream().anyMatch(call -> "create product".equals(call.get("operation"))));
        sandboxes.quiet();
        String productId = jdbc.queryForObject("select id::text from product where sku = 'CL-1'", String.class);

        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            KafkaTestUtils.getRecords(observer, Duration.ofMillis(300)).forEach(records::add);
            return records.stream().anyMatch(r -> r.topic().equals(CHANGES) && r.key().equals(productId));
        });

        // the webhook went through the topic keyed by channel and Shopify product, carrying its inbox id
        Long inboxId = jdbc.queryForObject("select min(id) from webhook_inbox where topic = 'products/create'", Long.class);
        assertThat(records).filteredOn(r -> r.topic().equals(WEBHOOKS))
                .anySatisfy(r -> {
                    assertThat(r.key()).isEqualTo("demo-shopify/" + shopifyId);
                    assertThat(r.value()).isEqualTo(String.valueOf(inboxId));
                });
        assertThat(jdbc.queryForObject("select status from webhook_inbox where id = ?", String.class, inboxId)).isEqualTo("done");

        // the change: created from Shopify, with its values, keyed by the hub's product id
        JsonNode change = json.readTree(records.stream().filter(r -> r.topic().equals(CHANGES) && r.key().equals(productId))
                .findFirst().orElseThrow().value());
        assertThat(change.path("action").asText()).isEqualTo("create");
        assertThat(change.path("origin").asText()).isEqualTo("SHOPIFY");
        assertThat(change.path("channelId").asText()).isEqualTo("demo-shopify");
        assertThat(change.path("values").path("name").asText()).isEqualTo("Cluster Tee");
        assertThat(change.path("changedFields").toString()).contains("price", "sku");
        // the echoes of the pushes changed nothing: no second change event, and the outbox is empty
        // (the topic may also hold what earlier test classes left in the shared outbox, published at start-up)
        assertThat(records).filteredOn(r -> r.topic().equals(CHANGES) && r.key().equals(productId)).hasSize(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject("select count(*) from change_event", Long.class) == 0);
    }
}
