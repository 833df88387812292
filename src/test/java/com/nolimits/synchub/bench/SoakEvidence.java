package com.nolimits.synchub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.List;

/**
 * What the hub recorded about a product the soak found wrong, written next to the report before the
 * schema is rebuilt by the next run: the soak's own edits, the hub's sync log, pushes, conflicts and
 * the webhooks of the product, in the order they happened.
 */
final class SoakEvidence {

    static void write(BenchSettings bench, Path file, String hubId, List<String> edits, List<String> externalIds)
            throws Exception {
        StringBuilder out = new StringBuilder("# Evidence for product " + hubId + "\n\n## The soak's edits (answered at)\n");
        edits.forEach(e -> out.append(e).append('\n'));
        try (Connection db = DriverManager.getConnection(bench.databaseUrl(), "postgres", "")) {
            table(db, out, "product", """
                    select name, price, available, warehouse_notes, last_updated_by, last_updated_at, last_field_updates
                    from product where id = ?::uuid""", hubId);
            table(db, out, "product links", """
                    select channel_id, external_id, last_pushed_version, last_pushed_at, reported_values
                    from product_link where product_id = ?::uuid order by channel_id""", hubId);
            table(db, out, "webhooks", """
                    select received_at, processed_at, platform, topic, status, error, left(payload, 500) as payload
                    from webhook_inbox where resource_id = any (?) order by id""", externalIds.toArray(String[]::new));
            table(db, out, "sync log", """
                    select created_at, action, origin, target_platform, changed_fields, old_values, new_values, success,
                           error_message
                    from sync_log where product_id = ?::uuid order by id""", hubId);
            table(db, out, "pushes", """
                    select pushed_at, channel_id, landed, platform_version, pushed_values
                    from push_record where product_id = ?::uuid order by id""", hubId);
            table(db, out, "jobs", """
                    select created_at, channel_id, fields, correction, trigger_origin, status, attempts
                    from sync_job where product_id = ?::uuid order by id""", hubId);
            table(db, out, "conflicts", """
                    select created_at, field, local_value, local_origin, local_at, remote_value, remote_origin, remote_at,
                           status, resolution
                    from sync_conflict where product_id = ?::uuid order by id""", hubId);
        }
        Files.writeString(file, out);
    }

    private static void table(Connection db, StringBuilder out, String title, String sql, Object parameter)
            throws Exception {
        out.append("\n## ").append(title).append('\n');
        try (PreparedStatement query = db.prepareStatement(sql)) {
            if (parameter instanceof String[] values) {
                query.setArray(1, db.createArrayOf("text", values));
            } else {
                query.setObject(1, parameter);
            }
            try (ResultSet rs = query.executeQuery()) {
                ResultSetMetaData columns = rs.getMetaData();
                while (rs.next()) {
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        out.append(i == 1 ? "" : " | ").append(columns.getColumnName(i)).append('=').append(rs.getString(i));
                    }
                    out.append('\n');
                }
            }
        }
    }

    private SoakEvidence() {
    }
}
