package com.nolimits.synchub.outbound;

import com.nolimits.synchub.camel.RouteGateway;
import com.nolimits.synchub.store.JobQueued;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Wakes routes/outbound-dispatch.camel.yaml as soon as a queued job is committed, so a change is pushed at
 * once rather than at the next poll, and routes/push-woocommerce-batch.camel.yaml when a full sync queued jobs.
 * One pending wake-up is enough: extra ones are dropped.
 */
@Component
public class DispatcherWakeup {

    private static final String ONE_PENDING = "?size=1&blockWhenFull=false&discardWhenFull=true"
            + "&discardIfNoConsumers=true&waitForTaskToComplete=Never";
    static final String WAKE = "seda:outbound-dispatch" + ONE_PENDING;
    /** routes/push-woocommerce-batch.camel.yaml, which takes full-sync jobs of WooCommerce channels. */
    static final String WAKE_BATCH = "seda:push-woocommerce-batch" + ONE_PENDING;

    private final RouteGateway routes;

    public DispatcherWakeup(RouteGateway routes) {
        this.routes = routes;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    public void jobQueued(JobQueued event) {
        routes.wake(WAKE);
        if (event.fullSync()) {
            routes.wake(WAKE_BATCH);
        }
    }
}
