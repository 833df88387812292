package com.nolimits.synchub.merge;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.nolimits.synchub.merge.MergeFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every origin x field group x inside/outside the conflict window x newer/older than the field's last
 * write (by another origin). The expected column is written from the rules in docs/architecture.md ("Field ownership"), not from the code.
 */
class OwnershipMergeTableTest {

    enum Outcome { APPLIED, NOT_PERMITTED, STALE, LOST_CONFLICT }

    enum ConflictRecord { NONE, AUTO, OPEN }

    @ParameterizedTest(name = "{0} {1}: {2} after {3}, {4} window, {5} -> {6} ({7})")
    @CsvSource(textBlock = """
            # group, field        , incoming   , last write , window , event, outcome      , conflict
            COMMERCE, price         , NOLIMITS   , SHOPIFY    , INSIDE , NEWER, LOST_CONFLICT, AUTO
            COMMERCE, price         , NOLIMITS   , SHOPIFY    , INSIDE , OLDER, LOST_CONFLICT, AUTO
            COMMERCE, price         , NOLIMITS   , SHOPIFY    , OUTSIDE, NEWER, APPLIED      , NONE
            COMMERCE, price         , NOLIMITS   , SHOPIFY    , OUTSIDE, OLDER, STALE        , NONE
            COMMERCE, price         , SHOPIFY    , NOLIMITS   , INSIDE , NEWER, APPLIED      , AUTO
            COMMERCE, price         , SHOPIFY    , NOLIMITS   , INSIDE , OLDER, APPLIED      , AUTO
            COMMERCE, price         , SHOPIFY    , NOLIMITS   , OUTSIDE, NEWER, APPLIED      , NONE
            COMMERCE, price         , SHOPIFY    , NOLIMITS   , OUTSIDE, OLDER, STALE        , NONE
            COMMERCE, price         , WOOCOMMERCE, NOLIMITS   , INSIDE , NEWER, APPLIED      , AUTO
            COMMERCE, price         , WOOCOMMERCE, NOLIMITS   , INSIDE , OLDER, APPLIED      , AUTO
            COMMERCE, price         , WOOCOMMERCE, NOLIMITS   , OUTSIDE, NEWER, APPLIED      , NONE
            COMMERCE, price         , WOOCOMMERCE, NOLIMITS   , OUTSIDE, OLDER, STALE        , NONE
            COMMERCE, price         , JTL        , SHOPIFY    , INSIDE , NEWER, NOT_PERMITTED, NONE
            COMMERCE, price         , JTL        , SHOPIFY    , INSIDE , OLDER, NOT_PERMITTED, NONE
            COMMERCE, price         , JTL        , SHOPIFY    , OUTSIDE, NEWER, NOT_PERMITTED, NONE
            COMMERCE, price         , JTL        , SHOPIFY    , OUTSIDE, OLDER, NOT_PERMITTED, NONE
            COMMERCE, price         , SYSTEM     , SHOPIFY    , INSIDE , NEWER, LOST_CONFLICT, AUTO
            COMMERCE, price         , SYSTEM     , SHOPIFY    , INSIDE , OLDER, LOST_CONFLICT, AUTO
            COMMERCE, price         , SYSTEM     , SHOPIFY    , OUTSIDE, NEWER, APPLIED      , NONE
            COMMERCE, price         , SYSTEM     , SHOPIFY    , OUTSIDE, OLDER, STALE        , NONE
            OPS     , warehouseNotes, NOLIMITS   , JTL        , INSIDE , NEWER, APPLIED      , AUTO
            OPS     , warehouseNotes, NOLIMITS   , JTL        , INSIDE , OLDER, APPLIED      , AUTO
            OPS     , warehouseNotes, NOLIMITS   , JTL        , OUTSIDE, NEWER, APPLIED      , NONE
            OPS     , warehouseNotes, NOLIMITS   , JTL        , OUTSIDE, OLDER, STALE        , NONE
            OPS     , warehouseNotes, SHOPIFY    , NOLIMITS   , INSIDE , NEWER, NOT_PERMITTED, NONE
            OPS     , warehouseNotes, SHOPIFY    , NOLIMITS   , INSIDE , OLDER, NOT_PERMITTED, NONE
            OPS     , warehouseNotes, SHOPIFY    , NOLIMITS   , OUTSIDE, NEWER, NOT_PERMITTED, NONE
            OPS     , warehouseNotes, SHOPIFY    , NOLIMITS   , OUTSIDE, OLDER, NOT_PERMITTED, NONE
            OPS     , warehouseNotes, WOOCOMMERCE, NOLIMITS   , INSIDE , NEWER, NOT_PERMITTED, NONE
            OPS     , warehouseNotes, WOOCOMMERCE, NOLIMITS   , INSIDE , OLDER, NOT_PERMITTED, NONE
            OPS     , warehouseNotes, WOOCOMMERCE, NOLIMITS   , OUTSIDE, NEWER, NOT_PERMITTED, NONE
            OPS     , warehouseNotes, WOOCOMMERCE, NOLIMITS   , OUTSIDE, OLDER, NOT_PERMITTED, NONE
            OPS     , warehouseNotes, JTL        , NOLIMITS   , INSIDE , NEWER, LOST_CONFLICT, AUTO
            OPS     , warehouseNotes, JTL        , NOLIMITS   , INSIDE , OLDER, LOST_CONFLICT, AUTO
            OPS     , warehouseNotes, JTL        , NOLIMITS   , OUTSIDE, NEWER, APPLIED      , NONE
            OPS     , warehouseNotes, JTL        , NOLIMITS   , OUTSIDE, OLDER, STALE        , NONE
            OPS     , warehouseNotes, SYSTEM     , NOLIMITS   , INSIDE , NEWER, LOST_CONFLICT, AUTO
            OPS     , warehouseNotes, SYSTEM     , NOLIMITS   , INSIDE , OLDER, LOST_CONFLICT, AUTO
            OPS     , warehouseNotes, SYSTEM     , NOLIMITS   , OUTSIDE, NEWER, APPLIED      , NONE
            OPS     , warehouseNotes, SYSTEM     , NOLIMITS   , OUTSIDE, OLDER, STALE        , NONE
            SHARED  , name          , NOLIMITS   , SHOPIFY    , INSIDE , NEWER, APPLIED      , OPEN
            SHARED  , name          , NOLIMITS   , SHOPIFY    , INSIDE , OLDER, LOST_CONFLICT, OPEN
            SHARED  , name          , NOLIMITS   , SHOPIFY    , OUTSIDE, NEWER, APPLIED      , NONE
            SHARED  , name          , NOLIMITS   , SHOPIFY    , OUTSIDE, OLDER, STALE        , NONE
            SHARED  , name          , SHOPIFY    , NOLIMITS   , INSIDE , NEWER, APPLIED      , OPEN
            SHARED  , name          , SHOPIFY    , NOLIMITS   , INSIDE , OLDER, LOST_CONFLICT, OPEN
            SHARED  , name          , SHOPIFY    , NOLIMITS   , OUTSIDE, NEWER, APPLIED      , NONE
            SHARED  , name          , SHOPIFY    , NOLIMITS   , OUTSIDE, OLDER, STALE        , NONE
            SHARED  , name          , WOOCOMMERCE, SHOPIFY    , INSIDE , NEWER, APPLIED      , OPEN
            SHARED  , name          , WOOCOMMERCE, SHOPIFY    , INSIDE , OLDER, LOST_CONFLICT, OPEN
            SHARED  , name          , WOOCOMMERCE, SHOPIFY    , OUTSIDE, NEWER, APPLIED      , NONE
            SHARED  , name          , WOOCOMMERCE, SHOPIFY    , OUTSIDE, OLDER, STALE        , NONE
            SHARED  , name          , JTL        , SHOPIFY    , INSIDE , NEWER, NOT_PERMITTED, NONE
            SHARED  , name          , JTL        , SHOPIFY    , INSIDE , OLDER, NOT_PERMITTED, NONE
            SHARED  , name          , JTL        , SHOPIFY    , OUTSIDE, NEWER, NOT_PERMITTED, NONE
            SHARED  , name          , JTL        , SHOPIFY    , OUTSIDE, OLDER, NOT_PERMITTED, NONE
            SHARED  , name          , SYSTEM     , SHOPIFY    , INSIDE , NEWER, APPLIED      , OPEN
            SHARED  , name          , SYSTEM     , SHOPIFY    , INSIDE , OLDER, LOST_CONFLICT, OPEN
            SHARED  , name          , SYSTEM     , SHOPIFY    , OUTSIDE, NEWER, APPLIED      , NONE
            SHARED  , name          , SYSTEM     , SHOPIFY    , OUTSIDE, OLDER, STALE        , NONE
            STOCK   , available     , NOLIMITS   , JTL        , INSIDE , NEWER, LOST_CONFLICT, AUTO
            STOCK   , available     , NOLIMITS   , JTL        , INSIDE , OLDER, LOST_CONFLICT, AUTO
            STOCK   , available     , NOLIMITS   , JTL        , OUTSIDE, NEWER, APPLIED      , NONE
            STOCK   , available     , NOLIMITS   , JTL        , OUTSIDE, OLDER, STALE        , NONE
            STOCK   , available     , SHOPIFY    , JTL        , INSIDE , NEWER, NOT_PERMITTED, NONE
            STOCK   , available     , SHOPIFY    , JTL        , INSIDE , OLDER, NOT_PERMITTED, NONE
            STOCK   , available     , SHOPIFY    , JTL        , OUTSIDE, NEWER, NOT_PERMITTED, NONE
            STOCK   , available     , SHOPIFY    , JTL        , OUTSIDE, OLDER, NOT_PERMITTED, NONE
            STOCK   , available     , WOOCOMMERCE, JTL        , INSIDE , NEWER, NOT_PERMITTED, NONE
            STOCK   , available     , WOOCOMMERCE, JTL        , INSIDE , OLDER, NOT_PERMITTED, NONE
            STOCK   , available     , WOOCOMMERCE, JTL        , OUTSIDE, NEWER, NOT_PERMITTED, NONE
            STOCK   , available     , WOOCOMMERCE, JTL        , OUTSIDE, OLDER, NOT_PERMITTED, NONE
            STOCK   , available     , JTL        , NOLIMITS   , INSIDE , NEWER, APPLIED      , AUTO
            STOCK   , available     , JTL        , NOLIMITS   , INSIDE , OLDER, APPLIED      , AUTO
            STOCK   , available     , JTL        , NOLIMITS   , OUTSIDE, NEWER, APPLIED      , NONE
            STOCK   , available     , JTL        , NOLIMITS   , OUTSIDE, OLDER, STALE        , NONE
            STOCK   , available     , SYSTEM     , JTL        , INSIDE , NEWER, LOST_CONFLICT, AUTO
            STOCK   , available     , SYSTEM     , JTL        , INSIDE , OLDER, LOST_CONFLICT, AUTO
            STOCK   , available     , SYSTEM     , JTL        , OUTSIDE, NEWER, APPLIED      , NONE
            STOCK   , available     , SYSTEM     , JTL        , OUTSIDE, OLDER, STALE        , NONE
            """)
    void decidesEveryCombination(FieldGroup group, String fieldKey, Origin incoming, Origin existingOrigin,
                                 String window, String time, Outcome expected, ConflictRecord conflict) {
        ProductField field = ProductField.byKey(fieldKey).orElseThrow();
        assertThat(RULES.defaults().get(field)).isEqualTo(group);
        Object oldValue = sample(field, 1);
        Object newValue = sample(field, 2);
        Duration distance = window.equals("INSIDE") ? Duration.ofMinutes(2) : Duration.ofMinutes(7);
        Instant incomingAt = time.equals("NEWER") ? T0.plus(distance) : T0.minus(distance);
        ProductSnapshot product = existing(Map.of(field, oldValue), existingOrigin, T0);

        MergeResult result = merge().merge(CLIENT, product, update(incoming, incomingAt, Map.of(field, newValue)), CHANNELS);

        switch (expected) {
            case APPLIED -> {
                assertThat(result.applied()).containsEntry(field, newValue);
                assertThat(result.previous()).containsEntry(field, oldValue);
                assertThat(result.stamps()).containsEntry(field, new FieldStamp(incoming, incomingAt));
                assertThat(result.ignored()).isEmpty();
            }
            default -> {
                assertThat(result.applied()).isEmpty();
                assertThat(result.stamps()).isEmpty();
                assertThat(result.ignored()).singleElement().satisfies(i -> {
                    assertThat(i.field()).isEqualTo(field);
                    assertThat(i.reason().name()).isEqualTo(expected.name());
                });
            }
        }
        switch (conflict) {
            case NONE -> assertThat(result.conflicts()).isEmpty();
            default -> assertThat(result.conflicts()).singleElement().satisfies(c -> {
                assertThat(c.open()).isEqualTo(conflict == ConflictRecord.OPEN);
                assertThat(c.incomingWon()).isEqualTo(expected == Outcome.APPLIED);
                assertThat(c.currentValue()).isEqualTo(oldValue);
                assertThat(c.incomingValue()).isEqualTo(newValue);
                assertThat(c.current()).isEqualTo(new FieldStamp(existingOrigin, T0));
            });
        }
    }

    static Object sample(ProductField field, int n) {
        return switch (field.type()) {
            case TEXT -> "value " + n;
            case DECIMAL -> field.canonical(n * 10 + ".5");
            case INTEGER -> n * 10;
            case BOOLEAN -> n % 2 == 0;
            case TEXT_LIST -> java.util.List.of("v" + n);
        };
    }
}
