package com.nolimits.synchub.store;

import com.nolimits.synchub.cluster.HubInstance;
import com.nolimits.synchub.merge.Platform;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The job queue, the transactional outbox of pushes (docs/architecture.md, "The queue"): jobs queued,
 * claimed and ended. {@link JobRecovery} queues failed ones again; {@link JobViews} shows them to the API.
 */
@Repository
public class JobStore {

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;
    private final String instanceId;
    /** A savepoint inside the caller's transaction (a job's outcome), so a refused statement can be followed by others. */
    private final TransactionTemplate savepoint;

    public JobStore(JdbcTemplate jdbc, ApplicationEventPublisher events, HubInstance instance,
                    PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.events = events;
        this.instanceId = instance.id();
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    private static final RowMapper<Job> JOB = (rs, i) -> new Job(rs.getLong("id"), rs.getObject("product_id", UUID.class),
            rs.getString("channel_id"), rs.getString("client_id"), rs.getString("operation"),
            Arrays.asList((String[]) rs.getArray("fields").getArray()), rs.getBoolean("correction"), rs.getInt("attempts"),
            rs.getInt("max_attempts"), rs.getString("trigger_origin"), rs.getObject("claim_token", UUID.class));

    /** Due jobs: pending, or processing past a crashed instance's lease; never a needs-connect channel's (they wait). */
    private static final String DUE = """
            ((j.status = 'pending' and j.scheduled_for <= now())
             or (j.status = 'processing' and j.locked_until < now()))
            and not exists (select 1 from channel ch where ch.id = j.channel_id and ch.connection = 'needs-connect')
            and not exists (select 1 from sync_job o where o.product_id = j.product_id
                            and o.channel_id = j.channel_id and o.id <> j.id
                            and o.status = 'processing' and o.locked_until >= now())
            """;

    /** Leases the jobs the inner select picks (which must lock them with skip locked), each with a new claim token. */
    private List<Job> lease(String select, int leaseSeconds, Object... selectArgs) {
        return jdbc.query("""
                update sync_job set status = 'processing', attempts = attempts + 1, updated_at = now(),
                    locked_until = now() + make_interval(secs => ?), claim_token = gen_random_uuid(), claimed_by = ?
                where id in (%s)
                returning id, product_id, channel_id, client_id, operation, fields, correction, attempts,
                    max_attempts, trigger_origin, claim_token""".formatted(select), JOB,
                Stream.concat(Stream.of(leaseSeconds, instanceId), Arrays.stream(selectArgs)).toArray());
    }

    /**
     * Locks the job for its outcome if this claim still holds it (the job is processing and carries the
     * claim's token); false when its lease ran out and another claim took it. Called in the outcome's
     * transaction: while it runs, no other instance can take the job.
     */
    public boolean lockIfHeld(Job job) {
        return !jdbc.queryForList("select id from sync_job where id = ? and claim_token = ? and status = 'processing' for update",
                Long.class, job.id(), job.claimToken()).isEmpty();
    }

    /**
     * Extends the leases of the given claims by {@code leaseSeconds} from now (a push starts, or a slow one
     * still runs).
     *
     * @return the ids of the jobs still held; the others were taken over or ended
     */
    public List<Long> renewLeases(Collection<Job> held, int leaseSeconds) {
        if (held.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList("""
                update sync_job j set locked_until = now() + make_interval(secs => ?)
                from unnest(?::bigint[], ?::uuid[]) as h(id, token)
                where j.id = h.id and j.claim_token = h.token and j.status = 'processing'
                returning j.id""", Long.class, leaseSeconds,
                held.stream().map(Job::id).toArray(Long[]::new), held.stream().map(j -> j.claimToken().toString()).toArray(String[]::new));
    }

    /**
     * Leases up to {@code limit} due jobs of the given operations, highest priority first, skipping rows
     * other instances hold and any product and channel that already has a job running. Full-sync jobs
     * of {@code batchedOperations} are left to {@link #claimFullSyncBatch}. A channel in {@code callsAffordable}
     * (its API budget, from the rate limiter) gets at most that many jobs, none at 0, so a channel that
     * has to wait for its budget never holds back the others' jobs.
     */
    public List<Job> claim(int limit, int leaseSeconds, Collection<String> operations, Collection<String> batchedOperations,
                           Map<String, Integer> callsAffordable) {
        return lease("""
                select c.id from sync_job c
                where c.id in (select r.id from (
                                   select j.id, j.channel_id, row_number() over (partition by j.channel_id
                                          order by j.priority desc, j.scheduled_for, j.id) as n
                                   from sync_job j
                                   where %s and j.operation = any (?)
                                     and not (j.full_sync_id is not null and j.operation = any (?))) r
                               left join unnest(?::text[], ?::int[]) as budget(channel_id, calls)
                                      on budget.channel_id = r.channel_id
                               where r.n <= coalesce(budget.calls, ?))
                order by c.priority desc, c.scheduled_for, c.id
                limit ? for update skip locked""".formatted(DUE), leaseSeconds,
                operations.toArray(String[]::new), batchedOperations.toArray(String[]::new),
                callsAffordable.keySet().toArray(String[]::new), callsAffordable.values().toArray(Integer[]::new), limit, limit);
    }

    /**
     * Leases up to {@code limit} due full-sync jobs of one operation, all of one channel (the one whose
     * job has waited longest), for a platform's batch endpoint.
     */
    public List<Job> claimFullSyncBatch(int limit, int leaseSeconds, String operation) {
        return lease("""
                select j.id from sync_job j
                where %s and j.operation = ? and j.full_sync_id is not null
                  and j.channel_id = (select d.channel_id from sync_job d where d.operation = ?
                                      and d.full_sync_id is not null and d.status in ('pending', 'processing')
                                      and ((d.status = 'pending' and d.scheduled_for <= now()) or d.locked_until < now())
                                      order by d.scheduled_for, d.id limit 1)
                order by j.priority desc, j.scheduled_for, j.id
                limit ? for update skip locked""".formatted(DUE), leaseSeconds, operation, operation, limit);
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
     * many thousand products is one insert per channel, not one per product).
     *
     * @return how many jobs were queued or absorbed into pending ones
     */
    public int enqueueAllOfClient(String clientId, String channelId, Platform platform, Collection<String> fields,
                                  String triggerEventId, int maxAttempts, long fullSyncId) {
        int queued = jdbc.update("""
                insert into sync_job (product_id, channel_id, client_id, operation, fields, correction, priority,
                    trigger_origin, trigger_event_id, max_attempts, full_sync_id)
                select p.id, ?, p.client_id, ?, ?, false, 0, 'NOLIMITS', ?, ?, ? from product p where p.client_id = ?
                """ + COALESCE_INTO_PENDING,
                ps -> {
                    ps.setString(1, channelId);
                    ps.setString(2, operation(platform));
                    ps.setArray(3, ps.getConnection().createArrayOf("text", fields.stream().sorted().toArray()));
                    ps.setString(4, triggerEventId);
                    ps.setInt(5, maxAttempts);
                    ps.setLong(6, fullSyncId);
                    ps.setString(7, clientId);
                });
        if (queued > 0) {
            events.publishEvent(new JobQueued(null, channelId, true));
        }
        return queued;
    }
}
