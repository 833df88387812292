package com.nolimits.synchub.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.nolimits.synchub.merge.ProductField;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the hub pushed to a channel and the platform version it produced: what echo detection reads. */
@Repository
public class PushRecordStore {

    /** @param values pushed field values by API name; platformVersion the platform's updated_at after the push */
    public record PushRecord(long id, Map<String, Object> values, Instant platformVersion, Instant pushedAt) {

        /** When the platform last changed because of this push (its own clock when it told us). */
        public Instant version() {
            return platformVersion != null ? platformVersion : pushedAt;
        }
    }

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private final JdbcTemplate jdbc;
    private final JsonColumns json;

    public PushRecordStore(JdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void record(UUID productId, String channelId, Map<ProductField, Object> values, Instant platformVersion) {
        Map<String, Object> keyed = new LinkedHashMap<>();
        values.forEach((field, value) -> keyed.put(field.key(), value));
        String body = json.write(keyed);
        jdbc.update("""
                insert into push_record (product_id, channel_id, fingerprint, pushed_values, platform_version)
                values (?, ?, ?, cast(? as jsonb), ?)""", productId, channelId, sha256(body), body,
                platformVersion == null ? null : Timestamp.from(platformVersion));
        jdbc.update("""
                update product_link set last_pushed_fingerprint = ?, last_pushed_version = ?, last_pushed_at = now()
                where product_id = ? and channel_id = ?""", sha256(body),
                platformVersion == null ? null : platformVersion.toString(), productId, channelId);
    }

    /** The latest pushes to the channel, newest first. */
    public List<PushRecord> recent(UUID productId, String channelId, int limit) {
        return jdbc.query("""
                select id, pushed_values, platform_version, pushed_at from push_record
                where product_id = ? and channel_id = ? order by id desc limit ?""", (rs, i) -> {
            Timestamp version = rs.getTimestamp("platform_version");
            return new PushRecord(rs.getLong("id"), json.read(rs.getString("pushed_values"), MAP),
                    version == null ? null : version.toInstant(), rs.getTimestamp("pushed_at").toInstant());
        }, productId, channelId, limit);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
