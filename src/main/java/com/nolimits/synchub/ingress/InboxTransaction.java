package com.nolimits.synchub.ingress;

import com.nolimits.synchub.camel.RouteGateway;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs routes/webhook-inbox.camel.yaml (the idempotent consumer and the inbox insert) in one database
 * transaction: the dedup key and the stored event commit together or not at all. A failure rolls
 * back and is rethrown, so the webhook route's shared error handling answers it (503 when the
 * database is the problem). Camel's own transacted error handler would swallow it as exhausted.
 */
@Component("inboxTransaction")
public class InboxTransaction {

    private final TransactionTemplate transaction;
    private final RouteGateway routes;

    public InboxTransaction(PlatformTransactionManager transactionManager, RouteGateway routes) {
        this.transaction = new TransactionTemplate(transactionManager);
        this.routes = routes;
    }

    public void store(Exchange exchange) {
        transaction.executeWithoutResult(status -> {
            routes.send("direct:webhook-inbox", exchange);
            Exception failure = exchange.getException();
            if (failure != null) {
                exchange.setException(null);
                throw failure instanceof RuntimeException runtime ? runtime : new RuntimeCamelException(failure);
            }
        });
    }
}
