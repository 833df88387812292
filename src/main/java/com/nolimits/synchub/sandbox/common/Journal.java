package com.nolimits.synchub.sandbox.common;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every API call a sandbox received from the hub, newest last, so a test can assert exactly what the
 * hub sent and how many calls it took. Bounded: the oldest entries go first.
 */
public class Journal {

    /**
     * One API call; credentials are never recorded. {@code errorCode} is the code of an error the answer
     * carried with a 200 (Shopify's GraphQL: THROTTLED), else null.
     */
    public record Entry(long seq, Instant at, String method, String path, String query, String operation,
                        Object body, int status, String errorCode) {
    }

    private static final int LIMIT = 20_000;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final AtomicLong seq = new AtomicLong();

    public void record(String method, String path, String query, String operation, Object body, int status) {
        record(method, path, query, operation, body, status, null);
    }

    public synchronized void record(String method, String path, String query, String operation, Object body, int status,
                                    String errorCode) {
        entries.addLast(new Entry(seq.incrementAndGet(), Instant.now(), method, path, query, operation, body, status, errorCode));
        if (entries.size() > LIMIT) {
            entries.removeFirst();
        }
    }

    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    public synchronized void clear() {
        entries.clear();
    }

    public Map<String, Object> view() {
        List<Entry> all = entries();
        return Map.of("count", all.size(), "entries", all);
    }
}
