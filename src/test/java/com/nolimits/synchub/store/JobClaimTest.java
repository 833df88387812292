package com.nolimits.synchub.store;

import com.nolimits.synchub.HubTest;
import com.nolimits.synchub.TestDatabase;
import com.nolimits.synchub.merge.Platform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher's claim: a channel waiting for its API budget never holds back another channel's jobs;
 * a retry keeps its backoff when an edit queued meanwhile takes it over.
 */
@HubTest
class JobClaimTest {

    @Autowired
    JobStore jobs;
    @Autowired
    JobClaims claims;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;

    final List<String> operations = QueuedJobs.ALL_OPERATIONS;

    @BeforeEach
    void threeProductsQueuedToEachChannel() {
        TestDatabase.clear(jdbc);
        QueuedJobs.ofNewProducts(http, 3, "Claim");
    }

    List<String> channelsOf(List<Job> claimed) {
        return claimed.stream().map(Job::channelId).sorted().toList();
    }

    @Test
    void aChannelWithoutBudgetIsLeftOutAndOneWithSomeGetsNoMoreThanItPaysFor() {
        List<Job> claimed = claims.claim(10, 60, operations, List.of(), Map.of("acme-shopify", 0, "acme-woo", 1));

        assertThat(channelsOf(claimed)).containsExactly("acme-jtl", "acme-jtl", "acme-jtl", "acme-woo");
        // the rest is still there for the next claim, once the budgets refilled
        assertThat(channelsOf(claims.claim(10, 60, operations, List.of(), Map.of())))
                .containsExactly("acme-shopify", "acme-shopify", "acme-shopify", "acme-woo", "acme-woo");
    }

    @Test
    void anEditQueuedWhileAPushFailsWaitsForThatPushsRetryAndKeepsItsAttempts() {
        Job running = claims.claim(1, 60, List.of(JobStore.operation(Platform.SHOPIFY)), List.of(), Map.of()).get(0);
        long edit = jobs.enqueue(NewJob.of(running.productId(), running.channelId(), "acme", Platform.SHOPIFY)
                .fields(List.of("price")).attempts(3));
        Instant retry = Instant.now().plusSeconds(120).truncatedTo(ChronoUnit.MILLIS);

        jobs.retryAt(running.id(), retry, "Shopify answered 500");

        assertThat(jdbc.queryForObject("select status from sync_job where id = ?", String.class, running.id())).isEqualTo("skipped");
        Map<String, Object> pending = jdbc.queryForMap("select scheduled_for, attempts, fields from sync_job where id = ?", edit);
        assertThat(((java.sql.Timestamp) pending.get("scheduled_for")).toInstant()).isEqualTo(retry);
        assertThat(pending.get("attempts")).isEqualTo(running.attempts());
        assertThat(running.attempts()).isEqualTo(1);
        assertThat(claims.claim(10, 60, operations, List.of(), Map.of())).extracting(Job::id).doesNotContain(edit);
    }
}
