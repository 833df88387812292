package com.nolimits.synchub.monitoring;

import com.nolimits.synchub.store.SyncStateStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The management API's {@code GET metrics}: the figures an operator looks at first, in one JSON object. The same
 * meters are exported for Prometheus at /actuator/prometheus (sync_webhooks_total, sync_jobs,
 * sync_push_duration_seconds, sync_conflicts_open). Counters count since this instance started.
 */
@Component
public class MetricsSummary {

    private final MeterRegistry meters;
    private final SyncStateStore state;

    public MetricsSummary(MeterRegistry meters, SyncStateStore state) {
        this.meters = meters;
        this.state = state;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Map<String, Long>> webhooks = new TreeMap<>();
        for (Counter counter : meters.find("sync.webhooks").counters()) {
            webhooks.computeIfAbsent(counter.getId().getTag("platform"), p -> new TreeMap<>())
                    .merge(counter.getId().getTag("outcome"), (long) counter.count(), Long::sum);
        }
        out.put("webhooks", webhooks);
        out.put("webhooksWaiting", state.webhooksWaiting());
        out.put("jobs", state.jobCounts());
        out.put("oldestDueJobSeconds", state.oldestDueJobSeconds());
        out.put("conflictsOpen", state.openConflicts());
        Map<String, Map<String, Object>> pushes = new TreeMap<>();
        for (Timer timer : meters.find("sync.push.duration").timers()) { // one per channel: summed per platform
            Map<String, Object> platform = pushes.computeIfAbsent(timer.getId().getTag("platform"), p -> new TreeMap<>());
            Map<String, Object> outcome = (Map<String, Object>) platform.computeIfAbsent(timer.getId().getTag("outcome"),
                    o -> new LinkedHashMap<>(Map.of("count", 0L, "totalMs", 0.0, "maxMs", 0.0)));
            outcome.merge("count", timer.count(), (a, b) -> (Long) a + (Long) b);
            outcome.merge("totalMs", timer.totalTime(TimeUnit.MILLISECONDS), (a, b) -> (Double) a + (Double) b);
            outcome.merge("maxMs", timer.max(TimeUnit.MILLISECONDS), (a, b) -> Math.max((Double) a, (Double) b));
        }
        pushes.values().forEach(platform -> platform.values().forEach(o -> {
            Map<String, Object> outcome = (Map<String, Object>) o;
            long count = (Long) outcome.get("count");
            double total = (Double) outcome.remove("totalMs");
            outcome.put("meanMs", count == 0 ? 0.0 : Math.round(total / count * 10) / 10.0);
            outcome.put("maxMs", Math.round((Double) outcome.get("maxMs") * 10) / 10.0);
        }));
        out.put("pushes", pushes);
        Map<String, Object> channels = new LinkedHashMap<>();
        state.channelStates().forEach(channel -> channels.put(channel.channelId(), ChannelsHealth.view(channel)));
        out.put("channels", channels);
        return out;
    }
}
