package com.nolimits.synchub.ingress;

import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.merge.Change;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.outbound.ProductLookups;
import com.nolimits.synchub.store.LinkStore;
import com.nolimits.synchub.store.SyncLogStore;
import com.nolimits.synchub.sync.ProductSyncService;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What a channel no longer has (routes/inbound-product-change.camel.yaml): a deleted product, and the
 * variants a reported product no longer lists. The channel's link is marked deleted; a product that no
 * commerce channel links any more becomes inactive. The hub never deletes a product, JTL-FFN keeps it (the
 * warehouse may hold its stock), and the other shops are not told.
 */
@Component("inboundDeletes")
public class InboundDeletes {

    private static final Logger log = LoggerFactory.getLogger(InboundDeletes.class);

    private final ClientDirectory directory;
    private final ProductSyncService sync;
    private final LinkStore links;
    private final SyncLogStore logs;
    private final ProductLookups lookups;

    public InboundDeletes(ClientDirectory directory, ProductSyncService sync, LinkStore links, SyncLogStore logs,
                          ProductLookups lookups) {
        this.directory = directory;
        this.sync = sync;
        this.links = links;
        this.logs = logs;
        this.lookups = lookups;
    }

    /**
     * A delete is applied only when the platform confirms the product is gone (a captured body re-sent as a
     * delete must not unlink a product that exists).
     */
    public void apply(InboundEvent.ProductDeleted deleted, Exchange exchange) {
        Channel channel = InboundExchange.channel(exchange);
        InboundTally tally = InboundExchange.tally(exchange);
        List<LinkStore.Link> affected = links.byParent(channel.id(), deleted.parentId());
        if (affected.isEmpty()) {
            tally.skipped("no linked product");
            return;
        }
        if (!lookups.isGone(channel, deleted.parentId())) {
            log.warn("Delete of product {} on {} not applied: the platform still has it", deleted.parentId(), channel.id());
            tally.skipped("not applied: " + channel.id() + " still has product " + deleted.parentId());
            return;
        }
        for (LinkStore.Link link : affected) {
            unlink(channel, link, "deleted on the platform");
            boolean soldElsewhere = links.liveOf(link.productId()).stream().anyMatch(live ->
                    directory.channel(live.channelId()).map(c -> c.platform().isCommerce()).orElse(false));
            if (!soldElsewhere) {
                deactivate(channel, link.productId());
            }
        }
    }

    /** Variants the platform no longer lists under the reported product are gone there. */
    public void unlinkVanishedVariants(Exchange exchange) {
        Channel channel = InboundExchange.channel(exchange);
        InboundEvent.ProductChanged changed = InboundExchange.productChanged(exchange);
        List<String> present = changed.items().stream().map(InboundEvent.Item::externalId).filter(Objects::nonNull).toList();
        for (LinkStore.Link link : links.vanishedVariants(channel.id(), changed.parentId(), present)) {
            unlink(channel, link, "the platform product no longer has this variant");
        }
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
}
