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

    public boolean isTransient() {
        return transientFailure;
    }

    /** The platform's Retry-After, 0 when it gave none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
