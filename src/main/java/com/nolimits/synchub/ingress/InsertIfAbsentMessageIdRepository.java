package com.nolimits.synchub.ingress;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;

import javax.sql.DataSource;

/**
 * Camel's JDBC idempotent repository whose {@link #add} is one statement: the key is inserted unless it is
 * there (PostgreSQL's {@code on conflict do nothing}), where Camel's counts the key's rows first and then
 * inserts, two round trips on every webhook's way to its answer. Two deliveries of one event at once: the
 * second waits for the first one's transaction and is then a duplicate, or new if that one rolled back.
 */
public class InsertIfAbsentMessageIdRepository extends JdbcMessageIdRepository {

    public InsertIfAbsentMessageIdRepository(DataSource dataSource, String processorName) {
        super(dataSource, processorName);
        setInsertString(DEFAULT_INSERT_STRING + " ON CONFLICT DO NOTHING");
    }

    /** Joins the caller's transaction, as Camel's does: the key commits or rolls back with the caller's work. */
    @Override
    public boolean add(String key) {
        return Boolean.TRUE.equals(transactionTemplate.execute(status -> insert(key) == 1));
    }
}
