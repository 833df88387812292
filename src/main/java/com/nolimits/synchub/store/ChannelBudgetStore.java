package com.nolimits.synchub.store;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The API budget of each rate-limited channel as a token bucket in one row (table channel_budget), so
 * all hub instances spend from the same bucket. Every statement refills the bucket by the database's
 * clock and changes it under the row's lock, in one round trip.
 */
@Repository
public class ChannelBudgetStore {

    /** A bucket of {@code size} points refilled at {@code perSecond} points per second. */
    public record Bucket(int size, int perSecond) {
    }

    private final JdbcTemplate jdbc;

    public ChannelBudgetStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes {@code cost} points if the bucket holds them.
     *
     * @return 0 when they were taken, else the milliseconds until the bucket will hold them
     */
    public long take(String channelId, Bucket bucket, double cost) {
        List<Double> before = jdbc.queryForList("""
                with refilled as (
                    select channel_id, least(?, available + extract(epoch from clock_timestamp() - refilled_at) * ?) as points
                    from channel_budget where channel_id = ? for update)
                update channel_budget b set available = r.points - case when r.points >= ? then ? else 0 end,
                    last_cost = ?, size = ?, per_second = ?, refilled_at = clock_timestamp()
                from refilled r where b.channel_id = r.channel_id
                returning r.points""", Double.class,
                bucket.size(), bucket.perSecond(), channelId, cost, cost, cost, bucket.size(), bucket.perSecond());
        if (before.isEmpty()) { // the channel's first call: its bucket starts full
            jdbc.update("""
                    insert into channel_budget (channel_id, available, size, per_second) values (?, ?, ?, ?)
                    on conflict (channel_id) do nothing""", channelId, bucket.size(), bucket.size(), bucket.perSecond());
            return take(channelId, bucket, cost);
        }
        double points = before.get(0);
        return points >= cost ? 0 : Math.max(1, (long) Math.ceil((cost - points) * 1000 / bucket.perSecond()));
    }

    /**
     * What the platform reports is left lowers the estimate when it is less (another app on the same shop
     * spends from it too). A higher report is not taken: it cannot count the calls other instances have
     * taken points for and not yet sent, so it would spend them twice.
     */
    public void lowerTo(String channelId, double reported) {
        jdbc.update("""
                update channel_budget set available = least(?, size, available + extract(epoch from clock_timestamp() - refilled_at) * per_second),
                    refilled_at = clock_timestamp() where channel_id = ?""", reported, channelId);
    }

    /** How many calls, at the cost of its last one, each channel's bucket pays for right now. */
    public Map<String, Integer> callsAffordable() {
        Map<String, Integer> calls = new HashMap<>();
        jdbc.query("""
                select channel_id, floor(least(size, available + extract(epoch from clock_timestamp() - refilled_at) * per_second)
                                         / greatest(last_cost, 1))::int as calls
                from channel_budget""", rs -> {
            calls.put(rs.getString("channel_id"), rs.getInt("calls"));
        });
        return calls;
    }
}
