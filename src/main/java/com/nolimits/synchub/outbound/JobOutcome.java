package com.nolimits.synchub.outbound;

import com.nolimits.synchub.channel.SyncProperties;
import com.nolimits.synchub.store.Job;
import com.nolimits.synchub.store.JobClaims;
import com.nolimits.synchub.store.JobStore;
import com.nolimits.synchub.store.LinkStore;
import com.nolimits.synchub.store.ProductStore;
import com.nolimits.synchub.store.PushRecordStore;
import com.nolimits.synchub.store.SyncLogStore;
import com.nolimits.synchub.store.SyncStatus;
import com.nolimits.synchub.sync.SyncMdc;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends a push attempt: completes the job, or retries it with exponential backoff (first delay
 * sync.queue.retry-delay, doubled per attempt, at least the platform's Retry-After), or fails it
 * after the last attempt or at once for a permanent error, marking the product ERROR. A job that ran out
 * of attempts on transient errors is queued again after sync.queue.recovery-delay
 * (routes/failed-push-recovery.camel.yaml), at most sync.queue.max-recoveries times.
 * <p>
 * Each outcome is one transaction that first locks the job if this claim still holds it (JobClaims#lockIfHeld):
 * an answer that comes after the job's lease ran out and another instance took it over is written to the
 * product's log and changes nothing else.
 */
@Component
public class JobOutcome {

    private static final Logger log = LoggerFactory.getLogger(JobOutcome.class);

    private final JobStore jobs;
    private final ProductStore products;
    private final LinkStore links;
    private final SyncLogStore logs;
    private final PushRecordStore pushRecords;
    private final Clock clock;
    private final long retryDelayMs;
    private final long recoveryDelayMs;
    private final int maxRecoveries;
    private final MeterRegistry meters;
    private final JobClaims claims;
    private final JobLeases leases;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public JobOutcome(JobStore jobs, ProductStore products, LinkStore links, SyncLogStore logs,
                      PushRecordStore pushRecords, Clock clock, MeterRegistry meters, JobClaims claims, JobLeases leases,
                      SyncProperties properties) {
        this.retryDelayMs = properties.getQueue().getRetryDelay().toMillis();
        this.recoveryDelayMs = properties.getQueue().getRecoveryDelay().toMillis();
        this.maxRecoveries = properties.getQueue().getMaxRecoveries();
        this.meters = meters;
        this.claims = claims;
        this.leases = leases;
        this.jobs = jobs;
        this.products = products;
        this.links = links;
        this.logs = logs;
        this.pushRecords = pushRecords;
        this.clock = clock;
    }

    @Transactional
    public void completed(Exchange exchange) {
        try (SyncMdc ignored = SyncMdc.current()) {
            complete(exchange.getProperty(Push.PROPERTY, Push.class));
        }
    }

    @Transactional
    public void complete(Push push) {
        if (!stillHeld(push.job(), push, "pushed")) {
            return;
        }
        products.lockRow(push.product().id()); // before the link (ProductStore#lockRow)
        timed(push, "completed");
        log.info("Pushed product {} to {} ({}, attempt {})", push.product().id(), push.channel().id(),
                String.join(", ", push.job().fields()), push.job().attempts());
        jobs.complete(push.job().id());
        links.setStatus(push.product().id(), push.channel().id(), SyncStatus.SYNCED.name(), null);
        products.markSyncedUnlessBusy(push.product().id());
    }

    /** Error handler step (routes/outbound-error-handling.camel.yaml): the failed push, or every push of a failed batch call. */
    @Transactional
    public void failed(Exchange exchange) {
        try (SyncMdc ignored = SyncMdc.current()) {
            failedAttempt(exchange);
        }
    }

    private void failedAttempt(Exchange exchange) {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        @SuppressWarnings("unchecked")
        List<Push> batch = exchange.getProperty(Push.BATCH_PROPERTY, List.class);
        if (batch != null) { // one failed call: its jobs retry together, so they go in one batch again
            Instant failedAt = clock.instant();
            batch.forEach(push -> retryOrFail(push.job(), push, error, failedAt));
            return;
        }
        Push push = exchange.getProperty(Push.PROPERTY, Push.class);
        retryOrFail(push != null ? push.job() : exchange.getIn().getBody(Job.class), push, error);
    }

    /** @param push the push, or null when the job failed before its push could be loaded */
    @Transactional
    public void retryOrFail(Job job, Push push, Exception error) {
        retryOrFail(job, push, error, clock.instant());
    }

    private void retryOrFail(Job job, Push push, Exception error, Instant failedAt) {
        if (!stillHeld(job, push, cause(error, JobTakenOverException.class) != null ? "not pushed" : "failed")) {
            return;
        }
        boolean productExists = products.lockRow(job.productId()); // before the link (ProductStore#lockRow)
        ChannelNeedsConnectException needsConnect = cause(error, ChannelNeedsConnectException.class);
        if (needsConnect != null) { // nothing was sent, and no retry helps: the job waits for the channel
            pushRecords.discardInFlight(job.productId(), job.channelId());
            jobs.waitForConnect(job.id(), needsConnect.getMessage());
            log.info("Push of product {} to {} waits: {}", job.productId(), job.channelId(), needsConnect.getMessage());
            return;
        }
        String message = error == null ? "unknown error" : error.getClass().getSimpleName() + ": " + error.getMessage();
        boolean transientFailure = isTransient(error);
        String channelId = job.channelId();
        if (error instanceof PushFailedException p && p.refused()) {
            pushRecords.discardInFlight(job.productId(), channelId); // the platform said it changed nothing
        } else {
            // what this attempt may have changed on the platform happened by now at the latest
            pushRecords.settleInFlight(job.productId(), channelId, clock.instant());
        }
        if (!productExists) { // deleted meanwhile (only by hand: the hub never deletes)
            jobs.fail(job.id(), "the product no longer exists");
            return;
        }
        boolean retry = transientFailure && job.attempts() < job.maxAttempts();
        if (push != null) {
            timed(push, retry ? "retried" : "failed");
        }
        if (retry) {
            long backoff = retryDelayMs << Math.max(0, job.attempts() - 1);
            long retryAfter = error instanceof PushFailedException p ? p.retryAfterSeconds() * 1000 : 0;
            Instant when = failedAt.plus(Duration.ofMillis(Math.max(backoff, retryAfter)));
            jobs.retryAt(job.id(), when, message);
            log.warn("Push of product {} to {} failed (attempt {} of {}), retry at {}: {}", job.productId(), channelId,
                    job.attempts(), job.maxAttempts(), when, message);
            logs.append(List.of(entry(job, push, false, "attempt " + job.attempts() + " failed, retry at " + when + ": " + message)));
            return;
        }
        Instant recoverAt = transientFailure ? clock.instant().plusMillis(recoveryDelayMs) : null;
        boolean recovers = jobs.failRecoverable(job.id(), message, recoverAt, maxRecoveries);
        links.setStatus(job.productId(), channelId, SyncStatus.ERROR.name(), message);
        products.setSyncStatus(job.productId(), SyncStatus.ERROR);
        String then = recovers ? ", queued again at " + recoverAt : "";
        log.error("Push of product {} to {} failed after {} attempt(s){}: {}", job.productId(), channelId,
                job.attempts(), then, message);
        logs.append(List.of(entry(job, push, false, "failed after " + job.attempts() + " attempt(s)" + then + ": " + message)));
    }

    /**
     * Locks the job for its outcome if this claim still holds it. Otherwise the job was taken over (this
     * instance was paused or cut off past the lease): the late answer goes to the log, nothing else changes.
     */
    private boolean stillHeld(Job job, Push push, String whatHappened) {
        leases.release(job);
        if (claims.lockIfHeld(job)) {
            return true;
        }
        log.warn("Job {} ({} of product {} to {}) was taken over by another claim; this late answer changes nothing",
                job.id(), whatHappened, job.productId(), job.channelId());
        logs.append(List.of(entry(job, push, true, "late answer ignored (" + whatHappened
                + "): the job's lease ran out and another claim took it over")));
        return false;
    }

    /** sync.push.duration{platform, channel, outcome}: one attempt, from claim to answer. */
    private void timed(Push push, String outcome) {
        // held per channel and outcome: a registry look-up builds and hashes the meter's id on every push
        timers.computeIfAbsent(push.channel().id() + '\n' + outcome, key ->
                        Timer.builder("sync.push.duration").description("one push attempt, from its claim to the platform's answer")
                                .tag("platform", push.channel().platform().name().toLowerCase()).tag("channel", push.channel().id())
                                .tag("outcome", outcome).publishPercentileHistogram().register(meters))
                .record(System.nanoTime() - push.startedNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static SyncLogStore.Entry entry(Job job, Push push, boolean success, String message) {
        String platform = push == null ? null : push.channel().platform().name().toLowerCase();
        SyncLogStore.Entry entry = SyncLogStore.Entry.of(job.productId(), job.clientId(), "push",
                com.nolimits.synchub.merge.Origin.valueOf(job.triggerOrigin())).to(platform, job.channelId()).fields(job.fields());
        return success ? entry.note(message) : entry.failed(message);
    }

    private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** 5xx, 429, THROTTLED, timeouts and refused connections are worth another try; the rest is not. */
    static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof PushFailedException p) {
                return p.isTransient();
            }
            if (t instanceof IOException) {
                return true;
            }
            // the hub's own database failed for now (a deadlock victim, a lock timeout, no connection): the
            // transaction was rolled back, and the push is worth another attempt like any other blip
            if (t instanceof org.springframework.dao.TransientDataAccessException
                    || t instanceof org.springframework.dao.RecoverableDataAccessException
                    || t instanceof org.springframework.dao.DataAccessResourceFailureException) {
                return true;
            }
        }
        return false;
    }
}
