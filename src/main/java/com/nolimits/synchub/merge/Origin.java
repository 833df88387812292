package com.nolimits.synchub.merge;

/** Who made a change. Recorded as lastUpdatedBy and in every field's stamp. */
public enum Origin {
    NOLIMITS, SHOPIFY, WOOCOMMERCE, JTL, SYSTEM;

    public boolean isCommercePlatform() {
        return this == SHOPIFY || this == WOOCOMMERCE;
    }
}
