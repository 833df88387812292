package com.nolimits.synchub.store;

import com.nolimits.synchub.HubTest;
import com.nolimits.synchub.TestDatabase;
import com.nolimits.synchub.api.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two writers link one platform product at once (the full sync's batch answer and the platform's webhook
 * about the new product), each on its own connection, the first holding its transaction open: both
 * orders end with one link, and a link held by another product is refused with a clear error.
 */
@HubTest
class LinkStoreTest {

    @Autowired
    LinkStore links;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    PlatformTransactionManager transactions;

    UUID product;
    UUID other;

    @BeforeEach
    void twoProducts() {
        TestDatabase.clear(jdbc);
        ApiClient api = new ApiClient(http);
        product = UUID.fromString((String) ApiClient.data(api.post("/create",
                "{\"clientId\": \"acme\", \"name\": \"Linked\", \"channelIds\": [\"acme-jtl\"]}")).get("id"));
        other = UUID.fromString((String) ApiClient.data(api.post("/create",
                "{\"clientId\": \"acme\", \"name\": \"Other\", \"channelIds\": [\"acme-jtl\"]}")).get("id"));
    }

    /** Runs the first writer's upsert in a transaction left open until the second writer has started. */
    void raceWith(Runnable first, Runnable second) throws Exception {
        CountDownLatch firstWrote = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        CompletableFuture<Void> firstWriter = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(status -> {
                    first.run();
                    firstWrote.countDown();
                    await(secondStarted);
                    sleep(300); // the second writer is now waiting for this transaction
                }));
        assertThat(firstWrote.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> secondWriter = CompletableFuture.runAsync(() -> {
            secondStarted.countDown();
            second.run();
        });
        firstWriter.get(10, TimeUnit.SECONDS);
        secondWriter.get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0} first")
    @ValueSource(strings = {"batch answer", "webhook"})
    void twoWritersOfTheSameProductsLinkEndWithOneLink(String firstWriter) throws Exception {
        Runnable batch = () -> links.upsert(product, "acme-woo", "501", "501", null, Map.of("type", "simple"));
        Runnable webhook = () -> links.upsert(product, "acme-woo", "501", "501", null, Map.of("seenBy", "webhook"));

        if (firstWriter.equals("batch answer")) {
            raceWith(batch, webhook);
        } else {
            raceWith(webhook, batch);
        }

        assertThat(jdbc.queryForList("select product_id from product_link where channel_id = 'acme-woo' and external_id = '501'",
                UUID.class)).containsExactly(product);
        assertThat(links.of(product, "acme-woo").orElseThrow().platformData()).containsEntry("type", "simple")
                .containsEntry("seenBy", "webhook");
    }

    @ParameterizedTest(name = "{0} first")
    @ValueSource(strings = {"this product", "the other product"})
    void aPlatformProductLinkedToAnotherProductIsAClearErrorForTheSecondWriter(String firstWriter) throws Exception {
        UUID winner = firstWriter.equals("this product") ? product : other;
        UUID loser = winner.equals(product) ? other : product;
        CompletableFuture<Throwable> refused = new CompletableFuture<>();

        raceWith(() -> links.upsert(winner, "acme-woo", "777", "777", null, Map.of()), () -> {
            try {
                links.upsert(loser, "acme-woo", "777", "777", null, Map.of());
                refused.complete(null);
            } catch (RuntimeException e) {
                refused.complete(e);
            }
        });

        assertThat(refused.get()).isInstanceOf(LinkConflictException.class)
                .hasMessage("product 777 of channel acme-woo is already linked to hub product " + winner
                        + ", not linked to " + loser + " as well");
        assertThat(links.of(loser, "acme-woo")).isEmpty();
        assertThat(links.productIdOf("acme-woo", "777").orElseThrow()).isEqualTo(winner);
    }

    @Test
    void aProductsLinkMovesToANewExternalId() {
        links.upsert(product, "acme-woo", "601", "601", null, Map.of());
        links.upsert(product, "acme-woo", "602", "602", null, Map.of());
        assertThat(links.of(product, "acme-woo").orElseThrow().externalId()).isEqualTo("602");
        assertThatThrownBy(() -> links.upsert(other, "acme-woo", "602", "602", null, Map.of()))
                .isInstanceOf(LinkConflictException.class);
    }

    @Test
    void aLinkThatHoldsTheIdIsRefreshedAndComesBackToLife() {
        links.upsert(product, "acme-woo", "701", "700", null, Map.of("type", "variation"));
        links.markDeleted(links.of(product, "acme-woo").orElseThrow().id());

        links.upsert(product, "acme-woo", "701", "700", null, Map.of("seenBy", "webhook"));

        LinkStore.Link link = links.of(product, "acme-woo").orElseThrow();
        assertThat(link.deletedAt()).isNull();
        assertThat(link.syncStatus()).isEqualTo("PENDING");
        assertThat(link.platformData()).containsEntry("type", "variation").containsEntry("seenBy", "webhook");
        assertThatThrownBy(() -> links.upsert(other, "acme-woo", "701", "700", null, Map.of()))
                .isInstanceOf(LinkConflictException.class);
    }

    @Test
    void theVanishedVariantsAreThoseOfTheParentTheWebhookNoLongerLists() {
        links.upsert(product, "acme-woo", "801", "800", null, Map.of());
        links.upsert(other, "acme-woo", "802", "800", null, Map.of());

        assertThat(links.vanishedVariants("acme-woo", "800", java.util.List.of("801")))
                .extracting(LinkStore.Link::productId).containsExactly(other);
        assertThat(links.vanishedVariants("acme-woo", "800", java.util.List.of("801", "802"))).isEmpty();
        assertThat(links.vanishedVariants("acme-woo", "800", java.util.List.of()))
                .extracting(LinkStore.Link::productId).containsExactlyInAnyOrder(product, other);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
