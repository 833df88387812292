package com.nolimits.synchub.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Full syncs (full_sync) and their progress, counted from the jobs that carry their id. */
@Repository
public class FullSyncStore {

    private final JdbcTemplate jdbc;

    public FullSyncStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long start(String clientId, Collection<String> channelIds) {
        return jdbc.query("insert into full_sync (client_id, channel_ids) values (?, ?) returning id",
                ps -> {
                    ps.setString(1, clientId);
                    ps.setArray(2, ps.getConnection().createArrayOf("text", channelIds.toArray()));
                }, rs -> { rs.next(); return rs.getLong(1); });
    }

    public void setTotal(long id, int total) {
        jdbc.update("update full_sync set total = ? where id = ?", total, id);
    }

    /** total, done (pushed), failed and pending, per channel and overall; empty for an unknown id or client. */
    public Optional<Map<String, Object>> progress(String clientId, long id) {
        List<Map<String, Object>> sync = jdbc.queryForList(
                "select id, client_id, channel_ids, total, created_at from full_sync where id = ? and client_id = ?", id, clientId);
        if (sync.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("clientId", clientId);
        out.put("startedAt", ((java.sql.Timestamp) sync.get(0).get("created_at")).toInstant());
        Map<String, Object> channels = new LinkedHashMap<>();
        long done = 0, failed = 0;
        for (Map<String, Object> row : jdbc.queryForList("""
                select channel_id, count(*) filter (where status in ('completed', 'skipped')) as done,
                       count(*) filter (where status = 'failed') as failed, count(*) as total
                from sync_job where full_sync_id = ? group by channel_id order by channel_id""", id)) {
            done += (Long) row.get("done");
            failed += (Long) row.get("failed");
            channels.put((String) row.get("channel_id"), Map.of("done", row.get("done"), "failed", row.get("failed"),
                    "total", row.get("total")));
        }
        int total = (Integer) sync.get(0).get("total");
        out.put("total", total);
        out.put("done", done);
        out.put("failed", failed);
        out.put("pending", Math.max(0, total - done - failed));
        out.put("finished", done + failed >= total);
        out.put("channels", channels);
        return Optional.of(out);
    }
}
