package com.nolimits.synchub.sync;

import com.nolimits.synchub.merge.Change;
import com.nolimits.synchub.merge.FieldStamp;
import com.nolimits.synchub.merge.MergeResult;
import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.OwnershipMerge;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.merge.ProductSnapshot;
import com.nolimits.synchub.store.ConflictStore;
import com.nolimits.synchub.store.SyncLogStore;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a merge decided, written down in the change's transaction: the product's sync log (applied, ignored
 * with why, conflicts) and the conflict records a person resolves (accept_local, accept_remote, merge).
 */
@Component
class MergeRecords {

    private final OwnershipMerge merge;
    private final SyncLogStore logs;
    private final ConflictStore conflicts;

    MergeRecords(OwnershipMerge merge, SyncLogStore logs, ConflictStore conflicts) {
        this.merge = merge;
        this.logs = logs;
        this.conflicts = conflicts;
    }

    void record(UUID id, String clientId, ProductSnapshot before, Change change, MergeResult result) {
        logs.append(logEntries(id, clientId, before, change, result));
        recordConflicts(id, clientId, result);
    }

    private List<SyncLogStore.Entry> logEntries(UUID id, String clientId, ProductSnapshot before, Change change,
                                                MergeResult result) {
        List<SyncLogStore.Entry> entries = new ArrayList<>();
        Origin origin = change.origin();
        if (!result.applied().isEmpty()) {
            entries.add(SyncLogStore.Entry.of(id, clientId, result.created() ? "create" : "update", origin).from(change.channelId())
                    .fields(keys(result.applied().keySet())).before(keyed(result.previous())).after(keyed(result.applied())));
        }
        for (MergeResult.Ignored ignored : result.ignored()) {
            entries.add(SyncLogStore.Entry.of(id, clientId, "ignore", origin).from(change.channelId())
                    .fields(List.of(ignored.field().key())).after(keyed(one(ignored.field(), ignored.value())))
                    .failed(ignored.reason() + ": " + explain(clientId, before, change, ignored)));
        }
        for (MergeResult.ConflictDecision c : result.conflicts()) {
            FieldStamp winner = c.incomingWon() ? c.incoming() : c.current();
            entries.add(SyncLogStore.Entry.of(id, clientId, "conflict", origin).from(change.channelId())
                    .fields(List.of(c.field().key())).before(keyed(one(c.field(), c.currentValue())))
                    .after(keyed(one(c.field(), c.incomingValue())))
                    .note((c.open() ? "open: " : "auto-resolved: ") + c.group().key() + " field keeps the " + winner.origin() + " value"));
        }
        return entries;
    }

    private String explain(String clientId, ProductSnapshot before, Change change, MergeResult.Ignored ignored) {
        return switch (ignored.reason()) {
            case NOT_PERMITTED -> change.origin() + " may not write " + merge.rules()
                    .groupOf(clientId, before.ownershipOverrides(), ignored.field()).key() + " field "
                    + ignored.field().key();
            case STALE -> "a later write of " + ignored.field().key() + " already exists";
            case LOST_CONFLICT -> "the other side of the conflict on " + ignored.field().key() + " won";
        };
    }

    private void recordConflicts(UUID id, String clientId, MergeResult result) {
        for (MergeResult.ConflictDecision c : result.conflicts()) {
            // "local" is the No-Limits side when one side is the hub; otherwise the value the hub held
            boolean incomingIsLocal = c.incoming().origin() == Origin.NOLIMITS && c.current().origin() != Origin.NOLIMITS;
            Object localValue = incomingIsLocal ? c.incomingValue() : c.currentValue();
            FieldStamp local = incomingIsLocal ? c.incoming() : c.current();
            Object remoteValue = incomingIsLocal ? c.currentValue() : c.incomingValue();
            FieldStamp remote = incomingIsLocal ? c.current() : c.incoming();
            conflicts.record(id, clientId, c.field().key(), localValue, local.origin(), local.at(),
                    remoteValue, remote.origin(), remote.at(),
                    c.open() ? ConflictStore.Status.OPEN : ConflictStore.Status.AUTO_RESOLVED,
                    c.open() ? null : c.group().key() + "_prefers_" + (c.incomingWon() ? c.incoming() : c.current()).origin());
        }
    }

    static List<String> keys(Set<ProductField> fields) {
        return fields.stream().map(ProductField::key).toList();
    }

    static Map<String, Object> keyed(Map<ProductField, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((field, value) -> out.put(field.key(), value));
        return out;
    }

    /** A one-entry map that, unlike Map.of, takes a null value (a cleared field). */
    private static Map<ProductField, Object> one(ProductField field, Object value) {
        Map<ProductField, Object> map = new EnumMap<>(ProductField.class);
        map.put(field, value);
        return map;
    }
}
