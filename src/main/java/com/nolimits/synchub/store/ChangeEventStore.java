package com.nolimits.synchub.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The outbox of change events (table change_event): written with the sync log entry of every write that
 * changes a hub product, taken by routes/change-events.camel.yaml to publish them.
 */
@Repository("changeEvents")
public class ChangeEventStore {

    /** Sync log actions that change a product; ignored fields, echoes and pushes are not news for others. */
    static final Set<String> CHANGE_ACTIONS = Set.of("create", "update", "delete", "resolve", "conflict");

    private final JdbcTemplate jdbc;
    private final JsonColumns json;

    public ChangeEventStore(JdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Called in the writing transaction, with the entries it logs. */
    void record(List<SyncLogStore.Entry> entries) {
        List<SyncLogStore.Entry> changes = entries.stream()
                .filter(e -> e.targetPlatform() == null && CHANGE_ACTIONS.contains(e.action())).toList();
        if (changes.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                insert into change_event (product_id, client_id, action, origin, channel_id, changed_fields, new_values)
                values (?, ?, ?, ?, ?, ?, cast(? as jsonb))""", changes, changes.size(), (ps, e) -> {
            Array fields = ps.getConnection().createArrayOf("text", e.changedFields().toArray());
            ps.setObject(1, e.productId());
            ps.setString(2, e.clientId());
            ps.setString(3, e.action());
            ps.setString(4, e.origin().name());
            ps.setString(5, e.channelId());
            ps.setArray(6, fields);
            ps.setString(7, e.newValues() == null ? null : json.write(e.newValues()));
        });
    }

    /**
     * Removes and returns up to {@code limit} events, oldest first; the caller's transaction decides: a
     * rollback (the publishing failed) puts them back. Rows another instance holds are skipped.
     */
    public List<Map<String, Object>> take(int limit) {
        return jdbc.query("""
                delete from change_event where id in (select id from change_event order by id limit ? for update skip locked)
                returning id, product_id, client_id, action, origin, channel_id, changed_fields, new_values, created_at""",
                (rs, i) -> {
                    Map<String, Object> event = new LinkedHashMap<>();
                    event.put("eventId", rs.getLong("id"));
                    event.put("productId", rs.getString("product_id"));
                    event.put("clientId", rs.getString("client_id"));
                    event.put("action", rs.getString("action"));
                    event.put("origin", rs.getString("origin"));
                    event.put("channelId", rs.getString("channel_id"));
                    event.put("changedFields", Arrays.asList((Object[]) rs.getArray("changed_fields").getArray()));
                    event.put("values", json.readTree(rs.getString("new_values")));
                    event.put("at", rs.getObject("created_at", Timestamp.class).toInstant().toString());
                    return event;
                }, limit).stream().sorted((a, b) -> Long.compare((Long) a.get("eventId"), (Long) b.get("eventId"))).toList();
    }
}
