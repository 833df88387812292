package com.nolimits.synchub.platform.jtl;

import com.fasterxml.jackson.databind.JsonNode;
import com.nolimits.synchub.merge.ProductField;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/**
 * A JTL-FFN merchant product in the hub's terms: the warehouse's data (ops fields), dimensions from
 * JTL's metres to the hub's centimetres. Read for the product update feed and, from the body the hub
 * sent, for the push record that recognises the feed's echo of a push. Only keys present are mapped.
 */
@Component
public class JtlProductMapper {

    private static final BigDecimal CM_PER_M = new BigDecimal("100");

    public Map<ProductField, Object> map(JsonNode product) {
        Map<ProductField, Object> fields = new EnumMap<>(ProductField.class);
        put(fields, ProductField.MANUFACTURER, product, "manufacturer");
        put(fields, ProductField.COUNTRY_OF_ORIGIN, product, "originCountry");
        put(fields, ProductField.WEIGHT_IN_KG, product, "weight");
        put(fields, ProductField.WAREHOUSE_NOTES, product, "note");
        JsonNode dimensions = product.path("dimensions");
        centimetres(fields, ProductField.LENGTH_IN_CM, dimensions, "length");
        centimetres(fields, ProductField.WIDTH_IN_CM, dimensions, "width");
        centimetres(fields, ProductField.HEIGHT_IN_CM, dimensions, "height");
        JsonNode identifier = product.path("identifier");
        put(fields, ProductField.GTIN, identifier, "ean");
        put(fields, ProductField.HAN, identifier.path("mpn"), "partNumber");
        JsonNode specifications = product.path("specifications");
        put(fields, ProductField.CUSTOMS_CODE, specifications, "taric");
        if (specifications.hasNonNull("hazardIdentifier")) { // only ever sent for hazmat products
            fields.put(ProductField.HAZMAT, true);
            put(fields, ProductField.HAZMAT_CLASS, specifications, "hazardIdentifier");
        }
        return fields;
    }

    /** A product the warehouse created: its identity as well. */
    public Map<ProductField, Object> mapNew(JsonNode product) {
        Map<ProductField, Object> fields = map(product);
        put(fields, ProductField.SKU, product, "merchantSku");
        put(fields, ProductField.NAME, product, "name");
        return fields;
    }

    private static void put(Map<ProductField, Object> fields, ProductField field, JsonNode node, String key) {
        if (node.has(key)) {
            JsonNode value = node.get(key);
            fields.put(field, field.canonical(value.isNull() ? null : value.isNumber() ? value.decimalValue() : value.asText()));
        }
    }

    private static void centimetres(Map<ProductField, Object> fields, ProductField field, JsonNode dimensions, String key) {
        if (dimensions.has(key)) {
            JsonNode metres = dimensions.get(key);
            fields.put(field, field.canonical(metres.isNull() ? null : metres.decimalValue().multiply(CM_PER_M)));
        }
    }
}
