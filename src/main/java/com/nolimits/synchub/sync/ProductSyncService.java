package com.nolimits.synchub.sync;

import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.merge.Change;
import com.nolimits.synchub.merge.ChannelRef;
import com.nolimits.synchub.merge.FieldGroup;
import com.nolimits.synchub.merge.MergeResult;
import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.OwnershipMerge;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.merge.ProductSnapshot;
import com.nolimits.synchub.outbound.ChangeFanOut;
import com.nolimits.synchub.store.ConflictStore;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Applies one change to one product in one transaction: lock, merge, write the product with its field
 * stamps, the sync log and the conflicts, then fan the change out to the channels that must hear of it
 * (routes/fan-out-change.camel.yaml queues their jobs in the same transaction: a transactional outbox).
 * Concurrent changes to a product wait on its row lock, so none is lost. The inbound route fans out as a
 * step of its own, so it merges with {@link #mergeNew} and {@link #merge}, which leave that to it.
 */
@Service
public class ProductSyncService {

    private static final Logger log = LoggerFactory.getLogger(ProductSyncService.class);

    private final OwnershipMerge merge;
    private final ClientDirectory directory;
    private final ProductStore products;
    private final SyncLogStore logs;
    private final ConflictStore conflicts;
    private final ChangeFanOut fanOut;
    private final Clock clock;
    private final OverwrittenOrigin overwrittenOrigin;
    private final MergeRecords records;

    public ProductSyncService(OwnershipMerge merge, ClientDirectory directory, ProductStore products,
                              SyncLogStore logs, ConflictStore conflicts, ChangeFanOut fanOut,
                              Clock clock, OverwrittenOrigin overwrittenOrigin, MergeRecords records) {
        this.overwrittenOrigin = overwrittenOrigin;
        this.records = records;
        this.merge = merge;
        this.directory = directory;
        this.products = products;
        this.logs = logs;
        this.conflicts = conflicts;
        this.fanOut = fanOut;
        this.clock = clock;
    }

    /** What a change did: the product as written, the merge's decisions, and the pushes it asks for. */
    public record Outcome(Product product, MergeResult result, ChangeFanOut.Pushes pushes) {
    }

    /**
     * Creates a product. {@code channelIds} limits which channels receive it (null: all of the client's).
     *
     * @throws DuplicateSkuException when the client already has a product with this sku
     */
    @Transactional
    public Outcome create(String clientId, Change change, Collection<String> channelIds, String eventId) {
        return fannedOut(created(clientId, change, channelIds, eventId));
    }

    /** {@link #create} for every channel of the client, leaving the fan-out to the calling route. */
    @Transactional
    public Outcome mergeNew(String clientId, Change change, String eventId) {
        return created(clientId, change, null, eventId);
    }

    private Outcome created(String clientId, Change change, Collection<String> channelIds, String eventId) {
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
        return fannedOut(merge(productId, change, eventId));
    }

    /** {@link #update}, leaving the fan-out to the calling route. */
    @Transactional
    public Outcome merge(UUID productId, Change change, String eventId) {
        Product current = products.lock(productId).orElseThrow(() -> new ProductNotFoundException(productId));
        return write(current.clientId(), current, change, directory.channelRefs(current.clientId()), eventId);
    }

    private Outcome fannedOut(Outcome outcome) {
        fanOut.send(outcome.pushes());
        return outcome;
    }

    /**
     * A product no commerce channel sells any more (its last shop deleted it): inactive in the hub, pushed
     * nowhere. The warehouse may still hold its stock, so JTL-FFN keeps it, and another shop's delete is
     * that shop's merchant's decision, not the hub's.
     */
    @Transactional
    public Outcome deactivate(UUID productId, Change change) {
        Product current = products.lock(productId).orElseThrow(() -> new ProductNotFoundException(productId));
        return fannedOut(write(current.clientId(), current, change, List.of(), null)); // nothing to push, except a push-back
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
        Outcome outcome = fannedOut(write(current.clientId(), current, change, directory.channelRefs(current.clientId()), null));
        return outcome.product() == null ? new Outcome(current, outcome.result(), outcome.pushes()) : outcome;
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
        Outcome outcome = fannedOut(write(current.clientId(), current, change, directory.channelRefs(current.clientId()), null));
        logs.append(List.of(SyncLogStore.Entry.of(productId, current.clientId(), "resolve", Origin.NOLIMITS)
                .fields(decided.keySet().stream().map(ProductField::key).toList()).after(MergeRecords.keyed(decided)).note(resolution.key())));
        products.refreshSyncStatus(productId); // a decision for the value the hub holds pushes nothing
        return new Outcome(products.find(productId).orElseThrow(), outcome.result(), outcome.pushes());
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
            return new Outcome(current, result, new ChangeFanOut.Pushes(current == null ? null : current.id(), clientId,
                    change.origin(), eventId, List.of(), before));
        }
        ProductSnapshot after = before.with(result);
        boolean conflicted = result.conflicts().stream().anyMatch(MergeResult.ConflictDecision::open)
                || (current != null && conflicts.hasOpen(current.id()));
        SyncStatus status = conflicted ? SyncStatus.CONFLICT
                : !result.pushes().isEmpty() ? SyncStatus.PENDING
                : current != null ? current.syncStatus()
                : SyncStatus.SYNCED;
        Product written; // as the insert or update returned it: the merge's records below do not change the row
        if (current == null) {
            written = products.insert(clientId, after, change.origin(), clock.instant(), status);
        } else if (!result.applied().isEmpty() || !result.stamps().isEmpty() || status != current.syncStatus()) {
            written = products.update(current.id(), after, result.applied(), change.origin(), clock.instant(), status);
        } else {
            written = current;
        }
        UUID id = written.id();
        records.record(id, clientId, before, change, result);
        List<MergeResult.Push> pushes = new ArrayList<>(result.pushes());
        pushBackIfOverwritten(id, change, result).ifPresent(pushes::add);
        log.info("Product {} {} by {}: applied {}, ignored {}, conflicts {}, pushes to {}", id,
                result.created() ? "created" : "updated", change.origin(), MergeRecords.keys(result.applied().keySet()),
                result.ignored().stream().map(i -> i.field().key() + " (" + i.reason() + ")").toList(),
                result.conflicts().size(), result.pushes().stream().map(MergeResult.Push::channelId).toList());
        return new Outcome(written, result,
                new ChangeFanOut.Pushes(id, clientId, change.origin(), eventId, List.copyOf(pushes), after));
    }

    /** A push of the change back to the channel it came from, when an older push of the hub's may have overwritten it there. */
    private Optional<MergeResult.Push> pushBackIfOverwritten(UUID id, Change change, MergeResult result) {
        if (change.channelId() == null || result.applied().isEmpty()) {
            return Optional.empty();
        }
        return directory.channel(change.channelId()).flatMap(origin -> {
            Set<ProductField> fields = overwrittenOrigin.fieldsToPushBack(id, origin, change, result.applied().keySet());
            if (fields.isEmpty()) {
                return Optional.empty();
            }
            log.info("Product {}: a push of older values to {} may have overwritten this change there: pushing {} back",
                    id, origin.id(), MergeRecords.keys(fields));
            return Optional.of(new MergeResult.Push(origin.id(), fields, false));
        });
    }
}
