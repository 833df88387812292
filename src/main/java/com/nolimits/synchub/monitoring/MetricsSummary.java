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
        Map<String, Map<String, Pushes>> pushes = new TreeMap<>();
        for (Timer timer : meters.find("sync.push.duration").timers()) { // one per channel: summed per platform
            pushes.computeIfAbsent(timer.getId().getTag("platform"), p -> new TreeMap<>())
                    .merge(timer.getId().getTag("outcome"), Pushes.of(timer), Pushes::plus);
        }
        Map<String, Map<String, Object>> pushViews = new TreeMap<>();
        pushes.forEach((platform, outcomes) -> outcomes.forEach((outcome, totals) ->
                pushViews.computeIfAbsent(platform, p -> new TreeMap<>()).put(outcome, totals.view())));
        out.put("pushes", pushViews);
        Map<String, Object> channels = new LinkedHashMap<>();
        state.channelStates().forEach(channel -> channels.put(channel.channelId(), ChannelsHealth.view(channel)));
        out.put("channels", channels);
        return out;
    }

    /** The push attempts of one platform and outcome, over its channels' timers. */
    private record Pushes(long count, double totalMs, double maxMs) {

        static Pushes of(Timer timer) {
            return new Pushes(timer.count(), timer.totalTime(TimeUnit.MILLISECONDS), timer.max(TimeUnit.MILLISECONDS));
        }

        Pushes plus(Pushes other) {
            return new Pushes(count + other.count, totalMs + other.totalMs, Math.max(maxMs, other.maxMs));
        }

        Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("count", count);
            view.put("meanMs", count == 0 ? 0.0 : Math.round(totalMs / count * 10) / 10.0);
            view.put("maxMs", Math.round(maxMs * 10) / 10.0);
            return view;
        }
    }
}
