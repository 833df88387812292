package com.nolimits.synchub.merge;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a change does to a product.
 *
 * @param created   the change creates the product
 * @param applied   fields whose value changes, with the new value
 * @param previous  the old value of every applied field
 * @param stamps    fields whose stamp moves (every applied field, and fields re-confirmed by a winning
 *                  write of the same value)
 * @param ignored   fields the change sent but may not or cannot set, with the reason
 * @param conflicts writes of the same field from different origins inside the conflict window
 * @param pushes    which channels must hear of it, and which fields
 */
public record MergeResult(boolean created,
                          Map<ProductField, Object> applied,
                          Map<ProductField, Object> previous,
                          Map<ProductField, FieldStamp> stamps,
                          List<Ignored> ignored,
                          List<ConflictDecision> conflicts,
                          List<Push> pushes) {

    public enum Reason {
        /** the origin may not write this field group (docs/architecture.md, "Field ownership") */
        NOT_PERMITTED,
        /** a later write of the field already exists */
        STALE,
        /** the other side of a conflict won */
        LOST_CONFLICT
    }

    public record Ignored(ProductField field, Object value, Reason reason) {
    }

    /**
     * @param incomingWon whether the incoming value is now the product's value
     * @param open        a person has to resolve it (shared fields); otherwise it was resolved by the rules
     */
    public record ConflictDecision(ProductField field, FieldGroup group,
                                   Object currentValue, FieldStamp current,
                                   Object incomingValue, FieldStamp incoming,
                                   boolean incomingWon, boolean open) {
    }

    /** @param correction the origin sent a value it does not own and gets the owned value back */
    public record Push(String channelId, Set<ProductField> fields, boolean correction) {
    }

    /** Nothing to write: no value, stamp or conflict changes. */
    public boolean isNoOp() {
        return applied.isEmpty() && stamps.isEmpty() && conflicts.isEmpty() && !created;
    }
}
