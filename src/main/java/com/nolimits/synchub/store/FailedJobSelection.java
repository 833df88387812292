package com.nolimits.synchub.store;

import java.util.UUID;

/**
 * Which of a client's failed jobs a person queues again: all, or those of one product, one channel, one
 * error (the exact words of the job's last error, as the failed-work view groups them) or one job. A null
 * narrows nothing.
 */
public record FailedJobSelection(String clientId, UUID productId, String channelId, String error, Long jobId) {

    public static FailedJobSelection ofProduct(String clientId, UUID productId) {
        return new FailedJobSelection(clientId, productId, null, null, null);
    }

    /** A client's failed jobs, of one channel and one error where they are given. */
    public static FailedJobSelection ofGroup(String clientId, String channelId, String error) {
        return new FailedJobSelection(clientId, null, channelId, error, null);
    }

    public static FailedJobSelection ofJob(String clientId, long jobId) {
        return new FailedJobSelection(clientId, null, null, null, jobId);
    }
}
