package com.nolimits.synchub.outbound;

import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.LinkStore;
import com.nolimits.synchub.store.PushRecordStore;
import com.nolimits.synchub.store.SyncLogStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A create is sent once. When an earlier push of the product to the channel was never confirmed (the
 * platform may have applied a create and answered after the hub's timeout, or the hub died waiting),
 * the platform is asked for the sku first (routes/find-product-by-sku.camel.yaml): a product found there is
 * linked, and the push becomes an update of it instead of a second product with the same sku.
 */
@Component
public class CreateOnce {

    private static final Logger log = LoggerFactory.getLogger(CreateOnce.class);

    private final PushRecordStore pushes;
    private final ProductLookups lookups;
    private final LinkStore links;
    private final SyncLogStore logs;

    public CreateOnce(PushRecordStore pushes, ProductLookups lookups, LinkStore links, SyncLogStore logs) {
        this.pushes = pushes;
        this.lookups = lookups;
        this.links = links;
        this.logs = logs;
    }

    /** The link the push should use: the one it has, or the platform product an unconfirmed create made. */
    public Optional<LinkStore.Link> link(Push push) {
        Object sku = push.product().snapshot().value(ProductField.SKU);
        if (!push.creates() || sku == null || !pushes.unconfirmed(push.product().id(), push.channel().id())) {
            return push.link();
        }
        Optional<ProductLookup.Found> found = lookups.bySku(push.channel(), sku.toString());
        if (found.isEmpty()) {
            return push.link();
        }
        ProductLookup.Found product = found.get();
        links.upsert(push.product().id(), push.channel().id(), product.externalId(), product.parentId(),
                product.inventoryItemId(), Map.of());
        logs.append(List.of(SyncLogStore.Entry.of(push.product().id(), push.job().clientId(), "push", com.nolimits.synchub.merge.Origin.SYSTEM)
                .to(push.channel().platform().name().toLowerCase(), push.channel().id()).fields(List.of(ProductField.SKU.key()))
                .note("linked to " + push.channel().id() + " product " + product.externalId()
                        + ", which has the sku already: an earlier create was applied without an answer")));
        log.info("Product {} is already on {} as {} (an unconfirmed create): linked, not created again",
                push.product().id(), push.channel().id(), product.externalId());
        return links.of(push.product().id(), push.channel().id());
    }
}
