package com.nolimits.synchub.merge;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The field-ownership policy read from field-ownership.yaml: the default group of every field,
 * per-client overrides and the conflict window.
 */
public record OwnershipRules(Map<ProductField, FieldGroup> defaults,
                             Map<String, Map<ProductField, FieldGroup>> clientOverrides,
                             Duration conflictWindow) {

    public OwnershipRules {
        Map<ProductField, FieldGroup> copy = new EnumMap<>(ProductField.class);
        copy.putAll(defaults);
        defaults = Collections.unmodifiableMap(copy);
        clientOverrides = Map.copyOf(clientOverrides);
    }

    /** The group that decides a field: per-product override, then per-client override, then default. */
    public FieldGroup groupOf(String clientId, Map<ProductField, FieldGroup> productOverrides, ProductField field) {
        FieldGroup group = productOverrides.get(field);
        if (group == null) {
            group = clientOverrides.getOrDefault(clientId, Map.of()).get(field);
        }
        return group != null ? group : defaults.get(field);
    }
}
