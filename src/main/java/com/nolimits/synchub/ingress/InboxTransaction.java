package com.nolimits.synchub.ingress;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
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
    private final ProducerTemplate producer;

    public InboxTransaction(PlatformTransactionManager transactionManager, ProducerTemplate producer) {
        this.transaction = new TransactionTemplate(transactionManager);
        this.producer = producer;
    }

    public void store(Exchange exchange) {
        transaction.executeWithoutResult(status -> {
            producer.send("direct:webhook-inbox", exchange);
            Exception failure = exchange.getException();
            if (failure != null) {
                exchange.setException(null);
                throw failure instanceof RuntimeException runtime ? runtime : new RuntimeCamelException(failure);
            }
        });
    }
}
