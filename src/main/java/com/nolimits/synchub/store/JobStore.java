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

/** The job queue (the seed's ProductSyncQueue): the transactional outbox of pushes. */
@Repository
public class JobStore {

    private final JdbcTemplate jdbc;

    public JobStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static String operation(Platform platform) {
        return "push_to_" + platform.name().toLowerCase();
    }

    /**
     * Queues a push. A push always sends the product's current state, so a job still pending for the
     * same product and channel absorbs this one (its fields are unioned, the higher priority kept).
     */
    public void enqueue(UUID productId, String channelId, String clientId, Platform platform,
                        Collection<String> fields, boolean correction, int priority,
                        Origin trigger, String triggerEventId, int maxAttempts) {
        jdbc.update("""
                insert into sync_job (product_id, channel_id, client_id, operation, fields, correction, priority,
                    trigger_origin, trigger_event_id, max_attempts)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (product_id, channel_id) where status = 'pending' do update set
                    fields = array(select distinct f from unnest(sync_job.fields || excluded.fields) f order by f),
                    correction = sync_job.correction or excluded.correction,
                    priority = greatest(sync_job.priority, excluded.priority),
                    trigger_origin = excluded.trigger_origin,
                    trigger_event_id = excluded.trigger_event_id,
                    updated_at = now()""",
                ps -> {
                    ps.setObject(1, productId);
                    ps.setString(2, channelId);
                    ps.setString(3, clientId);
                    ps.setString(4, operation(platform));
                    ps.setArray(5, ps.getConnection().createArrayOf("text", fields.stream().sorted().toArray()));
                    ps.setBoolean(6, correction);
                    ps.setInt(7, priority);
                    ps.setString(8, trigger.name());
                    ps.setString(9, triggerEventId);
                    ps.setInt(10, maxAttempts);
                });
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
