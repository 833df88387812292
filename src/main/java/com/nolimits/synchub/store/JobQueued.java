package com.nolimits.synchub.store;

import java.util.UUID;

/**
 * Published when jobs are queued (productId null: many); the dispatcher is woken once the transaction
 * commits, and the batch routes too when full-sync jobs may be among them.
 */
public record JobQueued(UUID productId, String channelId, boolean fullSync) {
}
