package com.nolimits.synchub.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.nolimits.synchub.merge.FieldGroup;
import com.nolimits.synchub.merge.FieldStamp;
import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.merge.ProductSnapshot;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The product table. Field columns are derived from {@link ProductField}, so a new field is one enum entry and one migration. */
@Repository
public class ProductStore {

    private static final TypeReference<Map<String, Map<String, String>>> STAMPS = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> OVERRIDES = new TypeReference<>() { };
    private static final TypeReference<List<String>> TEXT_LIST = new TypeReference<>() { };

    private final JdbcTemplate jdbc;
    private final JsonColumns json;
    private final RowMapper<Product> rowMapper = this::map;

    public ProductStore(JdbcTemplate jdbc, JsonColumns json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<Product> find(UUID id) {
        return jdbc.query("select * from product where id = ?", rowMapper, id).stream().findFirst();
    }

    /**
     * Reads and row-locks the product for the rest of the transaction: concurrent changes queue up here.
     * FOR NO KEY UPDATE, the lock an update of the product takes anyway: rows that refer to the product
     * (its log, jobs, push records) can still be inserted meanwhile, so a holder of one of those never waits
     * on this lock while this one waits on it.
     */
    public Optional<Product> lock(UUID id) {
        return jdbc.query("select * from product where id = ? for no key update", rowMapper, id).stream().findFirst();
    }

    public Optional<UUID> findIdBySku(String clientId, String sku) {
        return jdbc.query("select id from product where client_id = ? and sku = ?",
                (rs, i) -> rs.getObject(1, UUID.class), clientId, sku).stream().findFirst();
    }

    public Product insert(String clientId, ProductSnapshot snapshot, Origin origin, Instant at, SyncStatus status) {
        List<String> columns = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        StringBuilder placeholders = new StringBuilder();
        for (ProductField field : ProductField.values()) {
            columns.add(field.column());
            args.add(toColumn(field, snapshot.value(field)));
            placeholders.append(placeholder(field)).append(", ");
        }
        columns.addAll(List.of("client_id", "last_field_updates", "field_ownership", "last_updated_by",
                "last_updated_at", "sync_status", "sync_checksum"));
        args.addAll(List.of(clientId, stampsJson(snapshot.stamps()), overridesJson(snapshot.ownershipOverrides()),
                origin.name(), Timestamp.from(at), status.name(), checksum(snapshot.values())));
        placeholders.append("?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?");
        String sql = "insert into product (" + String.join(", ", columns) + ") values (" + placeholders + ") returning *";
        return jdbc.queryForObject(sql, rowMapper, args.toArray());
    }

    /** Writes the changed fields and the new stamps; the version moves on every write. Returns the product as written. */
    public Product update(UUID id, ProductSnapshot after, Map<ProductField, Object> changed, Origin origin,
                       Instant at, SyncStatus status) {
        StringBuilder sql = new StringBuilder("update product set ");
        List<Object> args = new ArrayList<>();
        for (Map.Entry<ProductField, Object> entry : changed.entrySet()) {
            sql.append(entry.getKey().column()).append(" = ").append(placeholder(entry.getKey())).append(", ");
            args.add(toColumn(entry.getKey(), entry.getValue()));
        }
        sql.append("last_field_updates = cast(? as jsonb), last_updated_by = ?, last_updated_at = ?, ")
                .append("sync_status = ?, sync_checksum = ?, version = version + 1 where id = ? returning *");
        args.addAll(List.of(stampsJson(after.stamps()), origin.name(), Timestamp.from(at), status.name(),
                checksum(after.values()), id));
        return jdbc.queryForObject(sql.toString(), rowMapper, args.toArray());
    }

    /** The sync status the product's conflicts and jobs call for. */
    private static final String CURRENT_STATUS = """
            case when exists (select 1 from sync_conflict c where c.product_id = product.id and c.status = 'OPEN')
                 then 'CONFLICT'
                 when exists (select 1 from sync_job j where j.product_id = product.id
                              and j.status in ('pending', 'processing')) then 'PENDING'
                 when exists (select 1 from sync_job j where j.product_id = product.id and j.status = 'failed'
                              and not exists (select 1 from sync_job k where k.product_id = j.product_id
                                  and k.channel_id = j.channel_id and k.status = 'completed' and k.id > j.id))
                 then 'ERROR'
                 else 'SYNCED' end""";

    /** Every push went through: SYNCED, unless a conflict is open or more pushes are queued. */
    public void markSyncedUnlessBusy(UUID id) {
        jdbc.update("update product set last_synced_at = now(), sync_status = " + CURRENT_STATUS + " where id = ?", id);
    }

    /** After a change that pushes nothing (a conflict resolved to the value the hub holds): the status as it now is. */
    public void refreshSyncStatus(UUID id) {
        jdbc.update("update product set sync_status = " + CURRENT_STATUS + " where id = ?", id);
    }

    /** JTL's per-warehouse stock of the product: warehouseId -> levels and the stockVersion they came with. */
    public Map<String, Object> warehouseStock(UUID id) {
        return jdbc.query("select warehouse_stock from product where id = ?",
                (rs, i) -> json.read(rs.getString(1), new TypeReference<Map<String, Object>>() { }),
                id).stream().findFirst().orElse(Map.of());
    }

    public void setWarehouseStock(UUID id, Map<String, Object> stock) {
        jdbc.update("update product set warehouse_stock = cast(? as jsonb) where id = ?", json.write(stock), id);
    }

    /**
     * Row-locks the product without reading it, as {@link #lock} does: for a writer that updates the
     * product's link and then the product (a push's outcome). A merge takes the product first, then the
     * link; taking the product first here too keeps the two from deadlocking.
     *
     * @return whether the product exists
     */
    public boolean lockRow(UUID id) {
        return !jdbc.queryForList("select 1 from product where id = ? for no key update", id).isEmpty();
    }

    public void setSyncStatus(UUID id, SyncStatus status) {
        jdbc.update("update product set sync_status = ? where id = ?", status.name(), id);
    }

    public void setOwnershipOverrides(UUID id, Map<ProductField, FieldGroup> overrides) {
        jdbc.update("update product set field_ownership = cast(? as jsonb), version = version + 1 where id = ?",
                overridesJson(overrides), id);
    }

    /** A client's products by sync status (GET status/{clientId}). */
    @Schema(description = "A client's products counted by sync status")
    public record StatusSummary(@Schema(description = "all the client's products", example = "120") long total,
                                @Schema(description = "pushed to every channel", example = "117") long synced,
                                @Schema(description = "with jobs still to push", example = "2") long pending,
                                @Schema(description = "with an open conflict", example = "1") long conflict,
                                @Schema(description = "whose last push failed", example = "0") long error,
                                @Schema(description = "the latest push that reached every channel; null before the first")
                                Instant lastSyncAt) {
    }

    /** Counts per sync status and the last sync time of a client's products. */
    public StatusSummary statusSummary(String clientId) {
        return jdbc.queryForObject("""
                select count(*) as total,
                       count(*) filter (where sync_status = 'SYNCED') as synced,
                       count(*) filter (where sync_status = 'PENDING') as pending,
                       count(*) filter (where sync_status = 'CONFLICT') as conflict,
                       count(*) filter (where sync_status = 'ERROR') as error,
                       max(last_synced_at) as last_sync_at
                from product where client_id = ?""", (rs, i) -> {
            Timestamp last = rs.getTimestamp("last_sync_at");
            return new StatusSummary(rs.getLong("total"), rs.getLong("synced"), rs.getLong("pending"), rs.getLong("conflict"),
                    rs.getLong("error"), last == null ? null : last.toInstant());
        }, clientId);
    }

    private static String placeholder(ProductField field) {
        return field.type() == com.nolimits.synchub.merge.FieldType.TEXT_LIST ? "cast(? as jsonb)" : "?";
    }

    private Object toColumn(ProductField field, Object value) {
        return field.type() == com.nolimits.synchub.merge.FieldType.TEXT_LIST ? json.write(value) : value;
    }

    private Product map(ResultSet rs, int row) throws SQLException {
        Map<ProductField, Object> values = new EnumMap<>(ProductField.class);
        for (ProductField field : ProductField.values()) {
            Object raw = switch (field.type()) {
                case TEXT -> rs.getString(field.column());
                case DECIMAL -> rs.getBigDecimal(field.column());
                case INTEGER -> rs.getInt(field.column());
                case BOOLEAN -> rs.getBoolean(field.column());
                case TEXT_LIST -> json.read(rs.getString(field.column()), TEXT_LIST);
            };
            values.put(field, field.canonical(raw));
        }
        Map<ProductField, FieldStamp> stamps = new EnumMap<>(ProductField.class);
        Map<String, Map<String, String>> rawStamps = json.read(rs.getString("last_field_updates"), STAMPS);
        rawStamps.forEach((key, stamp) -> ProductField.byKey(key).ifPresent(field -> stamps.put(field,
                new FieldStamp(Origin.valueOf(stamp.get("origin")), Instant.parse(stamp.get("at"))))));
        Map<ProductField, FieldGroup> overrides = new EnumMap<>(ProductField.class);
        json.read(rs.getString("field_ownership"), OVERRIDES).forEach((key, group) -> ProductField.byKey(key)
                .ifPresent(field -> overrides.put(field, FieldGroup.valueOf(group.toUpperCase()))));
        Timestamp lastSynced = rs.getTimestamp("last_synced_at");
        return new Product(rs.getObject("id", UUID.class), rs.getString("client_id"),
                new ProductSnapshot(true, values, stamps, overrides),
                Origin.valueOf(rs.getString("last_updated_by")), rs.getTimestamp("last_updated_at").toInstant(),
                lastSynced == null ? null : lastSynced.toInstant(),
                SyncStatus.valueOf(rs.getString("sync_status")), rs.getString("sync_checksum"),
                rs.getString("jtl_product_id"), SyncStatus.valueOf(rs.getString("jtl_sync_status")),
                rs.getLong("version"), rs.getTimestamp("created_at").toInstant());
    }

    private String stampsJson(Map<ProductField, FieldStamp> stamps) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        stamps.forEach((field, stamp) -> out.put(field.key(),
                Map.of("origin", stamp.origin().name(), "at", stamp.at().toString())));
        return json.write(out);
    }

    private String overridesJson(Map<ProductField, FieldGroup> overrides) {
        Map<String, String> out = new LinkedHashMap<>();
        overrides.forEach((field, group) -> out.put(field.key(), group.key()));
        return json.write(out);
    }

    /** A digest of every field value: equal checksums mean nothing to sync. */
    private String checksum(Map<ProductField, Object> values) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        values.forEach((field, value) -> ordered.put(field.key(), value instanceof java.math.BigDecimal d
                ? d.toPlainString() : value));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.write(ordered).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
