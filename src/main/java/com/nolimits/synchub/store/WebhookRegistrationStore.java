package com.nolimits.synchub.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Per channel: when its webhook subscriptions were last made right, checked, restored, and the last problem. */
@Repository
public class WebhookRegistrationStore {

    /** A channel's registration as the status shows it. */
    public record Registration(Instant registeredAt, Instant checkedAt, String problem, Instant restoredAt) {
    }

    private final JdbcTemplate jdbc;

    public WebhookRegistrationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void registered(String channelId, boolean restored) {
        jdbc.update("""
                update channel set webhooks_registered_at = now(), webhooks_checked_at = now(), webhooks_problem = null,
                    webhooks_restored_at = case when ? then now() else webhooks_restored_at end where id = ?""", restored, channelId);
    }

    public void failed(String channelId, String problem) {
        jdbc.update("update channel set webhooks_checked_at = now(), webhooks_problem = ? where id = ?", problem, channelId);
    }

    /** The channels whose subscriptions the hub made once: from then on it keeps them. */
    public Set<String> managed() {
        return Set.copyOf(jdbc.queryForList("select id from channel where webhooks_registered_at is not null", String.class));
    }

    /** Channel id to the problem of its last registration, for the channels whose last one failed. */
    public java.util.Map<String, String> problems() {
        java.util.Map<String, String> problems = new java.util.LinkedHashMap<>();
        jdbc.query("select id, webhooks_problem from channel where webhooks_problem is not null and enabled order by id",
                rs -> { problems.put(rs.getString(1), rs.getString(2)); });
        return problems;
    }

    public Optional<Registration> of(String channelId) {
        return jdbc.query("""
                select webhooks_registered_at, webhooks_checked_at, webhooks_problem, webhooks_restored_at from channel
                where id = ? and webhooks_checked_at is not null""", (rs, i) -> new Registration(instant(rs.getTimestamp(1)),
                instant(rs.getTimestamp(2)), rs.getString(3), instant(rs.getTimestamp(4))), channelId).stream().findFirst();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
