package com.nolimits.synchub.store;

import com.nolimits.synchub.HubTest;
import com.nolimits.synchub.TestDatabase;
import com.nolimits.synchub.api.ApiClient;
import com.nolimits.synchub.merge.Platform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routes/failed-push-recovery.camel.yaml: a job that ran out of attempts on transient errors is queued again
 * once its recovery time has come, with fresh attempts, unless a later completed job covered its fields,
 * and only so often. (The dispatcher is off in this context: queued jobs stay pending.)
 */
@HubTest
class FailedPushRecoveryTest {

    @Autowired
    JobStore jobs;
    @Autowired
    JobClaims claims;

    @Autowired
    JobRecovery recovery;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;

    Job job;

    @BeforeEach
    void aShopifyJobThatRanOutOfAttempts() {
        TestDatabase.clear(jdbc);
        new ApiClient(http).post("/create", "{\"clientId\": \"acme\", \"name\": \"Recovered\"}");
        job = claims.claim(1, 60, List.of(JobStore.operation(Platform.SHOPIFY)), List.of(), Map.of()).get(0);
    }

    Map<String, Object> row() {
        return jdbc.queryForMap("select status, attempts, recoveries, recover_at from sync_job where id = ?", job.id());
    }

    @Test
    void itIsQueuedAgainWithFreshAttemptsOnceItsRecoveryTimeHasCome() {
        assertThat(jobs.failRecoverable(job.id(), "Shopify answered 503", Instant.now().plusSeconds(1), 3)).isTrue();
        assertThat(row()).containsEntry("status", "failed");

        await().atMost(Duration.ofSeconds(15)).until(() -> "pending".equals(row().get("status")));
        assertThat(row()).containsEntry("attempts", 0).containsEntry("recoveries", 1).containsEntry("recover_at", null);
        assertThat(jdbc.queryForObject("select last_error from sync_job where id = ?", String.class, job.id()))
                .isEqualTo("queued again after: Shopify answered 503");
    }

    @Test
    void aJobALaterCompletedJobCoveredStaysFailed() {
        jobs.failRecoverable(job.id(), "Shopify answered 503", Instant.now().minusSeconds(1), 3);
        long later = jobs.enqueue(NewJob.of(job.productId(), job.channelId(), "acme", Platform.SHOPIFY).fields(job.fields())
                .attempts(3));
        jobs.complete(later);

        assertThat(recovery.requeueRecoverable()).isZero();
        assertThat(row()).containsEntry("status", "failed").containsEntry("recover_at", null);
    }

    @Test
    void aStockPushIsNotLostToALaterJobThatDidNotCarryStock() {
        jdbc.update("update sync_job set fields = '{available}' where id = ?", job.id());
        jobs.failRecoverable(job.id(), "Shopify answered 503", Instant.now().minusSeconds(1), 3);
        long later = jobs.enqueue(NewJob.of(job.productId(), job.channelId(), "acme", Platform.SHOPIFY).fields(List.of("name"))
                .attempts(3));
        jobs.complete(later);

        assertThat(recovery.requeueRecoverable()).isEqualTo(1);
        assertThat(row()).containsEntry("status", "pending").containsEntry("recoveries", 1);
    }

    @Test
    void itsFieldsGoIntoThePendingJobOfTheProductAndChannel() {
        jdbc.update("update sync_job set fields = '{available}' where id = ?", job.id());
        jobs.failRecoverable(job.id(), "Shopify answered 503", Instant.now().minusSeconds(1), 3);
        long pending = jobs.enqueue(NewJob.of(job.productId(), job.channelId(), "acme", Platform.SHOPIFY).fields(List.of("name"))
                .attempts(3));

        assertThat(recovery.requeueRecoverable()).isZero();
        assertThat(row()).containsEntry("status", "failed").containsEntry("recover_at", null);
        assertThat(jdbc.queryForObject("select array_to_string(fields, ',') || ' ' || recoveries from sync_job where id = ?",
                String.class, pending)).isEqualTo("available,name 1");
    }

    @Test
    void ofSeveralFailedJobsOfOneProductAndChannelTheNewestIsQueuedAgainWithTheFieldsOfAll() {
        jdbc.update("update sync_job set fields = '{available}' where id = ?", job.id());
        jobs.failRecoverable(job.id(), "Shopify answered 503", Instant.now().minusSeconds(1), 3);
        jobs.enqueue(NewJob.of(job.productId(), job.channelId(), "acme", Platform.SHOPIFY).fields(List.of("name"))
                .attempts(3));
        Job newer = claims.claim(1, 60, List.of(JobStore.operation(Platform.SHOPIFY)), List.of(), Map.of()).get(0);
        jobs.failRecoverable(newer.id(), "Shopify answered 503", Instant.now().minusSeconds(1), 3);

        recovery.requeueRecoverable();
        assertThat(row()).containsEntry("status", "failed").containsEntry("recover_at", null);
        assertThat(jdbc.queryForObject("select status || ' ' || array_to_string(fields, ',') || ' ' || recoveries "
                + "from sync_job where id = ?", String.class, newer.id())).isEqualTo("pending available,name 1");
    }

    @Test
    void aPermanentErrorOrTheLastRecoveryIsNotQueuedAgain() {
        assertThat(jobs.failRecoverable(job.id(), "userErrors", null, 3)).isFalse();
        assertThat(recovery.requeueRecoverable()).isZero();

        jdbc.update("update sync_job set recoveries = 3 where id = ?", job.id());
        assertThat(jobs.failRecoverable(job.id(), "Shopify answered 503", Instant.now().minusSeconds(1), 3)).isFalse();
        assertThat(recovery.requeueRecoverable()).isZero();
        assertThat(row()).containsEntry("status", "failed");
    }
}
