package com.nolimits.synchub.ingress;

import com.nolimits.synchub.store.SyncStateStore;

import com.nolimits.synchub.HubTest;
import com.nolimits.synchub.TestDatabase;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.ProductStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** 1,000 webhooks for 100 products, shuffled and sent concurrently: every product ends at its newest values. */
@HubTest
class WebhookBurstTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SyncStateStore state;
    @Autowired
    ProductStore products;

    @Test
    void aShuffledConcurrentBurstEndsAtTheNewestValues() throws Exception {
        TestDatabase.clear(jdbc);
        jdbc.update("delete from webhook_inbox");
        SignedWebhooks webhooks = new SignedWebhooks(port);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
        List<Callable<SignedWebhooks.Answer>> sends = new ArrayList<>();
        for (int p = 0; p < 100; p++) {
            for (int version = 1; version <= 10; version++) {
                String body = SignedWebhooks.shopifyProduct(10_000 + p, "Product " + p + " v" + version,
                        t0.plusSeconds(version * 60L), List.of(SignedWebhooks.variant(20_000 + p, "BURST-" + p,
                                version + ".00", 30_000 + p)));
                String eventId = "burst-" + p + "-" + version;
                sends.add(() -> webhooks.shopify("products/update", body, eventId));
            }
        }
        Collections.shuffle(sends, new Random(42));
        ExecutorService senders = Executors.newFixedThreadPool(16);
        List<SignedWebhooks.Answer> answers = new ArrayList<>();
        for (Future<SignedWebhooks.Answer> answer : senders.invokeAll(sends)) {
            answers.add(answer.get());
        }
        senders.shutdown();

        assertThat(answers).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.millis()).isLessThan(5000);
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> state.webhooksWaiting() == 0);
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox where status = 'failed'", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from product", Long.class)).isEqualTo(100);
        for (int p = 0; p < 100; p++) {
            var product = products.find(products.findIdBySku("acme", "BURST-" + p).orElseThrow()).orElseThrow().snapshot();
            assertThat(product.value(ProductField.NAME)).isEqualTo("Product " + p + " v10");
            assertThat(product.value(ProductField.PRICE)).isEqualTo(new BigDecimal("10"));
        }
        assertThat(jdbc.queryForObject("""
                select coalesce(max(n), 0) from (select count(*) as n from sync_job where status = 'pending'
                group by product_id, channel_id) per_pair""", Long.class)).isLessThanOrEqualTo(1);
    }
}
