package com.nolimits.synchub.ingress;

import com.nolimits.synchub.camel.ExchangeKeys;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The durable inbox of webhooks: written before the 200, read by the inbound processing. */
@Repository("webhookInbox")
public class InboxStore {

    /** A stored webhook. */
    public record InboxEvent(long id, String channelId, String clientId, String platform, String topic,
                             String eventId, String payload, int attempts) {
    }

    private final JdbcTemplate jdbc;

    public InboxStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Called by routes/webhook-inbox.camel.yaml inside the transaction that also records the dedup key. Sets
     * the {@link ExchangeKeys#INBOX_ID} header of an event that is to be merged (not of one stored as failed).
     */
    public void store(Exchange exchange) {
        var in = exchange.getIn();
        String invalid = in.getHeader(ExchangeKeys.INVALID, String.class);
        Long id = jdbc.queryForObject("""
                insert into webhook_inbox (channel_id, client_id, platform, topic, dedup_key, event_id, resource_id,
                    payload, status, error, processed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", Long.class,
                in.getHeader(ExchangeKeys.CHANNEL_ID, String.class), in.getHeader(ExchangeKeys.CLIENT_ID, String.class),
                in.getHeader(ExchangeKeys.PLATFORM, String.class), in.getHeader(ExchangeKeys.TOPIC, String.class),
                in.getHeader(ExchangeKeys.DEDUP_KEY, String.class), in.getHeader(ExchangeKeys.EVENT_ID, String.class),
                in.getHeader(ExchangeKeys.RESOURCE_ID, String.class), in.getBody(String.class),
                invalid == null ? "pending" : "failed", invalid,
                invalid == null ? null : java.sql.Timestamp.from(Instant.now()));
        if (invalid == null) {
            in.setHeader(ExchangeKeys.INBOX_ID, id);
        }
    }

    /** A product state read by a reconciliation sweep, handled like a webhook of the channel (event id "reconcile"). */
    public void storeRead(com.nolimits.synchub.channel.Channel channel, String topic, String dedupKey, String resourceId,
                          String payload) {
        jdbc.update("""
                insert into webhook_inbox (channel_id, client_id, platform, topic, dedup_key, event_id, resource_id, payload)
                values (?, ?, ?, ?, ?, 'reconcile', ?, ?)""",
                channel.id(), channel.clientId(), channel.platform().name(), topic, dedupKey, resourceId, payload);
    }

    /**
     * Leases up to {@code limit} open events, oldest first: pending ones received at least
     * {@code graceMillis} ago (younger ones are still on their way through the hand-off), and ones whose
     * lease ran out.
     */
    public List<InboxEvent> claimOverdue(int limit, int leaseSeconds, long graceMillis) {
        return jdbc.query("""
                update webhook_inbox set status = 'processing', attempts = attempts + 1,
                    locked_until = now() + make_interval(secs => ?)
                where id in (select id from webhook_inbox
                             where (status = 'pending' and received_at <= now() - make_interval(secs => ?))
                                or (status = 'processing' and locked_until < now())
                             order by id limit ? for update skip locked)
                returning""" + EVENT_COLUMNS, EVENT_ROW, leaseSeconds, graceMillis / 1000.0, limit)
                .stream().sorted(Comparator.comparingLong(InboxEvent::id)).toList();
    }

    /** Leases one handed-off event, if it is still pending (the safety-net poll may have taken it). */
    public Optional<InboxEvent> claim(long id, int leaseSeconds) {
        return jdbc.query("""
                update webhook_inbox set status = 'processing', attempts = attempts + 1,
                    locked_until = now() + make_interval(secs => ?)
                where id = (select id from webhook_inbox where id = ? and status = 'pending' for update skip locked)
                returning""" + EVENT_COLUMNS, EVENT_ROW, leaseSeconds, id).stream().findFirst();
    }

    private static final String EVENT_COLUMNS = " id, channel_id, client_id, platform, topic, event_id, payload, attempts";

    private static final RowMapper<InboxEvent> EVENT_ROW = (rs, i) -> new InboxEvent(rs.getLong("id"),
            rs.getString("channel_id"), rs.getString("client_id"), rs.getString("platform"), rs.getString("topic"),
            rs.getString("event_id"), rs.getString("payload"), rs.getInt("attempts"));

    /** done, skipped (with why) or failed (with the reason): the event's processing is over. */
    public void finish(long id, String status, String note) {
        jdbc.update("update webhook_inbox set status = ?, error = ?, locked_until = null, processed_at = now() where id = ?",
                status, note, id);
    }

    /** A webhook whose processing failed for good, as the operator sees it (the payload is left out). */
    public record FailedEvent(long id, String channelId, String clientId, String platform, String topic, String eventId,
                              String resourceId, int attempts, String error, Instant receivedAt, Instant failedAt) {
    }

    /** A client's failed events, newest first. */
    public List<FailedEvent> failed(String clientId, int limit) {
        return jdbc.query("""
                select id, channel_id, client_id, platform, topic, event_id, resource_id, attempts, error, received_at,
                    processed_at from webhook_inbox where client_id = ? and status = 'failed' order by id desc limit ?""",
                (rs, i) -> new FailedEvent(rs.getLong("id"), rs.getString("channel_id"), rs.getString("client_id"),
                        rs.getString("platform"), rs.getString("topic"), rs.getString("event_id"), rs.getString("resource_id"),
                        rs.getInt("attempts"), rs.getString("error"), rs.getTimestamp("received_at").toInstant(),
                        rs.getTimestamp("processed_at") == null ? null : rs.getTimestamp("processed_at").toInstant()),
                clientId, limit);
    }

    /** The client an event belongs to, if it exists. */
    public Optional<String> clientOf(long id) {
        return jdbc.queryForList("select client_id from webhook_inbox where id = ?", String.class, id).stream().findFirst();
    }

    /**
     * Queues a failed event again with fresh attempts: the inbox poll (routes/inbound-product-change.camel.yaml)
     * merges it within a second, as received long ago. Its dedup key stays, so the platform's own repeat of
     * it is still a duplicate.
     *
     * @return false when the event is not (or no longer) failed
     */
    public boolean replay(long id) {
        return jdbc.update("""
                update webhook_inbox set status = 'pending', attempts = 0, error = null, locked_until = null,
                    processed_at = null
                where id = ? and status = 'failed'""", id) == 1;
    }

    /**
     * Replays a client's failed events at once: all, or those of one channel and one error (the exact words,
     * as the failed-work view groups them); a null narrows nothing.
     *
     * @return the events queued again
     */
    public int replayFailed(String clientId, String channelId, String error) {
        return jdbc.update("""
                update webhook_inbox set status = 'pending', attempts = 0, error = null, locked_until = null,
                    processed_at = null
                where client_id = ? and status = 'failed' and (cast(? as text) is null or channel_id = cast(? as text))
                  and (cast(? as text) is null or coalesce(error, '') = cast(? as text))""",
                clientId, channelId, channelId, error, error);
    }

    /** Gives the event back for another attempt after a transient problem. */
    public void release(long id, String error) {
        jdbc.update("update webhook_inbox set status = 'pending', error = ?, locked_until = null where id = ?", error, id);
    }
}
