package com.nolimits.synchub.api;

import com.nolimits.synchub.merge.FieldGroup;
import com.nolimits.synchub.merge.FieldOwnershipFile;
import com.nolimits.synchub.merge.OwnershipRules;
import com.nolimits.synchub.merge.ProductField;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads request bodies into canonical field values. A body may set only documented fields: an unknown
 * key, a read-only one (id, clientId, syncStatus...) or a wrong value answers 400 naming the field.
 */
final class ProductRequests {

    /** Kept by the hub itself: a body that sets them is refused, not silently trimmed. */
    private static final Set<String> READ_ONLY = Set.of("id", "clientId", "lastUpdatedBy", "lastUpdatedAt",
            "lastSyncedAt", "syncStatus", "syncChecksum", "lastFieldUpdates", "jtlProductId", "jtlSyncStatus",
            "version", "createdAt");

    private ProductRequests() {
    }

    /** The product fields of a body; {@code extra} lists the other keys the endpoint takes. */
    static Map<ProductField, Object> fields(Map<String, Object> body, Set<String> extra) {
        Map<ProductField, Object> fields = new EnumMap<>(ProductField.class);
        for (Map.Entry<String, Object> entry : body.entrySet()) {
            String key = entry.getKey();
            if (extra.contains(key)) {
                continue;
            }
            if (READ_ONLY.contains(key)) {
                throw ApiException.badRequest(key + " cannot be set: the hub keeps it");
            }
            ProductField field = ProductField.byKey(key)
                    .orElseThrow(() -> ApiException.badRequest("unknown field '" + key + "'"));
            fields.put(field, field.canonical(entry.getValue()));
        }
        return fields;
    }

    /** fieldOwnership: {"price": "ops"}: per-product overrides, checked like the file's client overrides. */
    static Map<ProductField, FieldGroup> ownership(Object raw, OwnershipRules rules) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw ApiException.badRequest("fieldOwnership must be an object of field: group");
        }
        Map<ProductField, FieldGroup> out = new EnumMap<>(ProductField.class);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String where = "fieldOwnership." + entry.getKey();
            ProductField field = ProductField.byKey(String.valueOf(entry.getKey()))
                    .orElseThrow(() -> ApiException.badRequest(where + ": unknown field"));
            FieldGroup group = List.of(FieldGroup.values()).stream()
                    .filter(g -> g.key().equals(String.valueOf(entry.getValue()))).findFirst()
                    .orElseThrow(() -> ApiException.badRequest(where + ": unknown group '" + entry.getValue()
                            + "' (expected commerce, ops, shared or stock)"));
            try {
                FieldOwnershipFile.checkOverride(field, rules.defaults().get(field), group, where);
            } catch (IllegalStateException e) {
                throw ApiException.badRequest(e.getMessage());
            }
            out.put(field, group);
        }
        return out;
    }

    static String requiredText(Map<String, Object> body, String key) {
        Object value = body.get(key);
        if (!(value instanceof String s) || s.isBlank()) {
            throw ApiException.badRequest(key + " is required and must be a non-empty string");
        }
        return s;
    }

    /** A text the body may leave out (null then); 400 when it is there but no string. */
    static String optionalText(Map<String, Object> body, String key) {
        Object value = body.get(key);
        if (value != null && !(value instanceof String)) {
            throw ApiException.badRequest(key + " must be a string");
        }
        return (String) value;
    }

    static java.util.UUID productId(String raw) {
        try {
            return java.util.UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("productId must be a UUID, got '" + raw + "'");
        }
    }

    /** A path's numeric id; 400 naming it when it is not one. */
    static long wholeNumber(String raw, String name) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a number, got '" + raw + "'");
        }
    }

    /** Rejects keys a body may not have, naming them. */
    static void onlyKeys(Map<String, Object> body, Set<String> allowed) {
        for (String key : body.keySet()) {
            if (!allowed.contains(key)) {
                throw ApiException.badRequest("unknown field '" + key + "' (allowed: " + new java.util.TreeSet<>(allowed) + ")");
            }
        }
    }

    static int paging(String raw, String name, int defaultValue, int min, int max) {
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max);
    }
}
