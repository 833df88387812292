package com.nolimits.synchub.outbound;

/**
 * A push the platform refused or could not take. Transient failures (5xx, 429, THROTTLED, timeouts)
 * are retried with backoff; permanent ones (other 4xx, Shopify userErrors) fail the job at once.
 */
public class PushFailedException extends RuntimeException {

    private final boolean transientFailure;
    private final long retryAfterSeconds;
    private final boolean refused;

    /** A failure after which the platform may or may not have applied the request (no answer, a 5xx). */
    public PushFailedException(boolean transientFailure, String message, long retryAfterSeconds) {
        this(transientFailure, message, retryAfterSeconds, false);
    }

    private PushFailedException(boolean transientFailure, String message, long retryAfterSeconds, boolean refused) {
        super(message);
        this.transientFailure = transientFailure;
        this.retryAfterSeconds = retryAfterSeconds;
        this.refused = refused;
    }

    /** The platform refused the request for good (or it was never sent): nothing of it was applied. */
    public static PushFailedException permanent(String message) {
        return new PushFailedException(false, message, 0, true);
    }

    /** The platform refused the request for now (throttled): nothing of it was applied, try again later. */
    public static PushFailedException throttled(String message, long retryAfterSeconds) {
        return new PushFailedException(true, message, retryAfterSeconds, true);
    }

    /**
     * A platform's HTTP answer other than 2xx: 429 and 5xx are worth another try (after the
     * Retry-After given, in seconds), any other status is a request the platform will never take.
     */
    public static PushFailedException forStatus(String platform, int status, String retryAfter, String detail) {
        return forStatus(platform, status, RetryAfter.seconds(retryAfter, java.time.Instant.now()), detail);
    }

    public static PushFailedException forStatus(String platform, int status, long retryAfterSeconds, String detail) {
        String message = platform + " answered " + status + (detail == null || detail.isEmpty() ? "" : ": " + detail);
        if (status == 429) {
            return throttled(message, retryAfterSeconds);
        }
        return status >= 500 ? new PushFailedException(true, message, retryAfterSeconds) : permanent(message);
    }

    public static boolean isSuccess(int status) {
        return status >= 200 && status <= 299;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    /** Whether the platform answered that it did not apply the request (a 4xx, 429, THROTTLED, userErrors). */
    public boolean refused() {
        return refused;
    }

    /** The platform's Retry-After, 0 when it gave none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
