package com.nolimits.synchub;

import com.nolimits.synchub.channel.SyncProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * A stop ends the process in bounded time. Spring stops the web server (graceful), then Camel's routes
 * and Quartz, then closes the data source and the embedded database, in that order. Should anything
 * in flight still hang after {@code sync.shutdown.deadline} (a platform that never answers, a poll
 * stuck on the network), this stops the embedded database cleanly and ends the JVM: what was
 * acknowledged is committed (the database syncs every commit), and what was not is retried by the
 * platforms or picked up from the inbox at the next start.
 */
@Component
class ShutdownDeadline implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDeadline.class);

    private final Duration deadline;
    private final EmbeddedPostgres embedded;
    private final Thread hook = new Thread(this::startWatchdog, "shutdown-deadline-hook");

    ShutdownDeadline(SyncProperties properties, ObjectProvider<EmbeddedPostgres> embedded) {
        this.deadline = properties.getShutdown().getDeadline();
        this.embedded = embedded.getIfAvailable(); // taken now: at the deadline the bean factory may be gone
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** A context closed while the JVM goes on (tests, a refresh) needs no deadline. */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is stopping: the watchdog is already running
        }
    }

    /** Runs as a JVM shutdown hook, beside Spring's: returns at once, the watchdog is a daemon that dies with the JVM. */
    private void startWatchdog() {
        Thread watchdog = new Thread(this::haltWhenOverdue, "shutdown-deadline");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private void haltWhenOverdue() {
        try {
            Thread.sleep(deadline.toMillis());
        } catch (InterruptedException e) {
            return;
        }
        log.error("The hub did not stop within {}: stopping the database and ending the process", deadline);
        if (embedded != null) {
            try {
                embedded.close();
            } catch (Exception e) {
                log.error("The embedded database did not stop: {}", e.getMessage());
            }
        }
        Runtime.getRuntime().halt(1);
    }
}
