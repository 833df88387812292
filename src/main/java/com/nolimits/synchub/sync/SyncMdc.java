package com.nolimits.synchub.sync;

import org.slf4j.MDC;

import java.util.UUID;

/**
 * Puts the product, channel and origin a thread is working on into the logging context (MDC), so every
 * log line of that work carries them: as separate keys in structured (JSON) logs, and as one "sync"
 * key that the text pattern prints (application.yaml logging.pattern.level).
 */
public final class SyncMdc implements AutoCloseable {

    private static final String[] KEYS = {"productId", "channelId", "origin", "sync"};

    private SyncMdc() {
    }

    /** @param productId null when not known yet (e.g. an event about to create a product) */
    public static SyncMdc of(UUID productId, String channelId, String origin) {
        put("productId", productId == null ? null : productId.toString());
        put("channelId", channelId);
        put("origin", origin);
        StringBuilder line = new StringBuilder();
        append(line, "product", productId == null ? null : productId.toString());
        append(line, "channel", channelId);
        append(line, "origin", origin);
        put("sync", line.isEmpty() ? null : "[" + line + "] ");
        return new SyncMdc();
    }

    /** The context set earlier on this thread, to be closed (cleared) with try-with-resources. */
    public static SyncMdc current() {
        return new SyncMdc();
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    private static void append(StringBuilder line, String name, String value) {
        if (value != null) {
            line.append(line.isEmpty() ? "" : " ").append(name).append('=').append(value);
        }
    }

    @Override
    public void close() {
        for (String key : KEYS) {
            MDC.remove(key);
        }
    }
}
