package com.nolimits.synchub.sync;

import java.util.UUID;

/** A product with this sku already exists for the client. */
public class DuplicateSkuException extends RuntimeException {

    private final UUID existingId;

    public DuplicateSkuException(String sku, UUID existingId) {
        super("a product with sku '" + sku + "' already exists" + (existingId == null ? "" : ": " + existingId));
        this.existingId = existingId;
    }

    public UUID existingId() {
        return existingId;
    }
}
