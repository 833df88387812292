package com.nolimits.synchub.store;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the management API shows of the job queue (api/QueueController, api/FailedJobsController, api/ProductSyncController). */
@Repository
public class JobViews {

    /**
     * A failed job {@code j} waiting for a person: the newest failed job of its product and channel, and no
     * job of them pending (that one would send the current state anyway).
     */
    static final String REQUEUEABLE = """
            not exists (select 1 from sync_job p where p.product_id = j.product_id
                        and p.channel_id = j.channel_id and p.status = 'pending')
            and j.id = (select max(f.id) from sync_job f where f.product_id = j.product_id
                        and f.channel_id = j.channel_id and f.status = 'failed')""";

    private final JdbcTemplate jdbc;

    public JobViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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

    /** A push of a product to one channel, as GET product/{id}/queue-status shows it. */
    @Schema(description = "A push of the product to one channel")
    public record JobView(@Schema(example = "4711") long id,
                          @Schema(description = "where it goes", example = "demo-shopify") String channelId,
                          @Schema(description = "push_to_shopify, push_to_woocommerce or push_to_jtl", example = "push_to_woocommerce") String operation,
                          @Schema(description = "the product fields it pushes", example = "[\"price\"]") List<Object> fields,
                          @Schema(description = "a push that sets a shop's stock back to the hub's") boolean correction,
                          @Schema(description = "higher goes first: -10 full sync and recovery, 0 live changes, up to 100 (sync now)", example = "0") int priority,
                          @Schema(description = "the origin of the change it pushes", example = "SHOPIFY") String triggerOrigin,
                          @Schema(description = "pending, processing, completed, failed or skipped", example = "completed") String status,
                          @Schema(example = "1") int attempts,
                          @Schema(description = "then it is failed", example = "3") int maxAttempts,
                          @Schema(description = "not before then") Instant scheduledFor,
                          @Schema(description = "the platform's words when it failed") String lastError,
                          Instant createdAt,
                          Instant completedAt) {
    }

    /** A product's jobs: counts by status, the newest first. */
    @Schema(description = "A product's jobs: how many in each status, and the newest")
    public record QueueStatus(long pending, long processing, long completed, long failed, long skipped, List<JobView> jobs) {
    }

