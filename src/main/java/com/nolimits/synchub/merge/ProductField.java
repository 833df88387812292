package com.nolimits.synchub.merge;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.nolimits.synchub.merge.FieldType.BOOLEAN;
import static com.nolimits.synchub.merge.FieldType.DECIMAL;
import static com.nolimits.synchub.merge.FieldType.INTEGER;
import static com.nolimits.synchub.merge.FieldType.TEXT;
import static com.nolimits.synchub.merge.FieldType.TEXT_LIST;

/**
 * Every syncable product field: its API name (the management API's product), column, type and the
 * platforms that store it. Which platform stores a field is a fact of that platform's API (Shopify
 * has no warehouse notes), so it lives here; who owns a field is policy and lives in
 * field-ownership.yaml.
 */
public enum ProductField {
    // shared by default
    NAME("name", TEXT, true, Platform.SHOPIFY, Platform.WOOCOMMERCE),
    DESCRIPTION("description", TEXT, true, Platform.SHOPIFY, Platform.WOOCOMMERCE),
    IMAGE_URL("imageUrl", TEXT, true, Platform.SHOPIFY, Platform.WOOCOMMERCE),
    IMAGES("images", TEXT_LIST, false, Platform.SHOPIFY, Platform.WOOCOMMERCE),
    IS_ACTIVE("isActive", BOOLEAN, false, Platform.SHOPIFY, Platform.WOOCOMMERCE),
    // commerce by default
    PRICE("price", DECIMAL, true, Platform.SHOPIFY, Platform.WOOCOMMERCE),
    COMPARE_AT_PRICE("compareAtPrice", DECIMAL, true, Platform.SHOPIFY, Platform.WOOCOMMERCE),
    TAXABLE("taxable", BOOLEAN, false, Platform.SHOPIFY, Platform.WOOCOMMERCE),
    SEO_TITLE("seoTitle", TEXT, true, Platform.SHOPIFY),
    SEO_DESCRIPTION("seoDescription", TEXT, true, Platform.SHOPIFY),
    TAGS("tags", TEXT_LIST, false, Platform.SHOPIFY, Platform.WOOCOMMERCE),
    COLLECTIONS("collections", TEXT_LIST, false, Platform.SHOPIFY),
    CATEGORIES("categories", TEXT_LIST, false, Platform.WOOCOMMERCE),
    PRODUCT_TYPE("productType", TEXT, true, Platform.SHOPIFY),
    VENDOR("vendor", TEXT, true, Platform.SHOPIFY),
    // ops by default
    SKU("sku", TEXT, true, Platform.JTL),
    GTIN("gtin", TEXT, true, Platform.JTL),
    HAN("han", TEXT, true, Platform.JTL),
    WEIGHT_IN_KG("weightInKg", DECIMAL, true, Platform.JTL),
    HEIGHT_IN_CM("heightInCm", DECIMAL, true, Platform.JTL),
    LENGTH_IN_CM("lengthInCm", DECIMAL, true, Platform.JTL),
    WIDTH_IN_CM("widthInCm", DECIMAL, true, Platform.JTL),
    PACKAGING_UNIT("packagingUnit", TEXT, true),
    PACKAGING_QTY("packagingQty", INTEGER, false),
    HAZMAT("hazmat", BOOLEAN, false, Platform.JTL),
    HAZMAT_CLASS("hazmatClass", TEXT, true, Platform.JTL),
    WAREHOUSE_NOTES("warehouseNotes", TEXT, true, Platform.JTL),
    STORAGE_LOCATION("storageLocation", TEXT, true),
    MIN_STOCK_LEVEL("minStockLevel", INTEGER, false),
    REORDER_POINT("reorderPoint", INTEGER, false),
    CUSTOMS_CODE("customsCode", TEXT, true, Platform.JTL),
    COUNTRY_OF_ORIGIN("countryOfOrigin", TEXT, true, Platform.JTL),
    MANUFACTURER("manufacturer", TEXT, true, Platform.JTL),
    // stock: shops hold only the sellable quantity
    AVAILABLE("available", INTEGER, false, Platform.SHOPIFY, Platform.WOOCOMMERCE),
    RESERVED("reserved", INTEGER, false),
    ANNOUNCED("announced", INTEGER, false);

    private static final Map<String, ProductField> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ProductField::key, Function.identity()));

    private final String key;
    private final String column;
    private final FieldType type;
    private final boolean nullable;
    private final Set<Platform> storedOn;

    ProductField(String key, FieldType type, boolean nullable, Platform... storedOn) {
        this.key = key;
        this.column = key.replaceAll("([A-Z])", "_$1").toLowerCase();
        this.type = type;
        this.nullable = nullable;
        this.storedOn = storedOn.length == 0 ? EnumSet.noneOf(Platform.class) : EnumSet.copyOf(Arrays.asList(storedOn));
    }

    public static Optional<ProductField> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** The camelCase name used in the API, in field-ownership.yaml and in logs. */
    public String key() {
        return key;
    }

    /** The snake_case column in the product table (worked out once: every read of a product asks for every column). */
    public String column() {
        return column;
    }

    public FieldType type() {
        return type;
    }

    public boolean isStoredOn(Platform platform) {
        return storedOn.contains(platform);
    }

    /** The platforms that store the field (none: kept in the hub only). */
    public Set<Platform> storedOn() {
        return java.util.Collections.unmodifiableSet(storedOn);
    }

    /** Whether the field may be null (else it has a value from its creation on). */
    public boolean nullable() {
        return nullable;
    }

    /** Canonical form of a raw value; throws {@link InvalidFieldValueException} naming this field. */
    public Object canonical(Object raw) {
        try {
            return type.canonical(raw, nullable);
        } catch (InvalidFieldValueException e) {
            throw new InvalidFieldValueException(key + " " + e.getMessage());
        }
    }

    /** The value a new product starts with. */
    public Object initialValue() {
        return nullable ? null : type.canonical(defaultRaw(), false);
    }

    private Object defaultRaw() {
        return switch (this) {
            case IS_ACTIVE, TAXABLE -> Boolean.TRUE;
            case HAZMAT -> Boolean.FALSE;
            case PACKAGING_QTY -> 1;
            default -> type == BOOLEAN ? Boolean.FALSE : type == INTEGER ? (Object) 0 : null;
        };
    }
}
