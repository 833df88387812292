package com.nolimits.synchub.cluster;

import com.nolimits.synchub.FreePortInitializer;
import com.nolimits.synchub.FreshSchemaForTests;
import com.nolimits.synchub.TestDatabaseInitializer;
import com.nolimits.synchub.SyncHubApplication;
import com.nolimits.synchub.TestCredentials;
import com.nolimits.synchub.TestDatabase;
import com.nolimits.synchub.TestSchedules;
import com.nolimits.synchub.ingress.SignedWebhooks;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cluster mode with Kafka unreachable: a webhook is stored but not acknowledged (503, so the platform
 * retries), the stored event is still merged by the inbox poll, and the platform's retry is answered
 * as a duplicate. Nothing is lost and nothing is applied twice. The change events wait in their outbox
 * until Kafka takes them.
 */
@CamelSpringBootTest
@SpringBootTest(classes = {SyncHubApplication.class, FreshSchemaForTests.class},
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"camel.component.kafka.brokers=127.0.0.1:9", // nothing listens there
                "sync.webhooks.hand-off-grace=500", "sync.queue.dispatch-enabled=false",
                "sync.change-events.interval=300", // the relay keeps trying Kafka
                TestSchedules.OWN_SCHEDULER, TestSchedules.NO_POLLING, TestSchedules.NO_SWEEPS,
                TestCredentials.OPERATOR_KEY_PROPERTY, TestCredentials.OPERATOR_PASSWORD_PROPERTY})
@ContextConfiguration(initializers = {FreePortInitializer.class, TestDatabaseInitializer.class})
@ActiveProfiles({"test", "cluster"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class KafkaUnavailableTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CamelContext camel;

    @Test
    void aWebhookIsNotAcknowledgedWithoutKafkaAndStillMergedOnce() {
        TestDatabase.clear(jdbc);
        SignedWebhooks webhooks = new SignedWebhooks(port);
        String body = SignedWebhooks.shopifyProduct(901, "No Kafka Tee", Instant.parse("2026-11-01T10:00:00Z"),
                List.of(SignedWebhooks.variant(9011, "NOKAFKA-1", "9.90", 90111)));

        SignedWebhooks.Answer first = webhooks.shopify("products/create", body, "no-kafka-1");
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.body()).contains("retry later");

        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "select count(*) from product where sku = 'NOKAFKA-1'", Long.class) == 1);
        SignedWebhooks.Answer retry = webhooks.shopify("products/create", body, "no-kafka-1");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).contains("\"duplicate\":true");
        assertThat(jdbc.queryForList("select status from webhook_inbox", String.class)).containsExactly("done");
        assertThat(jdbc.queryForObject("select count(*) from sync_log where action = 'create'", Long.class)).isEqualTo(1);
        TestDatabase.clear(jdbc); // its jobs (to unreachable test channels) stay out of later dispatching contexts
    }

    @Test
    void changeEventsStayInTheOutboxWhilePublishingFails() {
        TestDatabase.clear(jdbc);
        String body = SignedWebhooks.shopifyProduct(902, "Outbox Tee", Instant.parse("2026-11-01T10:00:00Z"),
                List.of(SignedWebhooks.variant(9021, "NOKAFKA-2", "9.90", 90211)));
        new SignedWebhooks(port).shopify("products/create", body, "no-kafka-2");
        await().atMost(Duration.ofSeconds(15)).until(() -> outboxEventsOf("NOKAFKA-2") == 1);

        NotifyBuilder publishFailed = new NotifyBuilder(camel).fromRoute("change-events").whenFailed(1).create();
        assertThat(publishFailed.matches(30, TimeUnit.SECONDS)).isTrue(); // an attempt that took the event
        assertThat(outboxEventsOf("NOKAFKA-2")).isEqualTo(1);             // rolled back into the outbox
        TestDatabase.clear(jdbc);
    }

    private long outboxEventsOf(String sku) {
        return jdbc.queryForObject("""
                select count(*) from change_event e join product p on p.id = e.product_id
                where p.sku = ? and e.action = 'create'""", Long.class, sku);
    }
}
