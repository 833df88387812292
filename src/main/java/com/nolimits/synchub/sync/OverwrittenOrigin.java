package com.nolimits.synchub.sync;

import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.merge.Change;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.JobStore;
import com.nolimits.synchub.store.PushRecordStore;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * A change is never pushed back to the platform it came from, except when a push of the hub's older
 * state may have overwritten it there: a push to that channel was in flight when the change was
 * merged (it was loaded before), or landed after the change was made on the platform. Then the
 * platform holds the older value while the hub took the change, so the applied fields go back to it.
 */
@Component
class OverwrittenOrigin {

    private final JobStore jobs;
    private final PushRecordStore pushes;

    OverwrittenOrigin(JobStore jobs, PushRecordStore pushes) {
        this.jobs = jobs;
        this.pushes = pushes;
    }

    /** The applied fields to push back to the change's own channel; empty when nothing may have overwritten them. */
    Set<ProductField> fieldsToPushBack(UUID productId, Channel origin, Change change, Set<ProductField> applied) {
        Set<ProductField> fields = EnumSet.noneOf(ProductField.class);
        applied.stream().filter(field -> origin.platform().receives(field, false)).forEach(fields::add);
        if (fields.isEmpty() || !mayBeOverwritten(productId, origin.id(), change)) {
            return Set.of();
        }
        return fields;
    }

    private boolean mayBeOverwritten(UUID productId, String channelId, Change change) {
        return jobs.isProcessing(productId, channelId) || pushes.recent(productId, channelId, 1).stream()
                .anyMatch(push -> !push.version().isBefore(change.sourceTime()));
    }
}
