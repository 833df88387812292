package com.nolimits.synchub.ingress;

import com.nolimits.synchub.merge.InvalidFieldValueException;
import com.nolimits.synchub.merge.ProductField;

import java.util.EnumMap;
import java.util.Map;

/**
 * The fields a payload mapper reads for one item, each on its own: a value the hub cannot take (a NUL
 * in a title, a price of 1e20) is set aside with the reason, and the item's other fields still count.
 */
public final class ItemFields {

    private final Map<ProductField, Object> values = new EnumMap<>(ProductField.class);
    private final Map<ProductField, String> unreadable = new EnumMap<>(ProductField.class);

    /** Reads a raw value into its canonical form, or sets the field aside with why it cannot be taken. */
    public void put(ProductField field, Object raw) {
        try {
            values.put(field, field.canonical(raw));
            unreadable.remove(field);
        } catch (InvalidFieldValueException e) {
            values.remove(field);
            unreadable.put(field, e.getMessage());
        }
    }

    /** The same fields for another item of one product (Shopify's product-level fields go to every variant). */
    public ItemFields copy() {
        ItemFields copy = new ItemFields();
        copy.values.putAll(values);
        copy.unreadable.putAll(unreadable);
        return copy;
    }

    public Map<ProductField, Object> values() {
        return values;
    }

    public Map<ProductField, String> unreadable() {
        return unreadable;
    }
}
