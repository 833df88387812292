package com.nolimits.synchub.merge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldOwnershipFileTest {

    private static final String GROUPS = """
            groups:
              commerce: [price, compareAtPrice, taxable, seoTitle, seoDescription, tags, collections, categories, productType, vendor]
              ops: [sku, gtin, han, weightInKg, heightInCm, lengthInCm, widthInCm, packagingUnit, packagingQty, hazmat, hazmatClass, warehouseNotes, storageLocation, minStockLevel, reorderPoint, customsCode, countryOfOrigin, manufacturer]
              shared: [name, description, imageUrl, images, isActive]
              stock: [available, reserved, announced]
            """;

    @Test
    void theShippedFileHoldsTheGroupsOfTheDesign() {
        OwnershipRules rules = FieldOwnershipFile.loadPackaged();
        assertThat(rules.conflictWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(rules.defaults()).hasSize(ProductField.values().length);
        assertThat(rules.defaults().get(ProductField.PRICE)).isEqualTo(FieldGroup.COMMERCE);
        assertThat(rules.defaults().get(ProductField.WAREHOUSE_NOTES)).isEqualTo(FieldGroup.OPS);
        assertThat(rules.defaults().get(ProductField.NAME)).isEqualTo(FieldGroup.SHARED);
        assertThat(rules.defaults().get(ProductField.AVAILABLE)).isEqualTo(FieldGroup.STOCK);
    }

    @Test
    void readsClientOverrides() {
        OwnershipRules rules = FieldOwnershipFile.parse("conflict-window: 90s\n" + GROUPS
                + "client-overrides:\n  acme:\n    price: ops\n");
        assertThat(rules.conflictWindow()).isEqualTo(Duration.ofSeconds(90));
        assertThat(rules.groupOf("acme", java.util.Map.of(), ProductField.PRICE)).isEqualTo(FieldGroup.OPS);
        assertThat(rules.groupOf("other", java.util.Map.of(), ProductField.PRICE)).isEqualTo(FieldGroup.COMMERCE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "5m|PT5M", "300s|PT5M", "1500ms|PT1.5S", "2h|PT2H", "PT10M|PT10M", "pt1m|PT1M"})
    void understandsDurations(String text, String expected) {
        assertThat(FieldOwnershipFile.parse("conflict-window: " + text + "\n" + GROUPS).conflictWindow())
                .isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "conflict-window: 5m\\ngroups:\\n  commerce: [prise]|groups.commerce[0]: unknown field 'prise'",
            "conflict-window: 5m\\ngroups:\\n  money: [price]|groups.money: unknown group 'money'",
            "conflict-window: 5m\\ngroups:\\n  commerce: price|groups.commerce: must be a list of field names",
            "conflict-window: 5m\\ngroups:\\n  commerce: [price]\\n  ops: [price]|groups.ops[0]: field 'price' is already in group commerce",
            "conflict-window: 5m\\ngroups:\\n  commerce: [price]|groups: field 'name' is in no group",
            "conflict-window: 5m|groups is missing",
            "groups: {}|conflict-window is missing",
            "conflict-window: soon\\ngroups: {}|conflict-window: 'soon' is not a duration",
            "conflict-window: -PT1M\\ngroups: {}|conflict-window: must not be negative",
            "window: 5m|unknown entry 'window'",
            "- a list|the top level: must be a mapping",
            "1: x|the top level: key '1' must be a name",
            "a: [unclosed|not valid YAML",
            "conflict-window: 5m\\ngroups: [commerce]|groups: must be a mapping",
    })
    void aBadFileNamesTheBadEntry(String yaml, String message) {
        assertThatThrownBy(() -> FieldOwnershipFile.parse(yaml.replace("\\n", "\n")))
                .isInstanceOf(OwnershipConfigException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "acme:\\n    prise: ops|client-overrides.acme.prise: unknown field 'prise'",
            "acme:\\n    price: money|client-overrides.acme.price: unknown group 'money'",
            "acme:\\n    available: ops|client-overrides.acme.available: field 'available' cannot move between the stock group",
            "acme:\\n    price: stock|client-overrides.acme.price: field 'price' cannot move between the stock group",
            "acme: price|client-overrides.acme: must be a mapping",
    })
    void aBadOverrideNamesTheBadEntry(String overrides, String message) {
        String yaml = "conflict-window: 5m\n" + GROUPS + "client-overrides:\n  " + overrides.replace("\\n", "\n");
        assertThatThrownBy(() -> FieldOwnershipFile.parse(yaml)).hasMessageContaining(message);
    }

    @Test
    void aFileProblemNamesTheFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> FieldOwnershipFile.load(missing)).hasMessageContaining("nope.yaml: cannot be read");
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "conflict-window: 5m\ngroups:\n  commerce: [prise]\n");
        assertThatThrownBy(() -> FieldOwnershipFile.load(bad))
                .hasMessage(bad + ": groups.commerce[0]: unknown field 'prise'");
    }
}
