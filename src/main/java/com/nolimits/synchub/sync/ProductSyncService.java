package com.nolimits.synchub.sync;

import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.channel.SyncProperties;
import com.nolimits.synchub.merge.Change;
import com.nolimits.synchub.merge.ChannelRef;
import com.nolimits.synchub.merge.FieldGroup;
import com.nolimits.synchub.merge.FieldStamp;
import com.nolimits.synchub.merge.MergeResult;
import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.OwnershipMerge;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.merge.ProductSnapshot;
import com.nolimits.synchub.store.ConflictStore;
import com.nolimits.synchub.store.JobStore;
import com.nolimits.synchub.store.NewJob;
import com.nolimits.synchub.store.Product;
import com.nolimits.synchub.store.ProductStore;
import com.nolimits.synchub.store.SyncLogStore;
import com.nolimits.synchub.store.SyncStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies one change to one product in one transaction: lock, merge,
 * write the product with its field stamps, the sync log, the conflicts and the outbound jobs
 * (transactional outbox). Concurrent changes to a product wait on its row lock, so none is lost.
 */
@Service
public class ProductSyncService {

    private static final Logger log = LoggerFactory.getLogger(ProductSyncService.class);

    private final OwnershipMerge merge;
    private final ClientDirectory directory;
    private final ProductStore products;
    private final SyncLogStore logs;
    private final ConflictStore conflicts;
    private final JobStore jobs;
    private final SyncProperties properties;
    private final Clock clock;
    private final OverwrittenOrigin overwrittenOrigin;

    public ProductSyncService(OwnershipMerge merge, ClientDirectory directory, ProductStore products,
                              SyncLogStore logs, ConflictStore conflicts, JobStore jobs,
                              SyncProperties properties, Clock clock, OverwrittenOrigin overwrittenOrigin) {
        this.overwrittenOrigin = overwrittenOrigin;
        this.merge = merge;
        this.directory = directory;
        this.products = products;
        this.logs = logs;
        this.conflicts = conflicts;
        this.jobs = jobs;
        this.properties = properties;
        this.clock = clock;
    }

    /** What a change did: the product as written, and the merge's decisions. */
    public record Outcome(Product product, MergeResult result) {
    }

    /**
     * Creates a product. {@code channelIds} limits which channels receive it (null: all of the client's).
     *
     * @throws DuplicateSkuException when the client already has a product with this sku
     */
    @Transactional
    public Outcome create(String clientId, Change change, Collection<String> channelIds, String eventId) {
        Object sku = change.fields().get(ProductField.SKU);
        if (sku != null) {
            products.findIdBySku(clientId, sku.toString()).ifPresent(existing -> {
                throw new DuplicateSkuException(sku.toString(), existing);
            });
        }
        List<ChannelRef> channels = directory.channelRefs(clientId).stream()
                .filter(c -> channelIds == null || channelIds.contains(c.id())).toList();
        try {
            return write(clientId, null, change, channels, eventId);
        } catch (DuplicateKeyException e) { // a concurrent create of the same sku won the race
            throw new DuplicateSkuException(String.valueOf(sku), null);
        }
    }

    /** Applies a change to an existing product. */
    @Transactional
    public Outcome update(UUID productId, Change change, String eventId) {
        Product current = products.lock(productId).orElseThrow(() -> new ProductNotFoundException(productId));
        return write(current.clientId(), current, change, directory.channelRefs(current.clientId()), eventId);
    }

    /**
     * A product no commerce channel sells any more (its last shop deleted it): inactive in the hub, pushed
     * nowhere. The warehouse may still hold its stock, so JTL-FFN keeps it, and another shop's delete is
     * that shop's merchant's decision, not the hub's.
     */
    @Transactional
    public Outcome deactivate(UUID productId, Change change) {
        Product current = products.lock(productId).orElseThrow(() -> new ProductNotFoundException(productId));
        return write(current.clientId(), current, change, List.of(), null);
    }

    /**
     * An edit made in the hub (origin NOLIMITS), optionally replacing the product's ownership overrides
     * first, so the edit is judged by the new ownership.
     */
    @Transactional
    public Outcome edit(UUID productId, Map<ProductField, Object> fields, Map<ProductField, FieldGroup> ownership) {
        Product current = products.lock(productId).orElseThrow(() -> new ProductNotFoundException(productId));
        if (ownership != null && !ownership.equals(current.snapshot().ownershipOverrides())) {
            products.setOwnershipOverrides(productId, ownership);
            current = products.find(productId).orElseThrow();
        }
        Change change = new Change(Origin.NOLIMITS, null, clock.instant(), Change.Kind.UPDATE, fields);
        Outcome outcome = write(current.clientId(), current, change, directory.channelRefs(current.clientId()), null);
        return outcome.product() == null ? new Outcome(current, outcome.result()) : outcome;
    }

