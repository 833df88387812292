package com.nolimits.synchub.outbound;

/**
 * A push the platform refused or could not take. Transient failures (5xx, 429, THROTTLED, timeouts)
 * are retried with backoff; permanent ones (other 4xx, Shopify userErrors) fail the job at once.
 */
public class PushFailedException extends RuntimeException {

    private final boolean transientFailure;
    private final long retryAfterSeconds;

    public PushFailedException(boolean transientFailure, String message, long retryAfterSeconds) {
        super(message);
        this.transientFailure = transientFailure;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static PushFailedException permanent(String message) {
        return new PushFailedException(false, message, 0);
    }

    /**
     * A platform's HTTP answer other than 2xx: 429 and 5xx are worth another try (after the
     * Retry-After given, in seconds), any other status is a request the platform will never take.
     */
    public static PushFailedException forStatus(String platform, int status, long retryAfterSeconds, String detail) {
        String message = platform + " answered " + status + (detail == null || detail.isEmpty() ? "" : ": " + detail);
        return status == 429 || status >= 500 ? new PushFailedException(true, message, retryAfterSeconds) : permanent(message);
    }

    public static boolean isSuccess(int status) {
        return status >= 200 && status <= 299;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public static PushFailedException forStatus(String platform, int status, String retryAfter, String detail) {
        return forStatus(platform, status, RetryAfter.seconds(retryAfter, java.time.Instant.now()), detail);
    }

    /** The platform's Retry-After, 0 when it gave none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