    /** Job counts by status and the newest jobs of a product. */
    public QueueStatus status(UUID productId, int limit) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("select status, count(*) from sync_job where product_id = ? group by status",
                rs -> { counts.put(rs.getString(1), rs.getLong(2)); }, productId);
        List<JobView> jobs = jdbc.query("""
                select id, channel_id, operation, fields, correction, priority, trigger_origin, status, attempts,
                       max_attempts, scheduled_for, last_error, created_at, completed_at
                from sync_job where product_id = ? order by id desc limit ?""", (rs, i) -> {
            Timestamp done = rs.getTimestamp("completed_at");
            return new JobView(rs.getLong("id"), rs.getString("channel_id"), rs.getString("operation"),
                    Arrays.asList((Object[]) rs.getArray("fields").getArray()), rs.getBoolean("correction"), rs.getInt("priority"),
                    rs.getString("trigger_origin"), rs.getString("status"), rs.getInt("attempts"), rs.getInt("max_attempts"),
                    rs.getTimestamp("scheduled_for").toInstant(), rs.getString("last_error"),
                    rs.getTimestamp("created_at").toInstant(), done == null ? null : done.toInstant());
        }, productId, limit);
        return new QueueStatus(counts.getOrDefault("pending", 0L), counts.getOrDefault("processing", 0L),
                counts.getOrDefault("completed", 0L), counts.getOrDefault("failed", 0L), counts.getOrDefault("skipped", 0L), jobs);
    }

    /** The client a job belongs to, if it exists. */
    public java.util.Optional<String> clientOf(long jobId) {
        return jdbc.queryForList("select client_id from sync_job where id = ?", String.class, jobId).stream().findFirst();
    }

    /** A failed job as the failed-work view lists it. */
    @Schema(description = "A failed push waiting for a person")
    public record FailedJob(@Schema(example = "4711") long id, UUID productId,
                            @Schema(example = "HOODIE-M") String sku, @Schema(example = "Hoodie") String name,
                            @Schema(description = "push_to_shopify, push_to_woocommerce or push_to_jtl", example = "push_to_woocommerce") String operation,
                            @Schema(example = "3") int attempts,
                            @Schema(description = "when its last attempt failed") Instant failedAt) {
    }

    /** Failed jobs of one channel that failed with the same words. */
    @Schema(description = "Failed jobs of one channel with the same last error, newest first")
    public record FailedGroup(@Schema(example = "demo-woo") String channelId,
                              @Schema(description = "the platform's words", example = "WooCommerce answered 503") String error,
                              @Schema(description = "jobs in the group", example = "12") long count,
                              @Schema(description = "the newest of them (at most 20)") List<FailedJob> jobs) {
    }

    /** One channel's share of the queue. */
    @Schema(description = "A channel's pending and running jobs")
    public record ChannelQueue(@Schema(example = "demo-woo") String channelId, @Schema(example = "3") long pending,
                               @Schema(example = "1") long processing,
                               @Schema(description = "how long the oldest due job has waited (0: none waits)", example = "2")
                               long oldestDueSeconds) {
    }

    /** A client's failed work: its requeueable failed jobs grouped by channel and error, and its queue per channel. */
    @Schema(description = "A client's failed jobs by channel and error, and its queue per channel")
    public record FailedWork(@Schema(example = "demo") String clientId, @Schema(description = "failed jobs in all", example = "12")
                             long failedJobs, List<FailedGroup> groups, List<ChannelQueue> queue) {
    }

    /** The client's failed work; each group lists its newest {@code perGroup} jobs. */
    public FailedWork failedWork(String clientId, int perGroup) {
        Map<List<String>, FailedGroup> groups = new LinkedHashMap<>();
        jdbc.query("""
                with failed as (
                    select j.id, j.product_id, j.channel_id, j.operation, j.attempts, coalesce(j.last_error, '') as error,
                           coalesce(j.completed_at, j.updated_at) as failed_at,
                           count(*) over (partition by j.channel_id, coalesce(j.last_error, '')) as in_group,
                           row_number() over (partition by j.channel_id, coalesce(j.last_error, '') order by j.id desc) as nth
                    from sync_job j where j.client_id = ? and j.status = 'failed' and\s""" + REQUEUEABLE + """
                )
                select f.*, p.sku, p.name from failed f join product p on p.id = f.product_id
                where f.nth <= ? order by f.channel_id, f.in_group desc, f.error, f.id desc""", rs -> {
            long inGroup = rs.getLong("in_group"); // the same on every row of the group
            FailedGroup group = groups.computeIfAbsent(List.of(rs.getString("channel_id"), rs.getString("error")),
                    key -> new FailedGroup(key.get(0), key.get(1), inGroup, new ArrayList<>()));
            group.jobs().add(new FailedJob(rs.getLong("id"), rs.getObject("product_id", UUID.class), rs.getString("sku"),
                    rs.getString("name"), rs.getString("operation"), rs.getInt("attempts"),
                    rs.getTimestamp("failed_at").toInstant()));
        }, clientId, perGroup);
        List<ChannelQueue> queue = jdbc.query("""
                select channel_id, count(*) filter (where status = 'pending') as pending,
                       count(*) filter (where status = 'processing') as processing,
                       coalesce(extract(epoch from now() - min(scheduled_for)
                                filter (where status = 'pending' and scheduled_for <= now())), 0)::bigint as oldest_due
                from sync_job where client_id = ? and status in ('pending', 'processing')
                group by channel_id order by channel_id""", (rs, i) -> new ChannelQueue(rs.getString("channel_id"),
                rs.getLong("pending"), rs.getLong("processing"), rs.getLong("oldest_due")), clientId);
        long failed = groups.values().stream().mapToLong(FailedGroup::count).sum();
        return new FailedWork(clientId, failed, List.copyOf(groups.values()), queue);
    }
}
