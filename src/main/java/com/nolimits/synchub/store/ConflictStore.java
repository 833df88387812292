package com.nolimits.synchub.store;

import com.nolimits.synchub.merge.Origin;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Conflict records: open ones wait for a person; auto-resolved ones are kept for the record. */
@Repository
public class ConflictStore {

    public enum Status { OPEN, AUTO_RESOLVED, RESOLVED }

    /** One field written from two origins within the conflict window (GET conflicts/{clientId}). */
    @Schema(description = "One field written from two origins within the conflict window: both values, who wrote them, when")
    public record Conflict(@Schema(example = "17") long id, UUID productId, @Schema(example = "demo") String clientId,
                           @Schema(description = "the product field", example = "name") String field,
                           @Schema(description = "the value the hub held") Object localValue,
                           @Schema(description = "who wrote the hub's value") Origin localOrigin, Instant localAt,
                           @Schema(description = "the value the channel reported") Object remoteValue,
                           @Schema(description = "who wrote the channel's value") Origin remoteOrigin, Instant remoteAt,
                           @Schema(description = "OPEN until a person resolves it (or AUTO_RESOLVED by the field's owner)")
                           Status status,
                           @Schema(description = "accept_local, accept_remote or merge, once resolved") String resolution,
                           Object resolvedValue, Instant resolvedAt, Instant createdAt) {
    }

    /** A client's conflicts in one status (GET conflicts/{clientId}). */
    @Schema(description = "A client's conflicts in one status")
    public record ConflictList(@Schema(example = "1") int count, List<Conflict> conflicts) {
    }

    private final JdbcTemplate jdbc;
    private final JsonColumns json;

    public ConflictStore(JdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Records a conflict unless the same open one (same field, same remote write) is already recorded. */
    public void record(UUID productId, String clientId, String field,
                       Object localValue, Origin localOrigin, Instant localAt,
                       Object remoteValue, Origin remoteOrigin, Instant remoteAt,
                       Status status, String resolution) {
        jdbc.update("""
                insert into sync_conflict (product_id, client_id, field, local_value, local_origin, local_at,
                    remote_value, remote_origin, remote_at, status, resolution, resolved_at)
                select ?, ?, ?, cast(? as jsonb), ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?
                where not exists (select 1 from sync_conflict where product_id = ? and field = ? and status = 'OPEN'
                    and local_origin = ? and local_at = ? and remote_origin = ? and remote_at = ?)""",
                productId, clientId, field, json.write(localValue), localOrigin.name(), Timestamp.from(localAt),
                json.write(remoteValue), remoteOrigin.name(), Timestamp.from(remoteAt), status.name(), resolution,
                status == Status.OPEN ? null : Timestamp.from(Instant.now()),
                productId, field, localOrigin.name(), Timestamp.from(localAt), remoteOrigin.name(),
                Timestamp.from(remoteAt));
    }

    public List<Conflict> byClient(String clientId, Status status) {
        return jdbc.query("select * from sync_conflict where client_id = ? and status = ? order by id",
                this::map, clientId, status.name());
    }

    public List<Conflict> openForProduct(UUID productId) {
        return jdbc.query("select * from sync_conflict where product_id = ? and status = 'OPEN' order by id",
                this::map, productId);
    }

    public boolean hasOpen(UUID productId) {
        Boolean any = jdbc.queryForObject(
                "select exists (select 1 from sync_conflict where product_id = ? and status = 'OPEN')",
                Boolean.class, productId);
        return Boolean.TRUE.equals(any);
    }

    public void resolve(long id, String resolution, Object resolvedValue) {
        jdbc.update("""
                update sync_conflict set status = 'RESOLVED', resolution = ?, resolved_value = cast(? as jsonb),
                    resolved_at = now() where id = ? and status = 'OPEN'""", resolution, json.write(resolvedValue), id);
    }

    private Conflict map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Timestamp resolvedAt = rs.getTimestamp("resolved_at");
        return new Conflict(rs.getLong("id"), rs.getObject("product_id", UUID.class), rs.getString("client_id"),
                rs.getString("field"),
                json.readTree(rs.getString("local_value")), Origin.valueOf(rs.getString("local_origin")),
                rs.getTimestamp("local_at").toInstant(),
                json.readTree(rs.getString("remote_value")), Origin.valueOf(rs.getString("remote_origin")),
                rs.getTimestamp("remote_at").toInstant(),
                Status.valueOf(rs.getString("status")), rs.getString("resolution"),
                json.readTree(rs.getString("resolved_value")), resolvedAt == null ? null : resolvedAt.toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }
}
