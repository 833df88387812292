package com.nolimits.synchub.ingress;

import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.merge.Change;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.outbound.ProductLookups;
import com.nolimits.synchub.store.LinkStore;
import com.nolimits.synchub.store.ProductStore;
import com.nolimits.synchub.store.SyncLogStore;
import com.nolimits.synchub.sync.ProductSyncService;
import com.nolimits.synchub.sync.SyncMdc;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies one stored webhook, in one transaction: map it, find (or create) the hub product through the
 * link or the sku, drop echoes of the hub's own pushes and the fields the channel did not change, merge
 * through the sync service, keep the link and what the channel reported current, and mark the inbox
 * event done.
 */
@Component
public class InboundEventHandler {

    private static final Logger log = LoggerFactory.getLogger(InboundEventHandler.class);
    public static final String ECHO_MESSAGE = "Skipping echo from our own update";
    public static final String UNCHANGED_MESSAGE = "No field changed on the channel";

    private final Map<Platform, PayloadMapper> mappers;
    private final MeterRegistry meters;
    private final ClientDirectory directory;
    private final ProductSyncService sync;
    private final ProductStore products;
    private final LinkStore links;
    private final EchoFilter echoes;
    private final ChangedFields changedFields;
    private final SyncLogStore logs;
    private final InboxStore inbox;
    private final ProductLookups lookups;

    public InboundEventHandler(List<PayloadMapper> mappers, ClientDirectory directory, ProductSyncService sync,
                               ProductStore products, LinkStore links, EchoFilter echoes, ChangedFields changedFields,
                               SyncLogStore logs, InboxStore inbox, ProductLookups lookups, MeterRegistry meters) {
        this.lookups = lookups;
        this.meters = meters;
        this.mappers = mappers.stream().collect(Collectors.toMap(PayloadMapper::platform, Function.identity()));
        this.directory = directory;
        this.sync = sync;
        this.products = products;
        this.links = links;
        this.echoes = echoes;
        this.changedFields = changedFields;
        this.logs = logs;
        this.inbox = inbox;
    }

    /** @throws UnmappableEventException when the body cannot be understood (nothing is written then) */
    @Transactional
    public void handle(InboxStore.InboxEvent event) {
        Channel channel = directory.channel(event.channelId()).orElseThrow(() ->
                new UnmappableEventException("channel " + event.channelId() + " is no longer configured"));
        try (SyncMdc ignored = SyncMdc.of(null, channel.id(), channel.platform().origin().name())) {
            handle(event, channel);
        }
    }

    private void handle(InboxStore.InboxEvent event, Channel channel) {
        InboundEvent mapped = mappers.get(channel.platform()).map(event.topic(), event.payload());
        String note; // Java 17: no pattern matching in switch yet
        if (mapped instanceof InboundEvent.ProductChanged changed) {
            note = productChanged(channel, changed, event);
        } else if (mapped instanceof InboundEvent.ProductDeleted deleted) {
            note = productDeleted(channel, deleted);
        } else if (mapped instanceof InboundEvent.StockReported stock) {
            note = stockReported(channel, stock, event);
        } else {
            note = ((InboundEvent.Ignored) mapped).reason();
        }
        inbox.finish(event.id(), note == null ? "done" : "skipped", note);
    }

    private String productChanged(Channel channel, InboundEvent.ProductChanged changed, InboxStore.InboxEvent event) {
        int echoes = 0;
        int unchanged = 0;
        Set<String> present = new HashSet<>();
        for (InboundEvent.Item item : changed.items()) {
            present.add(item.externalId());
            String skipped = applyItem(channel, changed, item, event);
            echoes += ECHO_MESSAGE.equals(skipped) ? 1 : 0;
            unchanged += UNCHANGED_MESSAGE.equals(skipped) ? 1 : 0;
        }
        // variants the platform no longer lists are gone there
        for (LinkStore.Link link : links.byParent(channel.id(), changed.parentId())) {
            if (!present.contains(link.externalId())) {
                unlink(channel, link, "the platform product no longer has this variant");
            }
        }
        int items = changed.items().size();
        return echoes == items ? ECHO_MESSAGE : echoes + unchanged == items ? UNCHANGED_MESSAGE : null;
    }

