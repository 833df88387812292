package com.nolimits.synchub.sync;

import java.util.UUID;

public class ProductNotFoundException extends RuntimeException {
    public ProductNotFoundException(UUID id) {
        super("product " + id + " not found");
    }
}
