package com.nolimits.synchub.merge;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldTypeTest {

    @Test
    void decimalsCompareByValue() {
        assertThat(ProductField.PRICE.canonical("18.90")).isEqualTo(ProductField.PRICE.canonical(18.9));
        assertThat(ProductField.PRICE.canonical(20)).isEqualTo(ProductField.PRICE.canonical("20.00"));
        assertThat(ProductField.PRICE.canonical(20L)).isEqualTo(new BigDecimal("20"));
        assertThat(ProductField.PRICE.canonical(new BigDecimal("1E+1"))).isEqualTo(new BigDecimal("10"));
        assertThat(ProductField.PRICE.canonical(BigInteger.TEN)).isEqualTo(new BigDecimal("10"));
        assertThat(ProductField.PRICE.canonical(1.5f)).isEqualTo(new BigDecimal("1.5"));
        assertThat(ProductField.PRICE.canonical(" 3 ")).isEqualTo(new BigDecimal("3"));
        assertThat(ProductField.PRICE.canonical(null)).isNull();
    }

    @Test
    void anEmptyTextIsNoTextWhereTheFieldMayBeEmpty() {
        assertThat(ProductField.DESCRIPTION.canonical("")).isNull();
        assertThat(ProductField.VENDOR.canonical("")).isEqualTo(ProductField.VENDOR.canonical(null));
        assertThat(ProductField.DESCRIPTION.canonical(" ")).isEqualTo(" ");
        assertThat(ProductField.NAME.canonical("")).isNull();
    }

    @Test
    void badValuesAreNamedWithTheirField() {
        assertBad(ProductField.PRICE, "abc", "price must be a decimal number");
        assertBad(ProductField.PRICE, true, "price must be a decimal number");
        assertBad(ProductField.PRICE, -1, "price must not be negative");
        assertBad(ProductField.PRICE, Double.NaN, "price must be a finite number");
        assertBad(ProductField.PRICE, Double.POSITIVE_INFINITY, "price must be a finite number");
        assertBad(ProductField.PRICE, "1e20", "price must not exceed");
        assertBad(ProductField.PRICE, "1.00001", "price must have at most 4 decimal places");
        assertBad(ProductField.AVAILABLE, -3, "available must not be negative");
        assertBad(ProductField.AVAILABLE, 1.5, "available must be a whole number");
        assertBad(ProductField.AVAILABLE, new BigDecimal("1.5"), "available must be a whole number");
        assertBad(ProductField.AVAILABLE, "4", "available must be a whole number");
        assertBad(ProductField.AVAILABLE, 1L << 40, "available must not exceed");
        assertBad(ProductField.AVAILABLE, null, "available must not be null");
        assertBad(ProductField.NAME, 5, "name must be a string");
        assertBad(ProductField.IS_ACTIVE, "yes", "isActive must be true or false");
        assertBad(ProductField.TAGS, "a,b", "tags must be a list of strings");
        assertBad(ProductField.TAGS, List.of(1), "tags must be a list of strings");
    }

    @Test
    void goodValuesBecomeCanonical() {
        assertThat(ProductField.AVAILABLE.canonical(new BigDecimal("7.0"))).isEqualTo(7);
        assertThat(ProductField.AVAILABLE.canonical(7L)).isEqualTo(7);
        assertThat(ProductField.TAGS.canonical(null)).isEqualTo(List.of());
        assertThat(ProductField.TAGS.canonical(Arrays.asList("a", "b"))).isEqualTo(List.of("a", "b"));
        assertThat(ProductField.IS_ACTIVE.canonical(false)).isEqualTo(false);
        assertThat(ProductField.NAME.canonical(null)).isNull();
    }

    @Test
    void fieldsKnowTheirColumnsAndStartingValues() {
        assertThat(ProductField.WEIGHT_IN_KG.column()).isEqualTo("weight_in_kg");
        assertThat(ProductField.byKey("compareAtPrice")).contains(ProductField.COMPARE_AT_PRICE);
        assertThat(ProductField.byKey("nope")).isEmpty();
        assertThat(ProductField.IS_ACTIVE.initialValue()).isEqualTo(true);
        assertThat(ProductField.TAXABLE.initialValue()).isEqualTo(true);
        assertThat(ProductField.HAZMAT.initialValue()).isEqualTo(false);
        assertThat(ProductField.PACKAGING_QTY.initialValue()).isEqualTo(1);
        assertThat(ProductField.AVAILABLE.initialValue()).isEqualTo(0);
        assertThat(ProductField.TAGS.initialValue()).isEqualTo(List.of());
        assertThat(ProductField.NAME.initialValue()).isNull();
    }

    @Test
    void platformsReceiveWhatTheyStore() {
        assertThat(Platform.SHOPIFY.receives(ProductField.VENDOR, false)).isTrue();
        assertThat(Platform.WOOCOMMERCE.receives(ProductField.VENDOR, false)).isFalse();
        assertThat(Platform.SHOPIFY.receives(ProductField.WAREHOUSE_NOTES, false)).isFalse();
        assertThat(Platform.JTL.receives(ProductField.WAREHOUSE_NOTES, false)).isTrue();
        assertThat(Platform.SHOPIFY.receives(ProductField.SKU, true)).isTrue();
        assertThat(Platform.SHOPIFY.receives(ProductField.SKU, false)).isFalse();
        assertThat(Platform.JTL.receives(ProductField.NAME, true)).isTrue();
        assertThat(Platform.JTL.receives(ProductField.NAME, false)).isFalse();
        assertThat(Platform.JTL.receives(ProductField.PRICE, true)).isFalse();
        assertThat(Platform.JTL.origin()).isEqualTo(Origin.JTL);
        assertThat(Platform.JTL.isCommerce()).isFalse();
    }

    private static void assertBad(ProductField field, Object raw, String message) {
        assertThatThrownBy(() -> field.canonical(raw)).isInstanceOf(InvalidFieldValueException.class)
                .hasMessageContaining(message);
    }
}
