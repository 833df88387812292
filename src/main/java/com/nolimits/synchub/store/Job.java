package com.nolimits.synchub.store;

import java.util.List;
import java.util.UUID;

/**
 * A job of the queue ({@link JobStore}) as claimed: what its push needs to know of it, and the token of
 * this claim (only the holder of the current token may end the job).
 */
public record Job(long id, UUID productId, String channelId, String clientId, String operation,
                  List<String> fields, boolean correction, int attempts, int maxAttempts, String triggerOrigin,
                  UUID claimToken) {
}
