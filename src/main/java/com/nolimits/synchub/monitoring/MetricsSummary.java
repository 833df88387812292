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
        for (Timer timer : meters.find("sync.push.duration").timers()) {
            Map<String, Object> platform = pushes.computeIfAbsent(timer.getId().getTag("platform"), p -> new TreeMap<>());
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("count", timer.count());
            outcome.put("meanMs", Math.round(timer.mean(TimeUnit.MILLISECONDS) * 10) / 10.0);
            outcome.put("maxMs", Math.round(timer.max(TimeUnit.MILLISECONDS) * 10) / 10.0);
            platform.put(timer.getId().getTag("outcome"), outcome);
        }
        out.put("pushes", pushes);
        Map<String, Object> channels = new LinkedHashMap<>();
        state.channelStates().forEach(channel -> channels.put(channel.channelId(), ChannelsHealth.view(channel)));
        out.put("channels", channels);
        return out;
    }
}
