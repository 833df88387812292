package com.nolimits.synchub.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
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
