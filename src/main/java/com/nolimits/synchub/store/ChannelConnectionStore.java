package com.nolimits.synchub.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether each channel's credentials still work: its connection (connected, or needs-connect with the
 * problem), the last check of its credentials, and when it was last polled.
 */
@Repository
public class ChannelConnectionStore {

    /** A channel that must be connected again, since when and why. */
    public record NeedsConnect(String channelId, String problem, Instant since) {
    }

    private final JdbcTemplate jdbc;

    public ChannelConnectionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<NeedsConnect> needsConnect(String channelId) {
        return jdbc.query("""
                select id, connection_problem, connection_changed_at from channel
                where id = ? and connection = 'needs-connect'""", (rs, i) -> new NeedsConnect(rs.getString(1),
                rs.getString(2), rs.getTimestamp(3).toInstant()), channelId).stream().findFirst();
    }

    public List<NeedsConnect> needingConnect() {
        return jdbc.query("""
                select id, connection_problem, connection_changed_at from channel
                where connection = 'needs-connect' and enabled order by id""", (rs, i) -> new NeedsConnect(rs.getString(1),
                rs.getString(2), rs.getTimestamp(3).toInstant()));
    }

    /** @return true when this call changed the state (so the caller says so once) */
    public boolean markNeedsConnect(String channelId, String problem) {
        return jdbc.update("""
                update channel set connection = 'needs-connect', connection_problem = ?, connection_changed_at = now()
                where id = ? and connection = 'connected'""", problem, channelId) == 1;
    }

    /** What the channel status shows of the credentials: the last check, and its problem (null when they worked). */
    public record CredentialsCheck(Instant checkedAt, String problem) {
    }

    public void recordCheck(String channelId, String problem) {
        jdbc.update("update channel set credentials_checked_at = now(), credentials_problem = ? where id = ?", problem, channelId);
    }

    public Optional<CredentialsCheck> lastCheck(String channelId) {
        return jdbc.query("select credentials_checked_at, credentials_problem from channel where id = ? "
                + "and credentials_checked_at is not null", (rs, i) -> new CredentialsCheck(rs.getTimestamp(1).toInstant(),
                rs.getString(2)), channelId).stream().findFirst();
    }

    /** The end of the channel's last completed poll window (JTL-FFN's update feeds), if it was ever polled. */
    public Optional<Instant> lastPoll(String channelId) {
        return jdbc.query("select max(updated_at) from sync_watermark where name like 'jtl-%:' || ?",
                (rs, i) -> rs.getTimestamp(1), channelId).stream().filter(java.util.Objects::nonNull)
                .map(java.sql.Timestamp::toInstant).findFirst();
    }

    public void markConnected(String channelId) {
        jdbc.update("""
                update channel set connection = 'connected', connection_problem = null, connection_changed_at = now()
                where id = ? and connection <> 'connected'""", channelId);
    }
}
