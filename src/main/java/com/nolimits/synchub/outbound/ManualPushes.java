package com.nolimits.synchub.outbound;

import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.channel.SyncProperties;
import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.FullSyncStore;
import com.nolimits.synchub.store.JobStore;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
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
    public static final int SYNC_NOW_PRIORITY = 100;

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
        for (Channel channel : channels(clientId)) {
            if (!skipPlatforms.contains(channel.platform())) {
                queued.put(channel.id(), enqueue(productId, channel, priority, null));
            }
        }
        return queued;
    }

    /** Queues every product of the client to the given channels (all of the client's when empty). */
    @Transactional
    public long fullSync(String clientId, Collection<Channel> targets) {
        long id = fullSyncs.start(clientId, targets.stream().map(Channel::id).toList());
        int total = 0;
        for (UUID productId : fullSyncs.productIds(clientId)) {
            for (Channel channel : targets) {
                enqueue(productId, channel, 0, id);
                total++;
            }
        }
        fullSyncs.setTotal(id, total);
        return id;
    }

    public List<Channel> channels(String clientId) {
        List<Channel> out = new ArrayList<>();
        for (Channel channel : directory.channels()) {
            if (channel.clientId().equals(clientId) && channel.settings().isEnabled()) {
                out.add(channel);
            }
        }
        return out;
    }

    private long enqueue(UUID productId, Channel channel, int priority, Long fullSyncId) {
        List<String> fields = Arrays.stream(ProductField.values())
                .filter(field -> field != ProductField.AVAILABLE && channel.platform().receives(field, false))
                .map(ProductField::key).toList();
        return jobs.enqueue(productId, channel.id(), channel.clientId(), channel.platform(), fields, false, priority,
                Origin.NOLIMITS, fullSyncId == null ? "manual" : "full-sync-" + fullSyncId,
                properties.getQueue().getMaxRetries(), fullSyncId);
    }
}
