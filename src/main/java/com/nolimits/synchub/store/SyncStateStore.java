package com.nolimits.synchub.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How the hub is doing, read from its tables: the queue, open conflicts, each channel's last activity. */
@Repository
public class SyncStateStore {

    private final JdbcTemplate jdbc;

    public SyncStateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static final List<String> JOB_STATES = List.of("pending", "processing", "completed", "failed", "skipped");

    /** Jobs by state (every state present, 0 when none). */
    public Map<String, Long> jobCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String state : JOB_STATES) {
            counts.put(state, 0L);
        }
        jdbc.query("select status, count(*) from sync_job group by status", rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    /** How long the oldest due job has waited, in seconds (0 with none). */
    public long oldestDueJobSeconds() {
        Long seconds = jdbc.queryForObject("""
                select coalesce(extract(epoch from now() - min(scheduled_for))::bigint, 0) from sync_job
                where status = 'pending' and scheduled_for <= now()""", Long.class);
        return seconds == null ? 0 : Math.max(0, seconds);
    }

    /** Stored webhooks not merged yet (pending or being merged). */
    public long webhooksWaiting() {
        Long count = jdbc.queryForObject("select count(*) from webhook_inbox where status in ('pending', 'processing')",
                Long.class);
        return count == null ? 0 : count;
    }

    /**
     * The jobs being pushed, by the instance that holds them (sync.instance-id), and how many of each
     * instance's leases ran out unrenewed (that instance stopped or is paused: its jobs are taken over).
     */
    public record HeldJobs(Map<String, Long> byInstance, Map<String, Long> leasesRunOut) {
    }

    public HeldJobs heldJobs() {
        Map<String, Long> byInstance = new java.util.TreeMap<>();
        Map<String, Long> runOut = new java.util.TreeMap<>();
        jdbc.query("""
                select coalesce(claimed_by, 'unknown') as instance, count(*) as held,
                       count(*) filter (where locked_until < now()) as run_out
                from sync_job where status = 'processing' group by 1""", rs -> {
            byInstance.put(rs.getString("instance"), rs.getLong("held"));
            if (rs.getLong("run_out") > 0) {
                runOut.put(rs.getString("instance"), rs.getLong("run_out"));
            }
        });
        return new HeldJobs(byInstance, runOut);
    }

    public long openConflicts() {
        Long count = jdbc.queryForObject("select count(*) from sync_conflict where status = 'OPEN'", Long.class);
        return count == null ? 0 : count;
    }

    /** One channel's activity. Times are null when it never happened (or was cleaned up). */
    public record ChannelState(String channelId, Instant lastSuccessfulPush, Instant lastFailedPush,
                               Instant lastWebhook, long consecutiveFailures) {
    }

    public List<ChannelState> channelStates() {
        return jdbc.query("""
                select c.id, ok.id as ok_id, ok.created_at as ok_at,
                       (select created_at from sync_log l where l.channel_id = c.id and l.action = 'push' and not l.success
                        order by l.id desc limit 1) as bad_at,
                       (select received_at from webhook_inbox w where w.channel_id = c.id order by w.id desc limit 1) as webhook_at,
                       (select count(*) from sync_log l where l.channel_id = c.id and l.action = 'push' and not l.success
                        and l.id > coalesce(ok.id, 0)) as failures
                from channel c
                left join lateral (select id, created_at from sync_log l where l.channel_id = c.id and l.action = 'push'
                                   and l.success order by l.id desc limit 1) ok on true
                where c.enabled order by c.id""", (rs, i) -> new ChannelState(rs.getString("id"),
                instant(rs.getTimestamp("ok_at")), instant(rs.getTimestamp("bad_at")), instant(rs.getTimestamp("webhook_at")),
                rs.getLong("failures")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
