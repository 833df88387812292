package com.nolimits.synchub.ingress;

import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.PushRecordStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Recognises a webhook that only reports back what the hub pushed (docs/architecture.md, "Echo detection"):
 * its values for the pushed fields equal one of the recorded pushes, and it is not newer than the hub's
 * latest push to that channel. So the late echo of an older push is caught too, while a merchant's
 * later edit back to an old value (newer than every push) is not.
 */
@Component
public class EchoFilter {

    static final int PUSHES_REMEMBERED = 20;
    private final PushRecordStore pushes;

    public EchoFilter(PushRecordStore pushes) {
        this.pushes = pushes;
    }

    public boolean isEcho(UUID productId, String channelId, Map<ProductField, Object> incoming, Instant sourceTime) {
        return isEcho(pushes.recent(productId, channelId, PUSHES_REMEMBERED), incoming, sourceTime);
    }

    /** @param recent the latest pushes to the channel (at most {@link #PUSHES_REMEMBERED}) */
    static boolean isEcho(List<PushRecordStore.PushRecord> recent, Map<ProductField, Object> incoming, Instant sourceTime) {
        Optional<Instant> latest = recent.stream().map(PushRecordStore.PushRecord::version).max(Instant::compareTo);
        if (latest.isEmpty() || sourceTime.isAfter(latest.get())) {
            return false;
        }
        return recent.stream().anyMatch(push -> matches(push.values(), incoming));
    }

    private static boolean matches(Map<String, Object> pushed, Map<ProductField, Object> incoming) {
        int compared = 0;
        for (Map.Entry<String, Object> entry : pushed.entrySet()) {
            ProductField field = ProductField.byKey(entry.getKey()).orElse(null);
            if (field == null || !incoming.containsKey(field)) {
                continue;
            }
            if (!Objects.equals(field.canonical(entry.getValue()), incoming.get(field))) {
                return false;
            }
            compared++;
        }
        return compared > 0;
    }
}
