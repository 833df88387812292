package com.nolimits.synchub.monitoring;

import com.nolimits.synchub.channel.SyncProperties;
import com.nolimits.synchub.store.SyncStateStore;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "queue": the outbound backlog. Still UP with a backlog (the hub
 * works, pushes are late), with a warning when the oldest due job waited longer than
 * sync.monitoring.queue-warn-after. With several instances it shows which instance holds how many
 * jobs, and warns of jobs whose lease ran out unrenewed: their instance died or is paused, and another
 * instance takes them over at its next claim.
 */
@Component("queue")
public class QueueHealth implements HealthIndicator {

    private final SyncStateStore state;
    private final long warnAfterSeconds;

    public QueueHealth(SyncStateStore state, SyncProperties properties) {
        this.state = state;
        this.warnAfterSeconds = properties.getMonitoring().getQueueWarnAfter().toSeconds();
    }

    @Override
    public Health health() {
        long oldest = state.oldestDueJobSeconds();
        SyncStateStore.HeldJobs held = state.heldJobs();
        Health.Builder health = Health.up().withDetails(new java.util.LinkedHashMap<>(state.jobCounts()))
                .withDetail("oldestDueJobSeconds", oldest)
                .withDetail("processingByInstance", held.byInstance())
                .withDetail("openConflicts", state.openConflicts());
        if (oldest > warnAfterSeconds) {
            health.withDetail("warning", "the oldest due job has waited " + oldest + " s: is the dispatcher off "
                    + "(SYNC_QUEUE_DISPATCH_ENABLED) or a platform down?");
        }
        if (!held.leasesRunOut().isEmpty()) {
            health.withDetail("leasesRunOut", held.leasesRunOut()).withDetail("leaseWarning", "jobs of "
                    + String.join(", ", held.leasesRunOut().keySet()) + " were not renewed within SYNC_QUEUE_LEASE_SECONDS: "
                    + "that instance stopped or is paused; another instance takes them over");
        }
        return health.build();
    }
}
