package com.nolimits.synchub.store;

import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.Platform;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A push to queue, built by name: {@code NewJob.of(product, channel, client, platform).fields(...)
 * .triggeredBy(origin, eventId).attempts(max)}, with {@code correction()} and {@code priority(p)} where
 * they apply. Fields default to none, the priority to {@link JobPriority#LIVE}, the trigger to NOLIMITS;
 * attempts must be set.
 */
public record NewJob(UUID productId, String channelId, String clientId, Platform platform, Collection<String> fields,
                     boolean correction, int priority, Origin trigger, String triggerEventId, int maxAttempts, Long fullSyncId) {

    public static NewJob of(UUID productId, String channelId, String clientId, Platform platform) {
        return new NewJob(productId, channelId, clientId, platform, List.of(), false, JobPriority.LIVE, Origin.NOLIMITS, null, 0, null);
    }

    public NewJob fields(Collection<String> names) {
        return new NewJob(productId, channelId, clientId, platform, names, correction, priority, trigger, triggerEventId, maxAttempts, fullSyncId);
    }

    /** A stock correction (a shop reported more than the hub has): pushes stock only down. */
    public NewJob correction(boolean isCorrection) {
        return new NewJob(productId, channelId, clientId, platform, fields, isCorrection, priority, trigger, triggerEventId, maxAttempts, fullSyncId);
    }

    public NewJob priority(int value) {
        return new NewJob(productId, channelId, clientId, platform, fields, correction, value, trigger, triggerEventId, maxAttempts, fullSyncId);
    }

    public NewJob triggeredBy(Origin origin, String eventId) {
        return new NewJob(productId, channelId, clientId, platform, fields, correction, priority, origin, eventId, maxAttempts, fullSyncId);
    }

    public NewJob attempts(int max) {
        return new NewJob(productId, channelId, clientId, platform, fields, correction, priority, trigger, triggerEventId, max, fullSyncId);
    }
}