    /**
     * Settles a product's open conflicts: accept_local, accept_remote, or merge with a value for each
     * conflicted field. The decision is written as a NOLIMITS change that bypasses the conflict window
     * and is pushed to every channel that stores the field.
     */
    @Transactional
    public Outcome resolve(UUID productId, Resolution resolution, Map<ProductField, Object> mergeData) {
        Product current = products.lock(productId).orElseThrow(() -> new ProductNotFoundException(productId));
        List<ConflictStore.Conflict> open = conflicts.openForProduct(productId);
        if (open.isEmpty()) {
            throw new NothingToResolveException("product " + productId + " has no open conflict");
        }
        Map<ProductField, Object> decided = new EnumMap<>(ProductField.class);
        for (ConflictStore.Conflict conflict : open) { // newest last, so it wins per field
            ProductField field = ProductField.byKey(conflict.field()).orElseThrow();
            decided.put(field, switch (resolution) {
                case ACCEPT_LOCAL -> field.canonical(conflict.localValue());
                case ACCEPT_REMOTE -> field.canonical(conflict.remoteValue());
                case MERGE -> mergeValue(field, mergeData);
            });
        }
        if (resolution == Resolution.MERGE) {
            for (ProductField field : mergeData.keySet()) {
                if (!decided.containsKey(field)) {
                    throw new IllegalArgumentException("mergeData." + field.key() + ": the product has no open conflict on this field");
                }
            }
        }
        for (ConflictStore.Conflict conflict : open) {
            ProductField field = ProductField.byKey(conflict.field()).orElseThrow();
            conflicts.resolve(conflict.id(), resolution.key(), decided.get(field));
        }
        Change change = new Change(Origin.NOLIMITS, null, clock.instant(), Change.Kind.RESOLUTION, decided);
        Outcome outcome = write(current.clientId(), current, change, directory.channelRefs(current.clientId()), null);
        logs.append(List.of(SyncLogStore.Entry.of(productId, current.clientId(), "resolve", Origin.NOLIMITS)
                .fields(decided.keySet().stream().map(ProductField::key).toList()).after(keyed(decided)).note(resolution.key())));
        products.refreshSyncStatus(productId); // a decision for the value the hub holds pushes nothing
        return new Outcome(products.find(productId).orElseThrow(), outcome.result());
    }

    private static Object mergeValue(ProductField field, Map<ProductField, Object> mergeData) {
        if (!mergeData.containsKey(field)) {
            throw new IllegalArgumentException("mergeData." + field.key() + " is required: the field has an open conflict");
        }
        return mergeData.get(field);
    }

    private Outcome write(String clientId, Product current, Change change, List<ChannelRef> channels, String eventId) {
        ProductSnapshot before = current == null ? ProductSnapshot.absent() : current.snapshot();
        MergeResult result = merge.merge(clientId, before, change, channels);
        if (result.isNoOp() && result.ignored().isEmpty()) {
            log.debug("No-op change from {} to product {}", change.origin(), current == null ? null : current.id());
            return new Outcome(current, result);
        }
        ProductSnapshot after = before.with(result);
        boolean conflicted = result.conflicts().stream().anyMatch(MergeResult.ConflictDecision::open)
                || (current != null && conflicts.hasOpen(current.id()));
        SyncStatus status = conflicted ? SyncStatus.CONFLICT
                : !result.pushes().isEmpty() ? SyncStatus.PENDING
                : current != null ? current.syncStatus()
                : SyncStatus.SYNCED;
        UUID id;
        if (current == null) {
            id = products.insert(clientId, after, change.origin(), clock.instant(), status).id();
        } else {
            id = current.id();
            if (!result.applied().isEmpty() || !result.stamps().isEmpty() || status != current.syncStatus()) {
                products.update(id, after, result.applied(), change.origin(), clock.instant(), status);
            }
        }
        logs.append(logEntries(id, clientId, before, change, result));
        recordConflicts(id, clientId, result);
        for (MergeResult.Push push : result.pushes()) {
            directory.channel(push.channelId()).ifPresent(channel -> jobs.enqueue(NewJob.of(id, channel.id(), clientId,
                    channel.platform()).fields(push.fields().stream().map(ProductField::key).toList()).correction(push.correction())
                    .triggeredBy(change.origin(), eventId).attempts(properties.getQueue().getMaxRetries())));
        }
        pushBackIfOverwritten(id, clientId, change, result, eventId);
        log.info("Product {} {} by {}: applied {}, ignored {}, conflicts {}, pushes to {}", id,
                result.created() ? "created" : "updated", change.origin(), keys(result.applied().keySet()),
                result.ignored().stream().map(i -> i.field().key() + " (" + i.reason() + ")").toList(),
                result.conflicts().size(), result.pushes().stream().map(MergeResult.Push::channelId).toList());
        return new Outcome(products.find(id).orElseThrow(), result);
    }

    private void pushBackIfOverwritten(UUID id, String clientId, Change change, MergeResult result, String eventId) {
        if (change.channelId() == null || result.applied().isEmpty()) {
            return;
        }
        directory.channel(change.channelId()).ifPresent(origin -> {
            Set<ProductField> fields = overwrittenOrigin.fieldsToPushBack(id, origin, change, result.applied().keySet());
            if (!fields.isEmpty()) {
                log.info("Product {}: a push of older values to {} may have overwritten this change there: pushing {} back",
                        id, origin.id(), keys(fields));
                jobs.enqueue(NewJob.of(id, origin.id(), clientId, origin.platform()).fields(keys(fields))
                        .triggeredBy(change.origin(), eventId).attempts(properties.getQueue().getMaxRetries()));
            }
        });
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

    private static List<String> keys(Set<ProductField> fields) {
        return fields.stream().map(ProductField::key).toList();
    }

    private static Map<String, Object> keyed(Map<ProductField, Object> values) {
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
