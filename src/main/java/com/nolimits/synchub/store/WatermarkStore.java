package com.nolimits.synchub.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** How far each poller has read a platform's changes (sync_watermark). */
@Repository
public class WatermarkStore {

    private final JdbcTemplate jdbc;

    public WatermarkStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Instant> readUntil(String name) {
        return jdbc.query("select read_until from sync_watermark where name = ?",
                (rs, i) -> rs.getTimestamp(1).toInstant(), name).stream().findFirst();
    }

    /** Moves the watermark forward (never back: two instances finishing out of order keep the later one). */
    public void advance(String name, Instant readUntil) {
        jdbc.update("""
                insert into sync_watermark (name, read_until) values (?, ?)
                on conflict (name) do update set read_until = greatest(sync_watermark.read_until, excluded.read_until),
                    updated_at = now()""", name, Timestamp.from(readUntil));
    }
}
