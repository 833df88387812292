package com.nolimits.synchub.outbound;

import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.merge.Platform;
import org.apache.camel.Exchange;

import java.util.Optional;

/**
 * How one platform answers two questions the hub asks before it acts on what it cannot see for itself
 * (routes/find-product-by-sku.camel.yaml and routes/confirm-platform-delete.camel.yaml): is there already a product
 * with this sku (a create that timed out may have been applied), and is this product really gone (a
 * delete webhook could be a replayed or re-labelled body).
 */
public interface ProductLookup {

    Platform platform();

    /** The platform product (variant) that holds a sku: what a link needs. */
    record Found(String externalId, String parentId, String inventoryItemId) {
    }

    /** Sets up the HTTP request that lists the platform's products with this sku. */
    void skuRequest(Exchange exchange, Channel channel, String sku) throws Exception;

    /** The product holding exactly this sku in the answer, if any; throws when the platform did not answer. */
    Optional<Found> found(Exchange exchange, Channel channel, String sku);

    /** Sets up the HTTP request that reads one platform product by its id. */
    default void productRequest(Exchange exchange, Channel channel, String productId) throws Exception {
        throw new UnsupportedOperationException(platform() + " products are not deleted through webhooks");
    }

    /** Whether the answer says the product is gone (not found, deleted or in the bin); throws when unclear. */
    default boolean gone(Exchange exchange, Channel channel) {
        throw new UnsupportedOperationException(platform() + " products are not deleted through webhooks");
    }
}
