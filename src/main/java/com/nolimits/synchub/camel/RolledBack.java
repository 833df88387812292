package com.nolimits.synchub.camel;

import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.springframework.stereotype.Component;

/**
 * The second half of routes/transaction-error-handling.camel.yaml. A transacted route that fails rolls its
 * transaction back and keeps the failure in {@link #PROPERTY} instead of throwing it: thrown, Camel's
 * transaction error handler would count it as handled (exhausted), and the calling route's own error
 * handling (a 503 for the platform, a retry for an inbox event) would never see it. The caller's next step
 * raises it again here, after the rollback, where that handling runs.
 */
@Component("rolledBack")
public class RolledBack {

    /** The failure a transacted route rolled back. */
    public static final String PROPERTY = ExchangeKeys.ROLLED_BACK_BY;

    /** Throws the failure the transacted route just rolled back, if it did; clears it so it is raised once. */
    public void raise(Exchange exchange) throws Exception {
        Throwable failure = exchange.getProperty(PROPERTY, Throwable.class);
        if (failure == null) {
            return;
        }
        exchange.removeProperty(PROPERTY);
        throw failure instanceof Exception e ? e : new RuntimeCamelException(failure);
    }
}
