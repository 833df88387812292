package com.nolimits.synchub;

/** Quartz settings of test contexts. */
public final class TestSchedules {

    /**
     * Each test context gets a Quartz scheduler of its own name: contexts share the test database, and
     * with one clustered name a tick could fire in another (cached) context, against that context's sandboxes.
     */
    public static final String OWN_SCHEDULER = "spring.quartz.scheduler-name=hub-test-${random.uuid}";

    /** The pollers stay out of tests that do not ask for them (their calls would show in the sandbox journals). */
    public static final String NO_POLLING = "sync.jtl.first-poll-delay=3600000";
    public static final String NO_SWEEPS = "sync.reconcile.first-sweep-delay=3600000";
    /** Cached contexts leave the change-event outbox to the cluster-mode tests, which publish it to Kafka. */
    public static final String NO_CHANGE_EVENTS = "sync.change-events.interval=3600000";

    private TestSchedules() {
    }
}
