package com.nolimits.synchub.monitoring;

import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.store.ChannelConnectionStore;
import com.nolimits.synchub.store.SyncStateStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Gauges read from the database: sync.jobs{state}, sync.queue.oldest.due (seconds), sync.conflicts.open, sync.channels.needs.connect
 * (channels whose credentials the platform refused for good) and sync.channel.state{channel, state}
 * (1 for the channel's state, 0 for the others). One scrape reads each at most once per second, however
 * many series ask (the counts come from one query).
 */
@Component
public class SyncGauges {

    private final Cached<Map<String, Long>> jobs;
    private final Cached<Long> conflicts;
    private final Cached<Integer> needingConnect;
    private final Cached<Long> oldestDueJob;
    private final Cached<Map<String, String>> channelStates; // a field: gauges hold their state weakly

    public SyncGauges(SyncStateStore state, ChannelConnectionStore connections, ChannelStates states,
                      ClientDirectory directory, MeterRegistry meters) {
        this.jobs = new Cached<>(state::jobCounts);
        this.conflicts = new Cached<>(state::openConflicts);
        for (String status : SyncStateStore.JOB_STATES) {
            Gauge.builder("sync.jobs", jobs, j -> j.get().getOrDefault(status, 0L)).tag("state", status)
                    .description("outbound jobs by state").register(meters);
        }
        Gauge.builder("sync.conflicts.open", conflicts, c -> c.get()).description("conflicts waiting for a person")
                .register(meters);
        this.oldestDueJob = new Cached<>(state::oldestDueJobSeconds);
        Gauge.builder("sync.queue.oldest.due", oldestDueJob, c -> c.get()).baseUnit("seconds")
                .description("how long the oldest due job has waited (0 with none)").register(meters);
        this.needingConnect = new Cached<>(() -> connections.needingConnect().size());
        Gauge.builder("sync.channels.needs.connect", needingConnect, c -> c.get())
                .description("channels that must be connected again before they sync").register(meters);
        this.channelStates = new Cached<>(states::all);
        for (var channel : directory.channels()) {
            for (String value : ChannelStates.STATES) {
                Gauge.builder("sync.channel.state", this.channelStates, s -> value.equals(s.get().get(channel.id())) ? 1 : 0)
                        .tag("channel", channel.id()).tag("state", value)
                        .description("1 for the channel's state: connected, needs-connect or failing").register(meters);
            }
        }
    }

    /** A value read again only when older than a second. */
    static final class Cached<T> {
        private static final long TTL = Duration.ofSeconds(1).toNanos();
        private final Supplier<T> read;
        private T value;
        private long readAt;

        Cached(Supplier<T> read) {
            this.read = read;
        }

        synchronized T get() {
            if (value == null || System.nanoTime() - readAt > TTL) {
                value = read.get();
                readAt = System.nanoTime();
            }
            return value;
        }
    }
}