    /** @return why the item was skipped (an echo, or nothing changed on the channel), or null when it was applied */
    private String applyItem(Channel channel, InboundEvent.ProductChanged changed, InboundEvent.Item item,
                             InboxStore.InboxEvent event) {
        Optional<UUID> productId = links.byExternalId(channel.id(), item.externalId()).map(LinkStore.Link::productId);
        Object sku = item.fields().get(ProductField.SKU);
        if (productId.isEmpty() && sku != null) {
            productId = products.findIdBySku(channel.clientId(), sku.toString()); // known product, new on this channel
        }
        UUID id;
        String skipped = null;
        if (productId.isPresent()) {
            id = productId.get();
            SyncMdc.of(id, channel.id(), channel.platform().origin().name());
            ChangedFields.Judgement report = changedFields.judge(id, channel.id(), item.fields(), changed.sourceTime());
            if (report.echo()) {
                skipped = ECHO_MESSAGE;
                count(channel, "echo");
                log.info("{} (product {}, channel {}, event {})", ECHO_MESSAGE, id, channel.id(), event.id());
                logs.append(List.of(SyncLogStore.Entry.of(id, channel.clientId(), "echo", channel.platform().origin()).from(channel.id())
                        .fields(item.fields().keySet().stream().map(ProductField::key).toList()).note(ECHO_MESSAGE)));
            } else {
                skipped = apply(channel, changed, report.changed(), event, id);
            }
        } else {
            id = sync.create(channel.clientId(), change(channel, changed, item.fields(), Change.Kind.CREATE), null,
                    event.eventId()).product().id();
        }
        links.upsert(id, channel.id(), item.externalId(), changed.parentId(), item.inventoryItemId(), item.platformData());
        logUnreadable(channel, id, item.unreadable());
        if (!ECHO_MESSAGE.equals(skipped)) {
            // not an echo's: it is skipped whole, and may carry a merchant's edit whose own webhook is still coming
            changedFields.remember(id, channel.id(), item.fields(), changed.sourceTime());
        }
        return skipped;
    }

    /** A value the hub cannot take is left out, and the log says which and why; the item's other fields were applied. */
    private void logUnreadable(Channel channel, UUID id, Map<ProductField, String> unreadable) {
        if (unreadable.isEmpty()) {
            return;
        }
        log.warn("Product {} on {}: not taken from the webhook: {}", id, channel.id(), unreadable.values());
        logs.append(unreadable.entrySet().stream().map(field -> SyncLogStore.Entry.of(id, channel.clientId(), "ignore",
                channel.platform().origin()).from(channel.id()).fields(List.of(field.getKey().key()))
                .failed("not taken: " + field.getValue())).toList());
    }

    private String apply(Channel channel, InboundEvent.ProductChanged changed, Map<ProductField, Object> fields,
                         InboxStore.InboxEvent event, UUID id) {
        if (fields.isEmpty()) {
            count(channel, "unchanged");
            log.debug("{} (product {}, channel {}, event {})", UNCHANGED_MESSAGE, id, channel.id(), event.id());
            return UNCHANGED_MESSAGE;
        }
        sync.update(id, change(channel, changed, fields, Change.Kind.UPDATE), event.eventId());
        return null;
    }

    /**
     * sync.webhooks{outcome=echo|unchanged}, per product reported, next to the ingress counts of the routes'
     * answers (WebhookResponses).
     */
    private void count(Channel channel, String outcome) {
        meters.counter("sync.webhooks", "platform", channel.platform().name().toLowerCase(), "outcome", outcome).increment();
    }

    private static Change change(Channel channel, InboundEvent.ProductChanged changed, Map<ProductField, Object> fields,
                                 Change.Kind kind) {
        return new Change(channel.platform().origin(), channel.id(), changed.sourceTime(), kind, fields);
    }

