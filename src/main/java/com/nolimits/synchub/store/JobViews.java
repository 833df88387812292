package com.nolimits.synchub.store;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the management API shows of the job queue (api/QueueController, api/ProductSyncController). */
@Repository
public class JobViews {

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
                          @Schema(description = "create, update or delete", example = "update") String operation,
                          @Schema(description = "the product fields it pushes", example = "[\"price\"]") List<Object> fields,
                          @Schema(description = "a push that sets a shop's stock back to the hub's") boolean correction,
                          @Schema(description = "lower goes first", example = "0") int priority,
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
}
