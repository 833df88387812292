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

    /**
     * @param values pushed field values by API name; platformVersion the platform's updated_at after the
     *               push, far in the future while the push is in flight; landed whether the platform
     *               confirmed it (a failed push may or may not have changed the platform)
     */
    public record PushRecord(long id, Map<String, Object> values, Instant platformVersion, Instant pushedAt,
                             boolean landed) {

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

    /**
     * Records a push before it is made, with no version yet ("infinity"): the platform may send the
     * webhook of the change before its answer has reached the hub, and that webhook must already be
     * recognised as an echo. {@link #finish} or {@link #settleInFlight} gives it its real version.
     *
     * @return the record's id
     */
    public long begin(UUID productId, String channelId, Map<ProductField, Object> values) {
        String body = write(values);
        return jdbc.query("""
                insert into push_record (product_id, channel_id, fingerprint, pushed_values, platform_version)
                values (?, ?, ?, cast(? as jsonb), 'infinity') returning id""",
                (rs, i) -> rs.getLong(1), productId, channelId, sha256(body), body).get(0);
    }

    /**
     * The push went through: what the platform now holds because of it and the platform's version
     * (its updated_at) after it, or now when it gave none. With no values left (nothing was sent after
     * all) the record goes. An attempt a crashed instance left in flight is settled with the same version.
     */
    public void finish(long recordId, UUID productId, String channelId, Map<ProductField, Object> values,
                       Instant platformVersion) {
        if (values.isEmpty()) {
            jdbc.update("delete from push_record where id = ?", recordId);
            return;
        }
        String body = write(values);
        Instant version = platformVersion != null ? platformVersion : Instant.now();
        jdbc.update("update push_record set fingerprint = ?, pushed_values = cast(? as jsonb), landed = true where id = ?",
                sha256(body), body, recordId);
        settleInFlight(productId, channelId, version);
        jdbc.update("""
                update product_link set last_pushed_fingerprint = ?, last_pushed_version = ?, last_pushed_at = now()
                where product_id = ? and channel_id = ?""", sha256(body), version.toString(), productId, channelId);
    }

    /** A push that failed (or whose instance crashed) may have changed the platform up to now: that is its version. */
    public void settleInFlight(UUID productId, String channelId, Instant at) {
        jdbc.update("""
                update push_record set platform_version = ?
                where product_id = ? and channel_id = ? and platform_version = 'infinity'""",
                Timestamp.from(at), productId, channelId);
    }

    /** The platform refused the push in flight (4xx, 429, THROTTLED): it changed nothing there, so it is forgotten. */
    public void discardInFlight(UUID productId, String channelId) {
        jdbc.update("delete from push_record where product_id = ? and channel_id = ? and platform_version = 'infinity'",
                productId, channelId);
    }

    /** Whether a push to the channel was made that the platform never confirmed (it failed, timed out, or is in flight). */
    public boolean unconfirmed(UUID productId, String channelId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from push_record where product_id = ? and channel_id = ? and not landed)",
                Boolean.class, productId, channelId));
    }

    /** A push made and answered in one go. */
    public void record(UUID productId, String channelId, Map<ProductField, Object> values, Instant platformVersion) {
        finish(begin(productId, channelId, values), productId, channelId, values, platformVersion);
    }

    private String write(Map<ProductField, Object> values) {
        Map<String, Object> keyed = new LinkedHashMap<>();
        values.forEach((field, value) -> keyed.put(field.key(), value));
        return json.write(keyed);
    }

    /** The latest pushes to the channel, newest first. */
    public List<PushRecord> recent(UUID productId, String channelId, int limit) {
        return jdbc.query("""
                select id, pushed_values, platform_version, pushed_at, landed from push_record
                where product_id = ? and channel_id = ? order by id desc limit ?""", (rs, i) -> {
            Timestamp version = rs.getTimestamp("platform_version");
            return new PushRecord(rs.getLong("id"), json.read(rs.getString("pushed_values"), MAP),
                    version == null ? null : version.toInstant(), rs.getTimestamp("pushed_at").toInstant(),
                    rs.getBoolean("landed"));
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
