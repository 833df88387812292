package com.nolimits.synchub.store;

import com.nolimits.synchub.cluster.HubInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Claims on the job queue ({@link JobStore}): due jobs leased to this instance, each with a new claim
 * token, the leases renewed while it holds them, and the check an outcome makes that it still does.
 */
@Repository
public class JobClaims {

    private final JdbcTemplate jdbc;
    private final String instanceId;

    public JobClaims(JdbcTemplate jdbc, HubInstance instance) {
        this.jdbc = jdbc;
        this.instanceId = instance.id();
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
}
