package com.nolimits.synchub.merge;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A product as the merge sees it: canonical field values, each field's last stamp, and per-product
 * ownership overrides. {@code exists} is false for a product that a change is about to create.
 */
public record ProductSnapshot(boolean exists, Map<ProductField, Object> values,
                              Map<ProductField, FieldStamp> stamps,
                              Map<ProductField, FieldGroup> ownershipOverrides) {

    public ProductSnapshot {
        values = Collections.unmodifiableMap(copy(values));
        stamps = Collections.unmodifiableMap(copy(stamps));
        ownershipOverrides = Collections.unmodifiableMap(copy(ownershipOverrides));
    }

    /** A product that does not exist yet: every field at its initial value, nothing stamped. */
    public static ProductSnapshot absent() {
        Map<ProductField, Object> values = new EnumMap<>(ProductField.class);
        for (ProductField field : ProductField.values()) {
            values.put(field, field.initialValue());
        }
        return new ProductSnapshot(false, values, Map.of(), Map.of());
    }

    /** The product after a merge result is written. */
    public ProductSnapshot with(MergeResult result) {
        Map<ProductField, Object> newValues = copy(values);
        newValues.putAll(result.applied());
        Map<ProductField, FieldStamp> newStamps = copy(stamps);
        newStamps.putAll(result.stamps());
        return new ProductSnapshot(true, newValues, newStamps, ownershipOverrides);
    }

    public Object value(ProductField field) {
        return values.get(field);
    }

    private static <V> Map<ProductField, V> copy(Map<ProductField, V> map) {
        Map<ProductField, V> out = new EnumMap<>(ProductField.class);
        map.forEach((k, v) -> out.put(k, v)); // EnumMap allows null values, Map.copyOf does not
        return out;
    }
}
