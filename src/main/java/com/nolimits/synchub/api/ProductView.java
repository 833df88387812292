package com.nolimits.synchub.api;

import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.Product;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shape of a product: its fields by API name, then the sync bookkeeping. */
final class ProductView {

    private ProductView() {
    }

    static Map<String, Object> of(Product product) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", product.id());
        out.put("clientId", product.clientId());
        for (ProductField field : ProductField.values()) {
            out.put(field.key(), product.snapshot().value(field));
        }
        out.put("lastUpdatedBy", product.lastUpdatedBy());
        out.put("lastUpdatedAt", product.lastUpdatedAt());
        out.put("lastSyncedAt", product.lastSyncedAt());
        out.put("syncStatus", product.syncStatus());
        out.put("syncChecksum", product.syncChecksum());
        Map<String, Object> stamps = new LinkedHashMap<>();
        product.snapshot().stamps().forEach((field, stamp) ->
                stamps.put(field.key(), Map.of("origin", stamp.origin(), "at", stamp.at())));
        out.put("lastFieldUpdates", stamps);
        Map<String, Object> ownership = new LinkedHashMap<>();
        product.snapshot().ownershipOverrides().forEach((field, group) -> ownership.put(field.key(), group.key()));
        out.put("fieldOwnership", ownership);
        out.put("jtlProductId", product.jtlProductId());
        out.put("jtlSyncStatus", product.jtlSyncStatus());
        out.put("version", product.version());
        out.put("createdAt", product.createdAt());
        return out;
    }
}
