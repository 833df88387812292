package com.nolimits.synchub.outbound;

import com.nolimits.synchub.HubTest;
import com.nolimits.synchub.TestDatabase;
import com.nolimits.synchub.api.ApiClient;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.store.Job;
import com.nolimits.synchub.store.JobClaims;
import com.nolimits.synchub.store.JobStore;
import com.nolimits.synchub.store.LinkStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Jobs are fenced by their claim: an instance whose lease ran out (paused, cut off) and that answers after
 * another claim took the job over changes nothing but the log; a held job's lease is renewed while its
 * push runs, a dead instance's is not.
 */
@HubTest
class FencedJobsTest {

    @Autowired
    JobStore jobs;
    @Autowired
    JobClaims claims;
    @Autowired
    JobOutcome outcome;
    @Autowired
    JobDispatcher dispatcher;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    LinkStore links;
    @Autowired
    PlatformTransactionManager transactions;

    final List<String> shopify = List.of(JobStore.operation(Platform.SHOPIFY));

    @BeforeEach
    void aProductQueuedToShopify() {
        TestDatabase.clear(jdbc);
        new ApiClient(http).post("/create", "{\"clientId\": \"acme\", \"name\": \"Fenced\"}"); // the dispatcher is off here
    }

    Job claim() {
        List<Job> claimed = claims.claim(1, 60, shopify, List.of(), Map.of());
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    void leaseRunsOut(Job job) {
        jdbc.update("update sync_job set locked_until = now() - interval '1 second' where id = ?", job.id());
    }

    Map<String, Object> row(Job job) {
        return jdbc.queryForMap("select status, attempts, claim_token::text as token, last_error from sync_job where id = ?", job.id());
    }

    List<String> logNotes(Job job) {
        return jdbc.queryForList("select error_message from sync_log where product_id = ? and action = 'push' order by id",
                String.class, job.productId());
    }

    @Test
    void aLateCompletionOfAJobAnotherClaimTookOverChangesNothingButTheLog() {
        Job stale = claim();
        Push stalePush = dispatcher.load(stale);
        leaseRunsOut(stale);
        Job current = claim(); // another instance takes it over

        assertThat(current.id()).isEqualTo(stale.id());
        assertThat(current.claimToken()).isNotEqualTo(stale.claimToken());
        outcome.complete(stalePush);

        assertThat(row(current)).containsEntry("status", "processing").containsEntry("token", current.claimToken().toString())
                .containsEntry("attempts", 2);
        assertThat(jdbc.queryForObject("select completed_at from sync_job where id = ?", java.sql.Timestamp.class, current.id()))
                .isNull();
        assertThat(logNotes(current)).singleElement().asString().startsWith("late answer ignored (pushed)");

        outcome.complete(dispatcher.load(current)); // the holder's answer counts
        assertThat(row(current)).containsEntry("status", "completed");
    }

    /**
     * A merge of the product (product row, then its link) runs while the push's outcome is written (the
     * link's status, then the product's): both finish, in either order, and no deadlock aborts either.
     */
    @Test
    void anOutcomeAndAMergeOfTheSameProductNeverDeadlock() throws Exception {
        Job job = claim();
        Push push = dispatcher.load(job);
        links.upsert(job.productId(), "acme-shopify", "gid://shopify/ProductVariant/1", "gid://shopify/Product/1", null, Map.of());
        CountDownLatch productLocked = new CountDownLatch(1);
        CompletableFuture<Void> merge = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
            jdbc.update("update product set version = version + 1 where id = ?", job.productId()); // the merge's write
            productLocked.countDown();
            sleep(1500); // meanwhile the outcome starts, and waits for one of these rows
            jdbc.update("update product_link set updated_at = now() where product_id = ?", job.productId()); // keep the link
        }));
        productLocked.await(10, TimeUnit.SECONDS);
        CompletableFuture<Void> written = CompletableFuture.runAsync(() -> outcome.complete(push));

        merge.get(30, TimeUnit.SECONDS);
        written.get(30, TimeUnit.SECONDS);
        assertThat(row(job)).containsEntry("status", "completed");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A deadlock or a lost connection of the hub's own database during a push is a blip: retried, not failed for good. */
    @Test
    void aDatabaseErrorDuringAPushIsRetriedLikeAnyOtherBlip() {
        Job deadlocked = claim();
        outcome.retryOrFail(deadlocked, null, new org.springframework.dao.PessimisticLockingFailureException("deadlock detected"));
        assertThat(row(deadlocked)).containsEntry("status", "pending").containsEntry("attempts", 1);

        jdbc.update("update sync_job set scheduled_for = now() where id = ?", deadlocked.id());
        Job cutOff = claim();
        outcome.retryOrFail(cutOff, null, new org.springframework.jdbc.CannotGetJdbcConnectionException("connection refused"));
        assertThat(row(cutOff)).containsEntry("status", "pending").containsEntry("attempts", 2);
    }

    @Test
    void aLateFailureNeitherRetriesNorFailsTheJob() {
        Job stale = claim();
        leaseRunsOut(stale);
        Job current = claim();

        outcome.retryOrFail(stale, null, PushFailedException.forStatus("Shopify", 503, 0L, ""));
        outcome.retryOrFail(stale, null, PushFailedException.permanent("userErrors: title is blank"));

        assertThat(row(current)).containsEntry("status", "processing").containsEntry("last_error", null)
                .containsEntry("token", current.claimToken().toString());
        assertThat(logNotes(current)).hasSize(2).allSatisfy(note -> assertThat(note).startsWith("late answer ignored (failed)"));
    }

    @Test
    void aPushDoesNotStartOnAJobTakenOverWhileItWaitedInItsBatch() {
        JobLeases leases = new JobLeases(claims, leaseOf(60));
        Job waiting = claim();
        leases.hold(List.of(waiting));
        leaseRunsOut(waiting);
        Job current = claim();

        assertThatThrownBy(() -> leases.start(waiting)).isInstanceOf(JobTakenOverException.class);
        assertThat(leases.renew()).isZero(); // no longer held here
        assertThat(row(current)).containsEntry("token", current.claimToken().toString());
    }

    @Test
    void theLeaseOfAHeldJobIsRenewedSoNoOtherClaimTakesItButADeadInstancesIsNot() {
        JobLeases living = new JobLeases(claims, leaseOf(60));
        Job slow = claim();
        living.hold(List.of(slow));
        leaseRunsOut(slow); // about to run out while its push is still running

        assertThat(living.renew()).isEqualTo(1);
        assertThat(claims.claim(1, 60, shopify, List.of(), Map.of())).isEmpty();

        leaseRunsOut(slow); // its instance died: nothing renews it
        assertThat(claim().id()).isEqualTo(slow.id());
    }

    private static com.nolimits.synchub.channel.SyncProperties leaseOf(int seconds) {
        com.nolimits.synchub.channel.SyncProperties properties = new com.nolimits.synchub.channel.SyncProperties();
        properties.getQueue().setLease(java.time.Duration.ofSeconds(seconds));
        return properties;
    }
}
