package com.nolimits.synchub.store;

import com.nolimits.synchub.merge.Origin;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The audit trail: every applied, ignored and pushed change of a product. */
@Repository
public class SyncLogStore {

    private final JdbcTemplate jdbc;
    private final JsonColumns json;
    private final ChangeEventStore changeEvents;

    public SyncLogStore(JdbcTemplate jdbc, JsonColumns json, ChangeEventStore changeEvents) {
        this.jdbc = jdbc;
        this.json = json;
        this.changeEvents = changeEvents;
    }

    /**
     * @param targetPlatform shopify, woocommerce or jtl for pushes; null for writes to the hub itself
     */
    /**
     * One line of a product's log, built by name: {@code Entry.of(product, client, "push", origin).to("shopify",
     * channel).fields(...).after(...).note(...)}. The message column holds the note of a success and the
     * error of a failure.
     */
    public record Entry(UUID productId, String clientId, String action, Origin origin, String targetPlatform,
                        String channelId, List<String> changedFields, Map<String, Object> oldValues,
                        Map<String, Object> newValues, boolean success, String errorMessage) {

        /** A successful action on a product, without a channel, fields, values or message yet. */
        public static Entry of(UUID productId, String clientId, String action, Origin origin) {
            return new Entry(productId, clientId, action, origin, null, null, List.of(), null, null, true, null);
        }

        /** A push: the platform it went to and its channel. */
        public Entry to(String platform, String channel) {
            return new Entry(productId, clientId, action, origin, platform, channel, changedFields, oldValues, newValues, success, errorMessage);
        }

        /** The channel the change came from. */
        public Entry from(String channel) {
            return new Entry(productId, clientId, action, origin, targetPlatform, channel, changedFields, oldValues, newValues, success, errorMessage);
        }

        public Entry fields(List<String> fields) {
            return new Entry(productId, clientId, action, origin, targetPlatform, channelId, fields, oldValues, newValues, success, errorMessage);
        }

        public Entry before(Map<String, Object> values) {
            return new Entry(productId, clientId, action, origin, targetPlatform, channelId, changedFields, values, newValues, success, errorMessage);
        }

        public Entry after(Map<String, Object> values) {
            return new Entry(productId, clientId, action, origin, targetPlatform, channelId, changedFields, oldValues, values, success, errorMessage);
        }

        /** What happened, in words; the entry stays a success. */
        public Entry note(String message) {
            return new Entry(productId, clientId, action, origin, targetPlatform, channelId, changedFields, oldValues, newValues, success, message);
        }

        /** The action failed, and why. */
        public Entry failed(String error) {
            return new Entry(productId, clientId, action, origin, targetPlatform, channelId, changedFields, oldValues, newValues, false, error);
        }
    }

    public void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                insert into sync_log (product_id, client_id, action, origin, target_platform, channel_id,
                    changed_fields, old_values, new_values, success, error_message)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?)""", entries, entries.size(),
                (ps, e) -> {
                    Array fields = ps.getConnection().createArrayOf("text", e.changedFields().toArray());
                    ps.setObject(1, e.productId());
                    ps.setString(2, e.clientId());
                    ps.setString(3, e.action());
                    ps.setString(4, e.origin().name());
                    ps.setString(5, e.targetPlatform());
                    ps.setString(6, e.channelId());
                    ps.setArray(7, fields);
                    ps.setString(8, e.oldValues() == null ? null : json.write(e.oldValues()));
                    ps.setString(9, e.newValues() == null ? null : json.write(e.newValues()));
                    ps.setBoolean(10, e.success());
                    ps.setString(11, e.errorMessage());
                });
        changeEvents.record(entries); // same transaction: the outbox of routes/change-events.camel.yaml
    }

    public long count(UUID productId) {
        Long n = jdbc.queryForObject("select count(*) from sync_log where product_id = ?", Long.class, productId);
        return n == null ? 0 : n;
    }

    /** One line of a product's sync log, as GET product/{id}/logs shows it. */
    @Schema(description = "One line of a product's sync log: what happened to which fields, from where, to where")
    public record LogEntry(@Schema(example = "981") long id,
                           @Schema(description = "create, update, push, echo, ignore, conflict, resolve, delete...", example = "push")
                           String action,
                           @Schema(description = "who made the change: SHOPIFY, WOOCOMMERCE, NOLIMITS, JTL or SYSTEM", example = "SHOPIFY")
                           String origin,
                           @Schema(description = "where it went, for a push", example = "WOOCOMMERCE") String targetPlatform,
                           @Schema(example = "demo-woo") String channelId,
                           @Schema(example = "[\"price\"]") List<Object> changedFields,
                           @Schema(description = "the fields' values before") Object oldValues,
                           @Schema(description = "the fields' values after") Object newValues,
                           boolean success,
                           @Schema(description = "why it failed, or what was not taken") String errorMessage,
                           Instant createdAt) {
    }

    /** A page of a product's sync log, newest first (GET product/{id}/logs). */
    @Schema(description = "A page of a product's sync log, newest first")
    public record LogPage(@Schema(description = "lines in all", example = "42") long total,
                          @Schema(example = "20") int limit, @Schema(example = "0") int offset, List<LogEntry> logs) {
    }

    /** Newest first. */
    public List<LogEntry> page(UUID productId, int limit, int offset) {
        return jdbc.query("""
                select id, action, origin, target_platform, channel_id, changed_fields, old_values, new_values,
                       success, error_message, created_at
                from sync_log where product_id = ? order by id desc limit ? offset ?""", (rs, i) -> {
            return new LogEntry(rs.getLong("id"), rs.getString("action"), rs.getString("origin"), rs.getString("target_platform"),
                    rs.getString("channel_id"), Arrays.asList((Object[]) rs.getArray("changed_fields").getArray()),
                    json.readTree(rs.getString("old_values")), json.readTree(rs.getString("new_values")),
                    rs.getBoolean("success"), rs.getString("error_message"), rs.getObject("created_at", Timestamp.class).toInstant());
        }, productId, limit, offset);
    }
}
