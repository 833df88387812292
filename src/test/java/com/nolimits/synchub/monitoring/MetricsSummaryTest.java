package com.nolimits.synchub.monitoring;

import com.nolimits.synchub.HubTest;
import com.nolimits.synchub.store.SyncStateStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET metrics sums a platform's push timers over its channels (one timer per channel and outcome). */
@HubTest
class MetricsSummaryTest {

    @Autowired
    SyncStateStore state;

    @Test
    void thePushesOfAPlatformAreSummedOverItsChannels() {
        MeterRegistry meters = new SimpleMeterRegistry();
        push(meters, "shop-a", "completed", 100);
        push(meters, "shop-a", "completed", 200);
        push(meters, "shop-b", "completed", 600);
        push(meters, "shop-b", "failed", 50);

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, Object>>> pushes =
                (Map<String, Map<String, Map<String, Object>>>) new MetricsSummary(meters, state).summary().get("pushes");

        assertThat(pushes.get("shopify").get("completed"))
                .containsEntry("count", 3L).containsEntry("meanMs", 300.0).containsEntry("maxMs", 600.0);
        assertThat(pushes.get("shopify").get("failed")).containsEntry("count", 1L).containsEntry("meanMs", 50.0);
        assertThat(pushes).containsOnlyKeys("shopify");
    }

    private static void push(MeterRegistry meters, String channel, String outcome, long millis) {
        meters.timer("sync.push.duration", "platform", "shopify", "channel", channel, "outcome", outcome)
                .record(Duration.ofMillis(millis));
    }
}
