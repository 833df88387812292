package com.nolimits.synchub.store;

import com.fasterxml.jackson.core.type.TypeReference;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A hub product's identity on a channel (product_link). */
@Repository
public class LinkStore {

    public record Link(long id, UUID productId, String channelId, String externalId, String parentId,
                       String inventoryItemId, Map<String, Object> platformData, String syncStatus, Instant deletedAt) {
    }

    /** A field's value as a channel last reported it, at the platform's time of the report. */
    public record Reported(Object value, Instant at) {
    }

    /** platform_data key: the stock the hub last saw in a shop (Shopify's changeFromQuantity). */
    public static final String LAST_SEEN_QUANTITY = "inventoryQuantity";

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final TypeReference<Map<String, Map<String, Object>>> REPORTED = new TypeReference<>() { };
    private final JdbcTemplate jdbc;
    private final JsonColumns json;
    private final TransactionTemplate transaction;

    public LinkStore(JdbcTemplate jdbc, JsonColumns json, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** The product linked to the platform's id on the channel: only the id, read on every webhook and poll. */
    public Optional<UUID> productIdOf(String channelId, String externalId) {
        return jdbc.query("select product_id from product_link where channel_id = ? and external_id = ?",
                (rs, i) -> rs.getObject(1, UUID.class), channelId, externalId).stream().findFirst();
    }

    public Optional<Link> byInventoryItem(String channelId, String inventoryItemId) {
        return jdbc.query("select * from product_link where channel_id = ? and inventory_item_id = ?", this::map,
                channelId, inventoryItemId).stream().findFirst();
    }

    public Optional<Link> of(UUID productId, String channelId) {
        return jdbc.query("select * from product_link where product_id = ? and channel_id = ?", this::map,
                productId, channelId).stream().findFirst();
    }

    /** The product's links that are not marked deleted, on every channel. */
    public List<Link> liveOf(UUID productId) {
        return jdbc.query("select * from product_link where product_id = ? and deleted_at is null", this::map, productId);
    }

    /** Live links of a platform product that the platform no longer reports (of those the webhook lists). */
    public List<Link> vanishedVariants(String channelId, String parentId, Collection<String> reported) {
        return jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement("""
                    select * from product_link where channel_id = ? and deleted_at is null
                    and (external_parent_id = ? or external_id = ?) and (external_id is null or external_id <> all(?))""");
            select.setString(1, channelId);
            select.setString(2, parentId);
            select.setString(3, parentId);
            select.setArray(4, connection.createArrayOf("text", reported.toArray()));
            return select;
        }, this::map);
    }

    /** Live links of a platform product (a Shopify product's variants, a WooCommerce parent's variations). */
    public List<Link> byParent(String channelId, String parentId) {
        return jdbc.query("""
                select * from product_link where channel_id = ? and deleted_at is null
                and (external_parent_id = ? or external_id = ?)""", this::map, channelId, parentId, parentId);
    }

    /**
     * Creates or refreshes the link; a link marked deleted comes back to life. Two writers may link one
     * platform product at once (a push's answer and the platform's webhook about it): they take turns on
     * a lock of the channel's external id, and the second finds the first one's link. The same product's
     * link is success; another product's is a {@link LinkConflictException}, and nothing is written.
     * A link that already holds this external id (every webhook of a linked product) is refreshed in one
     * statement, without the lock: no other product can hold the id then.
     */
    public void upsert(UUID productId, String channelId, String externalId, String parentId, String inventoryItemId,
                       Map<String, Object> platformData) {
        if (externalId != null && jdbc.update("""
                update product_link set external_parent_id = ?, inventory_item_id = coalesce(?, inventory_item_id),
                    platform_data = platform_data || cast(? as jsonb), deleted_at = null,
                    sync_status = case when sync_status = 'DELETED' then 'PENDING' else sync_status end, updated_at = now()
                where product_id = ? and channel_id = ? and external_id = ?""",
                parentId, inventoryItemId, json.write(platformData), productId, channelId, externalId) == 1) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            if (externalId != null) {
                jdbc.queryForList("select pg_advisory_xact_lock(hashtextextended(? || '/' || ?, 0))", channelId, externalId);
                Optional<UUID> holder = productIdOf(channelId, externalId);
                if (holder.isPresent() && !holder.get().equals(productId)) {
                    throw new LinkConflictException(channelId, externalId, holder.get(), productId);
                }
            }
            jdbc.update("""
                    insert into product_link (product_id, channel_id, external_id, external_parent_id, inventory_item_id,
                        platform_data)
                    values (?, ?, ?, ?, ?, cast(? as jsonb))
                    on conflict (product_id, channel_id) do update set external_id = excluded.external_id,
                        external_parent_id = excluded.external_parent_id,
                        inventory_item_id = coalesce(excluded.inventory_item_id, product_link.inventory_item_id),
                        platform_data = product_link.platform_data || excluded.platform_data,
                        deleted_at = null,
                        sync_status = case when product_link.sync_status = 'DELETED' then 'PENDING' else product_link.sync_status end,
                        updated_at = now()""",
                    productId, channelId, externalId, parentId, inventoryItemId, json.write(platformData));
        });
    }

    /** Merges values into the link's platform data (e.g. the stock last seen in a shop). */
    public void putPlatformData(UUID productId, String channelId, Map<String, Object> data) {
        jdbc.update("update product_link set platform_data = platform_data || cast(? as jsonb), updated_at = now() "
                + "where product_id = ? and channel_id = ?", json.write(data), productId, channelId);
    }

    /** What the channel last reported for the product, by field key (empty without a link). */
    public Map<String, Reported> reportedValues(UUID productId, String channelId) {
        List<Map<String, Map<String, Object>>> rows = jdbc.query(
                "select reported_values from product_link where product_id = ? and channel_id = ?",
                (rs, i) -> json.read(rs.getString(1), REPORTED), productId, channelId);
        Map<String, Reported> reported = new LinkedHashMap<>();
        if (!rows.isEmpty()) {
            rows.get(0).forEach((key, entry) -> reported.put(key,
                    new Reported(entry.get("value"), Instant.parse(entry.get("at").toString()))));
        }
        return reported;
    }

    /**
     * Remembers a channel's report of these fields, keeping for each field the later of the stored and
     * the new report: webhooks arrive out of order, and two merges of one product can overlap.
     */
    public void rememberReported(UUID productId, String channelId, Map<String, Object> values, Instant at) {
        Map<String, Object> entries = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("value", value);
            entry.put("at", at.toString());
            entries.put(key, entry);
        });
        jdbc.update("""
                update product_link l set reported_values = l.reported_values || coalesce((
                    select jsonb_object_agg(n.key, n.value) from jsonb_each(cast(? as jsonb)) n
                    where l.reported_values -> n.key is null
                       or (n.value ->> 'at')::timestamptz >= (l.reported_values -> n.key ->> 'at')::timestamptz), '{}')
                where product_id = ? and channel_id = ?""", json.write(entries), productId, channelId);
    }

    public void setStatus(UUID productId, String channelId, String status, String error) {
        jdbc.update("update product_link set sync_status = ?, last_error = ?, updated_at = now() where product_id = ? and channel_id = ?",
                status, error, productId, channelId);
    }

    public void markDeleted(long linkId) {
        jdbc.update("update product_link set deleted_at = now(), sync_status = 'DELETED', updated_at = now() where id = ?",
                linkId);
    }

    /** A product's identity on one channel as a person reads it (GET product/{productId}/links). */
    @Schema(description = "The product on one channel")
    public record LinkView(@Schema(example = "demo-woo") String channelId,
                           @Schema(description = "the platform's id: Shopify variant, WooCommerce product, JTL-FFN jfsku", example = "731")
                           String externalId,
                           @Schema(description = "Shopify's product of the variant, WooCommerce's parent of a variation") String parentId,
                           @Schema(description = "SYNCED, PENDING, CONFLICT, ERROR or DELETED", example = "SYNCED") String syncStatus,
                           Instant lastPushedAt,
                           @Schema(description = "the platform's words when the last push failed") String lastError,
                           Instant deletedAt) {
    }

    /** Every link of the product, deleted ones too, by channel. */
    public List<LinkView> views(UUID productId) {
        return jdbc.query("""
                select channel_id, external_id, external_parent_id, sync_status, last_pushed_at, last_error, deleted_at
                from product_link where product_id = ? order by channel_id""", (rs, i) -> new LinkView(
                rs.getString("channel_id"), rs.getString("external_id"), rs.getString("external_parent_id"),
                rs.getString("sync_status"), instant(rs, "last_pushed_at"), rs.getString("last_error"),
                instant(rs, "deleted_at")), productId);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private Link map(ResultSet rs, int row) throws SQLException {
        return new Link(rs.getLong("id"), rs.getObject("product_id", UUID.class), rs.getString("channel_id"),
                rs.getString("external_id"), rs.getString("external_parent_id"), rs.getString("inventory_item_id"),
                json.read(rs.getString("platform_data"), MAP), rs.getString("sync_status"),
                instant(rs, "deleted_at"));
    }
}
