package com.nolimits.synchub.monitoring;

import com.nolimits.synchub.store.SyncStateStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "queue": the outbound backlog. Still UP with a backlog (the hub
 * works, pushes are late), with a warning when the oldest due job waited longer than
 * sync.monitoring.queue-warn-after-seconds.
 */
@Component("queue")
public class QueueHealth implements HealthIndicator {

    private final SyncStateStore state;
    private final long warnAfterSeconds;

    public QueueHealth(SyncStateStore state, @Value("${sync.monitoring.queue-warn-after-seconds:600}") long warnAfterSeconds) {
        this.state = state;
        this.warnAfterSeconds = warnAfterSeconds;
    }

    @Override
    public Health health() {
        long oldest = state.oldestDueJobSeconds();
        Health.Builder health = Health.up().withDetails(new java.util.LinkedHashMap<>(state.jobCounts()))
                .withDetail("oldestDueJobSeconds", oldest)
                .withDetail("openConflicts", state.openConflicts());
        if (oldest > warnAfterSeconds) {
            health.withDetail("warning", "the oldest due job has waited " + oldest + " s: is the dispatcher off "
                    + "(SYNC_QUEUE_DISPATCH_ENABLED) or a platform down?");
        }
        return health.build();
    }
}
