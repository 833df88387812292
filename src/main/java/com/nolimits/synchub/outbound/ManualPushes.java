package com.nolimits.synchub.outbound;

import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.channel.SyncProperties;
import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.FullSyncStore;
import com.nolimits.synchub.store.JobStore;
import com.nolimits.synchub.store.NewJob;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Pushes a person asks for through the API (sync now, queue, full sync): jobs with every field the
 * channel's platform receives, except stock, which is pushed only when it changed (a product new to a
 * channel is created there with its stock all the same).
 */
@Component
public class ManualPushes {

    /** Sync-now jobs go before everything queued by webhooks and edits. */
    public static final int SYNC_NOW_PRIORITY = com.nolimits.synchub.store.JobPriority.SYNC_NOW;

    private final ClientDirectory directory;
    private final JobStore jobs;
    private final FullSyncStore fullSyncs;
    private final SyncProperties properties;

    public ManualPushes(ClientDirectory directory, JobStore jobs, FullSyncStore fullSyncs, SyncProperties properties) {
        this.directory = directory;
        this.jobs = jobs;
        this.fullSyncs = fullSyncs;
        this.properties = properties;
    }

    /** @return channel id -> job id, one per enabled channel of the client not on a skipped platform */
    @Transactional
    public Map<String, Long> queue(UUID productId, String clientId, Set<Platform> skipPlatforms, int priority) {
        Map<String, Long> queued = new LinkedHashMap<>();
        for (Channel channel : directory.channelsOf(clientId)) {
            if (!skipPlatforms.contains(channel.platform())) {
                queued.put(channel.id(), enqueue(productId, channel, priority));
            }
        }
        return queued;
    }

    /** Queues every product of the client to the given channels, one statement per channel. */
    @Transactional
    public long fullSync(String clientId, Collection<Channel> targets) {
        long id = fullSyncs.start(clientId, targets.stream().map(Channel::id).toList());
        int total = 0;
        for (Channel channel : targets) {
            total += jobs.enqueueAllOfClient(clientId, channel.id(), channel.platform(), fields(channel),
                    "full-sync-" + id, properties.getQueue().getMaxRetries(), id);
        }
        fullSyncs.setTotal(id, total);
        return id;
    }

    private long enqueue(UUID productId, Channel channel, int priority) {
        long id = jobs.enqueue(NewJob.of(productId, channel.id(), channel.clientId(), channel.platform())
                .fields(fields(channel)).priority(priority).triggeredBy(Origin.NOLIMITS, "manual")
                .attempts(properties.getQueue().getMaxRetries()));
        jobs.makeDueNow(id); // it may have joined a job waiting for a retry
        return id;
    }

    /** Every field the channel's platform receives, except stock (pushed only when it changed). */
    private static List<String> fields(Channel channel) {
        return Arrays.stream(ProductField.values())
                .filter(field -> field != ProductField.AVAILABLE && channel.platform().receives(field, false))
                .map(ProductField::key).toList();
    }
}
