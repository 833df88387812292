package com.nolimits.synchub.merge;

/** The kinds of channel the hub syncs with. Each platform's changes carry its own origin. */
public enum Platform {
    SHOPIFY(Origin.SHOPIFY), WOOCOMMERCE(Origin.WOOCOMMERCE), JTL(Origin.JTL);

    private final Origin origin;

    Platform(Origin origin) {
        this.origin = origin;
    }

    public Origin origin() {
        return origin;
    }

    public boolean isCommerce() {
        return this != JTL;
    }

    /** Whether the hub pushes this field to this platform. */
    public boolean receives(ProductField field, boolean productJustCreated) {
        if (field.isStoredOn(this)) {
            return true;
        }
        // identity travels once, when the product is new there (docs/architecture.md, "What each platform receives")
        return productJustCreated && (isCommerce()
                ? field == ProductField.SKU || field == ProductField.GTIN
                : field == ProductField.NAME);
    }
}
