package com.nolimits.synchub.merge;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who may write a field and who wins a conflict on it (docs/architecture.md, "Field ownership").
 * Which fields belong to which group comes from field-ownership.yaml.
 */
public enum FieldGroup {
    COMMERCE(EnumSet.of(Origin.SHOPIFY, Origin.WOOCOMMERCE)),
    OPS(EnumSet.of(Origin.NOLIMITS)),
    SHARED(EnumSet.noneOf(Origin.class)),
    STOCK(EnumSet.of(Origin.JTL));

    private final Set<Origin> preferredInConflict;

    FieldGroup(Set<Origin> preferredInConflict) {
        this.preferredInConflict = preferredInConflict;
    }

    /**
     * The write permission table. {@code createdByThisChange} is true only for the change that
     * first creates the product, which is when a shop may set ops fields (sku, weight...) and the
     * warehouse the shared ones (a product created in JTL-FFN arrives with its name).
     */
    public boolean mayWrite(Origin origin, boolean createdByThisChange) {
        return switch (this) {
            case COMMERCE -> origin != Origin.JTL;
            case SHARED -> origin != Origin.JTL || createdByThisChange;
            case OPS -> !origin.isCommercePlatform() || createdByThisChange;
            case STOCK -> !origin.isCommercePlatform();
        };
    }

    /** Inside the conflict window a preferred origin beats one that is not; otherwise the later change wins. */
    public boolean prefers(Origin origin) {
        return preferredInConflict.contains(origin);
    }

    /** Shared fields are the ones where a person has to look: their conflicts stay open. */
    public boolean conflictsStayOpen() {
        return this == SHARED;
    }

    public String key() {
        return name().toLowerCase();
    }
}