    /**
     * A delete is applied only when the platform confirms the product is gone (a captured body re-sent as a
     * delete must not unlink a product that exists). Then the channel's link is marked deleted; a product
     * that no commerce channel links any more becomes inactive. The hub never deletes a product, JTL-FFN
     * keeps it (the warehouse may hold its stock), and the other shops are not told.
     */
    private String productDeleted(Channel channel, InboundEvent.ProductDeleted deleted) {
        List<LinkStore.Link> affected = links.byParent(channel.id(), deleted.parentId());
        if (affected.isEmpty()) {
            return "no linked product";
        }
        if (!lookups.isGone(channel, deleted.parentId())) {
            log.warn("Delete of product {} on {} not applied: the platform still has it", deleted.parentId(), channel.id());
            return "not applied: " + channel.id() + " still has product " + deleted.parentId();
        }
        for (LinkStore.Link link : affected) {
            unlink(channel, link, "deleted on the platform");
            boolean soldElsewhere = links.liveOf(link.productId()).stream().anyMatch(live ->
                    directory.channel(live.channelId()).map(c -> c.platform().isCommerce()).orElse(false));
            if (!soldElsewhere) {
                deactivate(channel, link.productId());
            }
        }
        return null;
    }

    private void deactivate(Channel channel, UUID id) {
        Map<ProductField, Object> inactive = new EnumMap<>(ProductField.class);
        inactive.put(ProductField.IS_ACTIVE, false);
        sync.deactivate(id, new Change(channel.platform().origin(), channel.id(), Instant.now(), Change.Kind.UPDATE, inactive));
        logs.append(List.of(SyncLogStore.Entry.of(id, channel.clientId(), "delete", channel.platform().origin()).from(channel.id())
                .fields(List.of(ProductField.IS_ACTIVE.key())).after(Map.of(ProductField.IS_ACTIVE.key(), false))
                .note("inactive: no commerce channel sells the product any more (kept in the hub and in the warehouse)")));
        log.info("Product {} is inactive: its last shop link ({}) was deleted", id, channel.id());
    }

    private void unlink(Channel channel, LinkStore.Link link, String why) {
        links.markDeleted(link.id());
        logs.append(List.of(SyncLogStore.Entry.of(link.productId(), channel.clientId(), "delete", channel.platform().origin())
                .from(channel.id()).note("link to " + channel.id() + " marked deleted: " + why)));
        log.info("Product {} unlinked from {}: {}", link.productId(), channel.id(), why);
    }

    /** Shop stock is never accepted; the merge records it and corrects the shop downward when needed. */
    private String stockReported(Channel channel, InboundEvent.StockReported stock, InboxStore.InboxEvent event) {
        String location = channel.settings().getLocationId();
        if (location != null && !location.isBlank() && !location.endsWith("/" + stock.locationId())
                && !location.equals(stock.locationId())) {
            return "stock of another location (" + stock.locationId() + ")";
        }
        Optional<LinkStore.Link> link = links.byInventoryItem(channel.id(), stock.inventoryItemId());
        if (link.isEmpty()) {
            return "no linked product for inventory item " + stock.inventoryItemId();
        }
        Map<ProductField, Object> fields = new EnumMap<>(ProductField.class);
        fields.put(ProductField.AVAILABLE, Math.max(0, stock.available()));
        UUID id = link.get().productId();
        links.putPlatformData(id, channel.id(), Map.of(LinkStore.LAST_SEEN_QUANTITY, stock.available()));
        if (echoes.isEcho(id, channel.id(), fields, stock.sourceTime())) {
            count(channel, "echo");
            logs.append(List.of(SyncLogStore.Entry.of(id, channel.clientId(), "echo", channel.platform().origin()).from(channel.id())
                    .fields(List.of("available")).note(ECHO_MESSAGE)));
            log.info("{} (product {}, channel {}, event {})", ECHO_MESSAGE, id, channel.id(), event.id());
            return ECHO_MESSAGE;
        }
        sync.update(id, new Change(channel.platform().origin(), channel.id(), stock.sourceTime(), Change.Kind.UPDATE, fields),
                event.eventId());
        return null;
    }
}
