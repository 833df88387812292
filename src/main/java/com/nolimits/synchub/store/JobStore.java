package com.nolimits.synchub.store;

import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.Platform;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The job queue: the transactional outbox of pushes (docs/architecture.md, "The queue"). */
@Repository
public class JobStore {

    private final JdbcTemplate jdbc;
    private final org.springframework.context.ApplicationEventPublisher events;

    public JobStore(JdbcTemplate jdbc, org.springframework.context.ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * Published when jobs are queued (productId null: many); the dispatcher is woken once the transaction
     * commits, and the batch routes too when full-sync jobs may be among them.
     */
    public record JobQueued(UUID productId, String channelId, boolean fullSync) {
    }

    /** A claimed job. */
    public record Job(long id, UUID productId, String channelId, String clientId, String operation,
                      List<String> fields, boolean correction, int attempts, int maxAttempts, String triggerOrigin) {
    }

    private static final org.springframework.jdbc.core.RowMapper<Job> JOB = (rs, i) -> new Job(rs.getLong("id"),
            rs.getObject("product_id", UUID.class), rs.getString("channel_id"), rs.getString("client_id"),
            rs.getString("operation"), Arrays.asList((String[]) rs.getArray("fields").getArray()),
            rs.getBoolean("correction"), rs.getInt("attempts"), rs.getInt("max_attempts"),
            rs.getString("trigger_origin"));

    /**
     * Due jobs: pending, or processing with an expired lease from a crashed instance; never those of a
     * channel that needs to be connected again (they wait for it).
     */
    private static final String DUE = """
            ((j.status = 'pending' and j.scheduled_for <= now())
             or (j.status = 'processing' and j.locked_until < now()))
            and not exists (select 1 from channel ch where ch.id = j.channel_id and ch.connection = 'needs-connect')
            and not exists (select 1 from sync_job o where o.product_id = j.product_id
                            and o.channel_id = j.channel_id and o.id <> j.id
                            and o.status = 'processing' and o.locked_until >= now())
            """;

    /** Leases the jobs the inner select picks (which must lock them with skip locked). */
    private List<Job> lease(String select, int leaseSeconds, Object... selectArgs) {
        return jdbc.query("""
                update sync_job set status = 'processing', attempts = attempts + 1, updated_at = now(),
                    locked_until = now() + make_interval(secs => ?)
                where id in (%s)
                returning id, product_id, channel_id, client_id, operation, fields, correction, attempts,
                    max_attempts, trigger_origin""".formatted(select), JOB,
                java.util.stream.Stream.concat(java.util.stream.Stream.of(leaseSeconds), Arrays.stream(selectArgs)).toArray());
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
     * {@code maxRecoveries} times, {@link #requeueRecoverable} queues it again from then on.
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
     * Queues again, with fresh attempts, the failed jobs whose recovery time has come. A push sends only
     * the fields its job names where stock is concerned (stock goes out only when it changed), so a
     * failed job is dropped only when a later completed job of the same product and channel covered all
     * its fields; otherwise its fields go into the pending job of that product and channel, or it is
     * queued again itself (the newest of them, with the fields of all). Rows another instance holds are
     * skipped.
     *
     * @return the jobs queued again
     */
    public int requeueRecoverable() {
        jdbc.update("""
                update sync_job j set recover_at = null
                where j.status = 'failed' and j.recover_at <= now()
                  and exists (select 1 from sync_job n where n.product_id = j.product_id and n.channel_id = j.channel_id
                              and n.id > j.id and n.status = 'completed' and n.fields @> j.fields)""");
        List<Map<String, Object>> requeued;
        try {
            requeued = jdbc.queryForList("""
                with due as (select id, product_id, channel_id, fields, recoveries from sync_job
                             where status = 'failed' and recover_at <= now() for update skip locked),
                pairs as (select product_id, channel_id, max(id) as newest, max(recoveries) as recoveries,
                                 array(select distinct f from due d2, unnest(d2.fields) f
                                       where d2.product_id = due.product_id and d2.channel_id = due.channel_id
                                       order by f) as fields
                          from due group by product_id, channel_id),
                folded as (update sync_job p set fields = array(select distinct f from unnest(p.fields || pairs.fields) f order by f),
                               recoveries = greatest(p.recoveries, pairs.recoveries + 1), updated_at = now()
                           from pairs where p.status = 'pending' and p.product_id = pairs.product_id
                             and p.channel_id = pairs.channel_id
                           returning p.product_id, p.channel_id),
                requeued as (update sync_job j set status = 'pending', attempts = 0, scheduled_for = now(),
                                 locked_until = null, completed_at = null, recover_at = null, fields = pairs.fields,
                                 recoveries = pairs.recoveries + 1, updated_at = now(),
                                 last_error = 'queued again after: ' || coalesce(j.last_error, 'failure')
                             from pairs where j.id = pairs.newest and not exists (select 1 from sync_job p
                                 where p.status = 'pending' and p.product_id = pairs.product_id
                                   and p.channel_id = pairs.channel_id)
                             returning j.product_id, j.channel_id, j.full_sync_id),
                settled as (update sync_job j set recover_at = null from due
                            where j.id = due.id and j.id not in (select newest from pairs p
                                where not exists (select 1 from folded f where f.product_id = p.product_id
                                                  and f.channel_id = p.channel_id)))
                select * from requeued""");
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return 0; // a job of the same product and channel was queued meanwhile: the next round takes these
        }
        requeued.forEach(this::publishQueued);
        return requeued.size();
    }

    private void publishQueued(Map<String, Object> row) {
        events.publishEvent(new JobQueued((UUID) row.get("product_id"), (String) row.get("channel_id"),
                row.get("full_sync_id") != null));
    }

    /**
     * Puts the job back for another attempt at {@code when}. If a newer pending job for the same
     * product and channel appeared meanwhile, that one already sends the current state: this one is
     * folded into it, and it takes over this job's backoff and attempts, so an edit made while a push
     * was failing neither calls the failing platform early nor resets the number of attempts.
     */
    public void retryAt(long jobId, java.time.Instant when, String error) {
        try {
            jdbc.update("""
                    update sync_job set status = 'pending', locked_until = null, last_error = ?, scheduled_for = ?,
                        updated_at = now() where id = ?""", error, java.sql.Timestamp.from(when), jobId);
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

    /**
     * A push to queue, built by name: {@code NewJob.of(product, channel, client, platform).fields(...)
     * .triggeredBy(origin, eventId).attempts(max)}, with {@code correction()} and {@code priority(p)} where
     * they apply. Fields default to none, the trigger to NOLIMITS; attempts must be set.
     */
    public record NewJob(UUID productId, String channelId, String clientId, Platform platform, Collection<String> fields,
                         boolean correction, int priority, Origin trigger, String triggerEventId, int maxAttempts, Long fullSyncId) {

        public static NewJob of(UUID productId, String channelId, String clientId, Platform platform) {
            return new NewJob(productId, channelId, clientId, platform, List.of(), false, 0, Origin.NOLIMITS, null, 0, null);
        }

        public NewJob fields(Collection<String> names) {
            return new NewJob(productId, channelId, clientId, platform, names, correction, priority, trigger, triggerEventId, maxAttempts, fullSyncId);
        }

        /** A stock correction (a shop reported more than the hub has): pushes stock only down. */
        public NewJob correction(boolean isCorrection) {
            return new NewJob(productId, channelId, clientId, platform, fields, isCorrection, priority, trigger, triggerEventId, maxAttempts, fullSyncId);
        }

        public NewJob priority(int value) {
            return new NewJob(productId, channelId, clientId, platform, fields, correction, value, trigger, triggerEventId, maxAttempts, fullSyncId);
        }

        public NewJob triggeredBy(Origin origin, String eventId) {
            return new NewJob(productId, channelId, clientId, platform, fields, correction, priority, origin, eventId, maxAttempts, fullSyncId);
        }

        public NewJob attempts(int max) {
            return new NewJob(productId, channelId, clientId, platform, fields, correction, priority, trigger, triggerEventId, max, fullSyncId);
        }
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

    /** Current state of some jobs: id -> {channelId, status, attempts, lastError}. */
    public Map<Long, Map<String, Object>> states(Collection<Long> jobIds) {
        Map<Long, Map<String, Object>> out = new LinkedHashMap<>();
        jdbc.query("select id, channel_id, status, attempts, last_error from sync_job where id = any (?) order by id",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", jobIds.toArray())), rs -> {
                    Map<String, Object> state = new LinkedHashMap<>();
                    state.put("jobId", rs.getLong("id"));
                    state.put("channelId", rs.getString("channel_id"));
                    state.put("status", rs.getString("status"));
                    state.put("attempts", rs.getInt("attempts"));
                    state.put("lastError", rs.getString("last_error"));
                    out.put(rs.getLong("id"), state);
                });
        return out;
    }

    /**
     * Queues failed jobs again with fresh attempts (of one product, or of a whole client when
     * productId is null). A failed job whose product and channel already have a pending job is left:
     * the pending one sends the current state anyway.
     *
     * @return the jobs queued again
     */
    public int requeueFailed(String clientId, UUID productId) {
        List<Map<String, Object>> requeued = jdbc.queryForList("""
                update sync_job j set status = 'pending', attempts = 0, scheduled_for = now(), locked_until = null,
                    completed_at = null, updated_at = now(),
                    last_error = 'queued again after: ' || coalesce(j.last_error, 'failure')
                where j.status = 'failed' and j.client_id = ? and (cast(? as uuid) is null or j.product_id = cast(? as uuid))
                  and not exists (select 1 from sync_job p where p.product_id = j.product_id
                                  and p.channel_id = j.channel_id and p.status = 'pending')
                  and j.id = (select max(f.id) from sync_job f where f.product_id = j.product_id
                              and f.channel_id = j.channel_id and f.status = 'failed')
                returning j.product_id, j.channel_id, j.full_sync_id""", clientId, productId, productId);
        requeued.forEach(this::publishQueued);
        return requeued.size();
    }

    /** Job counts by status and the newest jobs of a product. */
    public Map<String, Object> status(UUID productId, int limit) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String status : List.of("pending", "processing", "completed", "failed", "skipped")) {
            out.put(status, 0L);
        }
        jdbc.query("select status, count(*) from sync_job where product_id = ? group by status",
                rs -> { out.put(rs.getString(1), rs.getLong(2)); }, productId);
        out.put("jobs", jdbc.query("""
                select id, channel_id, operation, fields, correction, priority, trigger_origin, status, attempts,
                       max_attempts, scheduled_for, last_error, created_at, completed_at
                from sync_job where product_id = ? order by id desc limit ?""", (rs, i) -> {
            Map<String, Object> job = new LinkedHashMap<>();
            job.put("id", rs.getLong("id"));
            job.put("channelId", rs.getString("channel_id"));
            job.put("operation", rs.getString("operation"));
            job.put("fields", Arrays.asList((Object[]) rs.getArray("fields").getArray()));
            job.put("correction", rs.getBoolean("correction"));
            job.put("priority", rs.getInt("priority"));
            job.put("triggerOrigin", rs.getString("trigger_origin"));
            job.put("status", rs.getString("status"));
            job.put("attempts", rs.getInt("attempts"));
            job.put("maxAttempts", rs.getInt("max_attempts"));
            job.put("scheduledFor", rs.getTimestamp("scheduled_for").toInstant());
            job.put("lastError", rs.getString("last_error"));
            job.put("createdAt", rs.getTimestamp("created_at").toInstant());
            Timestamp done = rs.getTimestamp("completed_at");
            job.put("completedAt", done == null ? null : done.toInstant());
            return job;
        }, productId, limit));
        return out;
    }
}
