package com.nolimits.synchub.store;

import com.nolimits.synchub.merge.Platform;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The job queue, the transactional outbox of pushes (docs/architecture.md, "The queue"): jobs queued and
 * ended. {@link JobClaims} claims them and keeps their leases, {@link JobRecovery} queues failed ones again,
 * {@link JobViews} shows them to the API.
 */
@Repository
public class JobStore {

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    /** A savepoint inside the caller's transaction (a job's outcome), so a refused statement can be followed by others. */
    private final TransactionTemplate savepoint;

    public JobStore(JdbcTemplate jdbc, ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.events = events;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Whether a push of the product to the channel is claimed and not finished. */
    public boolean isProcessing(UUID productId, String channelId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select exists (select 1 from sync_job where product_id = ? and channel_id = ? and status = 'processing')""",
                Boolean.class, productId, channelId));
    }

    /** The job's channel needs to be connected again: back to pending, the attempt not counted, the reason kept. */
    public void waitForConnect(long jobId, String reason) {
        jdbc.update("""
                update sync_job set status = 'pending', attempts = greatest(attempts - 1, 0), locked_until = null,
                    last_error = ?, updated_at = now() where id = ?""", reason, jobId);
    }

    public void complete(long jobId) {
        jdbc.update("""
                update sync_job set status = 'completed', locked_until = null, last_error = null,
                    completed_at = now(), updated_at = now() where id = ?""", jobId);
    }

    public void fail(long jobId, String error) {
        failRecoverable(jobId, error, null, 0);
    }

    /**
     * Fails the job; when {@code recoverAt} is given and the job was recovered fewer than
     * {@code maxRecoveries} times, {@link JobRecovery#requeueRecoverable} queues it again from then on.
     *
     * @return whether the job will be queued again
     */
    public boolean failRecoverable(long jobId, String error, java.time.Instant recoverAt, int maxRecoveries) {
        List<Boolean> recovers = jdbc.query("""
                update sync_job set status = 'failed', locked_until = null, last_error = ?, completed_at = now(),
                    recover_at = case when recoveries < ? then cast(? as timestamptz) end, updated_at = now()
                where id = ? returning recover_at is not null""", (rs, i) -> rs.getBoolean(1),
                error, maxRecoveries, recoverAt == null ? null : Timestamp.from(recoverAt), jobId);
        return !recovers.isEmpty() && recovers.get(0);
    }

    /**
     * Puts the job back for another attempt at {@code when}. If a newer pending job for the same
     * product and channel appeared meanwhile, that one already sends the current state: this one is
     * folded into it, and it takes over this job's backoff and attempts, so an edit made while a push
     * was failing neither calls the failing platform early nor resets the number of attempts.
     */
    public void retryAt(long jobId, java.time.Instant when, String error) {
        try {
            savepoint.executeWithoutResult(status -> jdbc.update("""
                    update sync_job set status = 'pending', locked_until = null, last_error = ?, scheduled_for = ?,
                        updated_at = now() where id = ?""", error, java.sql.Timestamp.from(when), jobId));
        } catch (org.springframework.dao.DuplicateKeyException e) {
            jdbc.update("""
                    update sync_job p set fields = array(select distinct f from unnest(p.fields || r.fields) f order by f),
                        scheduled_for = greatest(p.scheduled_for, ?), attempts = greatest(p.attempts, r.attempts),
                        updated_at = now()
                    from sync_job r
                    where r.id = ? and p.status = 'pending' and p.product_id = r.product_id and p.channel_id = r.channel_id""",
                    java.sql.Timestamp.from(when), jobId);
            jdbc.update("""
                    update sync_job set status = 'skipped', locked_until = null, last_error = ?, completed_at = now(),
                        updated_at = now() where id = ?""", "folded into a newer pending job after: " + error, jobId);
        }
    }

    /** A job still pending for the same product and channel absorbs a new one: it sends the current state anyway. */
    private static final String COALESCE_INTO_PENDING = """
            on conflict (product_id, channel_id) where status = 'pending' do update set
                fields = array(select distinct f from unnest(sync_job.fields || excluded.fields) f order by f),
                correction = sync_job.correction or excluded.correction,
                priority = greatest(sync_job.priority, excluded.priority),
                trigger_origin = excluded.trigger_origin,
                trigger_event_id = excluded.trigger_event_id,
                full_sync_id = coalesce(excluded.full_sync_id, sync_job.full_sync_id),
                updated_at = now()
            """;

    public static String operation(Platform platform) {
        return "push_to_" + platform.name().toLowerCase();
    }

    /**
     * Queues a push. A push always sends the product's current state, so a job still pending for the
     * same product and channel absorbs this one (its fields are unioned, the higher priority kept).
     *
     * @return the id of the pending job that will make the push
     */
    public long enqueue(NewJob job) {
        if (job.maxAttempts() < 1) {
            throw new IllegalArgumentException("a job needs at least one attempt: set attempts(...)");
        }
        UUID productId = job.productId();
        String channelId = job.channelId();
        Long fullSyncId = job.fullSyncId();
        Long id = jdbc.query("""
                insert into sync_job (product_id, channel_id, client_id, operation, fields, correction, priority,
                    trigger_origin, trigger_event_id, max_attempts, full_sync_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """ + COALESCE_INTO_PENDING + "returning id",
                ps -> {
                    ps.setObject(1, productId);
                    ps.setString(2, channelId);
                    ps.setString(3, job.clientId());
                    ps.setString(4, operation(job.platform()));
                    ps.setArray(5, ps.getConnection().createArrayOf("text", job.fields().stream().sorted().toArray()));
                    ps.setBoolean(6, job.correction());
                    ps.setInt(7, job.priority());
                    ps.setString(8, job.trigger().name());
                    ps.setString(9, job.triggerEventId());
                    ps.setInt(10, job.maxAttempts());
                    ps.setObject(11, fullSyncId);
                }, rs -> rs.next() ? rs.getLong(1) : null);
        events.publishEvent(new JobQueued(productId, channelId, fullSyncId != null));
        return id;
    }

    /** A person asked for the push: due now, even when it was waiting for a retry (whose attempts it keeps). */
    public void makeDueNow(long jobId) {
        jdbc.update("update sync_job set scheduled_for = now() where id = ? and status = 'pending' and scheduled_for > now()",
                jobId);
    }

    /**
     * Queues a push of every product of the client to one channel, in one statement (a full sync of
     * many thousand products is one insert per channel, not one per product), behind live changes
     * ({@link JobPriority#BULK}); a product's pending live job takes the full sync's part.
     *
     * @return how many jobs were queued or absorbed into pending ones
     */
    public int enqueueAllOfClient(String clientId, String channelId, Platform platform, Collection<String> fields,
                                  String triggerEventId, int maxAttempts, long fullSyncId) {
        int queued = jdbc.update("""
                insert into sync_job (product_id, channel_id, client_id, operation, fields, correction, priority,
                    trigger_origin, trigger_event_id, max_attempts, full_sync_id)
                select p.id, ?, p.client_id, ?, ?, false, ?, 'NOLIMITS', ?, ?, ? from product p where p.client_id = ?
                """ + COALESCE_INTO_PENDING,
                ps -> {
                    ps.setString(1, channelId);
                    ps.setString(2, operation(platform));
                    ps.setArray(3, ps.getConnection().createArrayOf("text", fields.stream().sorted().toArray()));
                    ps.setInt(4, JobPriority.BULK);
                    ps.setString(5, triggerEventId);
                    ps.setInt(6, maxAttempts);
                    ps.setLong(7, fullSyncId);
                    ps.setString(8, clientId);
                });
        if (queued > 0) {
            events.publishEvent(new JobQueued(null, channelId, true));
        }
        return queued;
    }
}
