package com.nolimits.synchub.merge;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.nolimits.synchub.merge.MergeFixtures.*;
import static com.nolimits.synchub.merge.ProductField.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules the table does not cover: creation, same-origin order, no-ops, pushes and corrections. */
class OwnershipMergeTest {

    private final OwnershipMerge merge = merge();

    @Test
    void theWarehouseMaySetSharedFieldsOnlyWhenItCreatesTheProductAndCommerceFieldsNever() {
        Map<ProductField, Object> fields = Map.of(NAME, "Pallet wrap", SKU, "WH-1", PRICE, PRICE.canonical("3"));

        MergeResult created = merge.merge(CLIENT, ProductSnapshot.absent(), create(Origin.JTL, T0, fields), CHANNELS);
        assertThat(created.applied()).containsOnlyKeys(NAME, SKU);
        assertThat(created.ignored()).extracting(MergeResult.Ignored::field).containsExactly(PRICE);

        MergeResult renamed = merge.merge(CLIENT, ProductSnapshot.absent().with(created),
                update(Origin.JTL, T0.plusSeconds(600), Map.of(NAME, "Stretch film")), CHANNELS);
        assertThat(renamed.applied()).isEmpty();
        assertThat(renamed.ignored()).singleElement()
                .isEqualTo(new MergeResult.Ignored(NAME, "Stretch film", MergeResult.Reason.NOT_PERMITTED));
    }

    @Test
    void aShopMaySetOpsFieldsOnlyWhenItCreatesTheProduct() {
        Map<ProductField, Object> fields = Map.of(NAME, "Shirt", SKU, "TS-S", PRICE, PRICE.canonical("18.99"));

        MergeResult created = merge.merge(CLIENT, ProductSnapshot.absent(), create(Origin.SHOPIFY, T0, fields), CHANNELS);
        assertThat(created.created()).isTrue();
        assertThat(created.applied()).containsOnlyKeys(NAME, SKU, PRICE);

        ProductSnapshot product = ProductSnapshot.absent().with(created);
        MergeResult updated = merge.merge(CLIENT, product,
                update(Origin.SHOPIFY, T0.plusSeconds(60), Map.of(SKU, "OTHER")), CHANNELS);
        assertThat(updated.applied()).isEmpty();
        assertThat(updated.ignored()).singleElement()
                .isEqualTo(new MergeResult.Ignored(SKU, "OTHER", MergeResult.Reason.NOT_PERMITTED));
    }

    @Test
    void aCreateEventForAnExistingProductIsAnUpdate() {
        ProductSnapshot product = existing(Map.of(SKU, "TS-S"), Origin.NOLIMITS, T0);
        MergeResult result = merge.merge(CLIENT, product, create(Origin.SHOPIFY, T0.plusSeconds(1), Map.of(SKU, "X")), CHANNELS);
        assertThat(result.created()).isFalse();
        assertThat(result.ignored()).extracting(MergeResult.Ignored::reason).containsExactly(MergeResult.Reason.NOT_PERMITTED);
    }

    @Test
    void stockFromAShopIsNeverAcceptedNotEvenOnCreate() {
        MergeResult result = merge.merge(CLIENT, ProductSnapshot.absent(),
                create(Origin.SHOPIFY, T0, Map.of(NAME, "Shirt", AVAILABLE, 75)), CHANNELS);
        assertThat(result.applied()).containsOnlyKeys(NAME);
        assertThat(result.ignored()).extracting(MergeResult.Ignored::field).containsExactly(AVAILABLE);
    }

    @Test
    void anOlderEventFromTheSameOriginChangesNothingWhateverTheWindow() {
        ProductSnapshot product = existing(Map.of(NAME, "new"), Origin.SHOPIFY, T0);
        MergeResult result = merge.merge(CLIENT, product,
                update(Origin.SHOPIFY, T0.minusSeconds(1), Map.of(NAME, "old")), CHANNELS);
        assertThat(result.applied()).isEmpty();
        assertThat(result.conflicts()).isEmpty();
        assertThat(result.ignored()).extracting(MergeResult.Ignored::reason).containsExactly(MergeResult.Reason.STALE);
        assertThat(result.pushes()).isEmpty();
    }

    @Test
    void aNewerEventFromTheSameOriginInsideTheWindowIsNoConflict() {
        ProductSnapshot product = existing(Map.of(NAME, "one"), Origin.SHOPIFY, T0);
        MergeResult result = merge.merge(CLIENT, product,
                update(Origin.SHOPIFY, T0.plusSeconds(30), Map.of(NAME, "two")), CHANNELS);
        assertThat(result.applied()).containsEntry(NAME, "two");
        assertThat(result.conflicts()).isEmpty();
    }

    @Test
    void theSameValueWritesNothingAndPushesNothing() {
        ProductSnapshot product = existing(Map.of(NAME, "same"), Origin.SHOPIFY, T0);
        MergeResult result = merge.merge(CLIENT, product,
                update(Origin.SHOPIFY, T0, Map.of(NAME, "same")), CHANNELS);
        assertThat(result.isNoOp()).isTrue();
        assertThat(result.pushes()).isEmpty();
    }

    @Test
    void aWinningWriteOfTheSameValueMovesTheStampButRecordsNoConflict() {
        ProductSnapshot product = existing(Map.of(PRICE, PRICE.canonical("10")), Origin.NOLIMITS, T0);
        MergeResult result = merge.merge(CLIENT, product,
                update(Origin.SHOPIFY, T0.plusSeconds(60), Map.of(PRICE, PRICE.canonical("10.00"))), CHANNELS);
        assertThat(result.applied()).isEmpty();
        assertThat(result.conflicts()).isEmpty();
        assertThat(result.stamps()).containsEntry(PRICE, new FieldStamp(Origin.SHOPIFY, T0.plusSeconds(60)));
        assertThat(result.isNoOp()).isFalse();
        assertThat(result.pushes()).isEmpty();
    }

    @Test
    void betweenTwoShopsInsideTheWindowTheLaterChangeWins() {
        ProductSnapshot product = existing(Map.of(PRICE, PRICE.canonical("10")), Origin.SHOPIFY, T0);
        MergeResult later = merge.merge(CLIENT, product,
                update(Origin.WOOCOMMERCE, T0.plusSeconds(10), Map.of(PRICE, PRICE.canonical("12"))), CHANNELS);
        assertThat(later.applied()).containsKey(PRICE);
        MergeResult earlier = merge.merge(CLIENT, product,
                update(Origin.WOOCOMMERCE, T0.minusSeconds(10), Map.of(PRICE, PRICE.canonical("12"))), CHANNELS);
        assertThat(earlier.applied()).isEmpty();
        assertThat(earlier.conflicts()).singleElement().satisfies(c -> assertThat(c.open()).isFalse());
    }

    @Test
    void atTheSameSourceTimeTheOriginOrderBreaksTheTie() {
        ProductSnapshot byShopify = existing(Map.of(NAME, "shopify"), Origin.SHOPIFY, T0);
        assertThat(merge.merge(CLIENT, byShopify, update(Origin.NOLIMITS, T0, Map.of(NAME, "hub")), CHANNELS)
                .applied()).containsEntry(NAME, "hub");
        ProductSnapshot byHub = existing(Map.of(NAME, "hub"), Origin.NOLIMITS, T0);
        assertThat(merge.merge(CLIENT, byHub, update(Origin.SHOPIFY, T0, Map.of(NAME, "shopify")), CHANNELS)
                .applied()).isEmpty();
    }

    @Test
    void aResolutionIsAppliedInsideTheWindowWithoutANewConflict() {
        ProductSnapshot product = existing(Map.of(NAME, "shopify"), Origin.SHOPIFY, T0);
        Change resolution = new Change(Origin.NOLIMITS, null, T0.plusSeconds(5), Change.Kind.RESOLUTION, Map.of(NAME, "agreed"));
        MergeResult result = merge.merge(CLIENT, product, resolution, CHANNELS);
        assertThat(result.applied()).containsEntry(NAME, "agreed");
        assertThat(result.conflicts()).isEmpty();
        assertThat(result.pushes()).extracting(MergeResult.Push::channelId).containsExactly(SHOP.id(), WOO.id());
    }

    @Test
    void aHubEditReachesShopsWithCommerceFieldsAndTheWarehouseWithOpsFields() {
        ProductSnapshot product = existing(Map.of(NAME, "n"), Origin.NOLIMITS, T0.minus(Duration.ofHours(1)));
        MergeResult result = merge.merge(CLIENT, product, update(Origin.NOLIMITS, T0,
                Map.of(PRICE, PRICE.canonical("20"), WAREHOUSE_NOTES, "fragile", STORAGE_LOCATION, "A-1")), CHANNELS);
        assertThat(result.pushes()).containsExactly(
                new MergeResult.Push(SHOP.id(), Set.of(PRICE), false),
                new MergeResult.Push(WOO.id(), Set.of(PRICE), false),
                new MergeResult.Push(JTL.id(), Set.of(WAREHOUSE_NOTES), false));
    }

    @Test
    void aShopChangeNeverGoesStraightBackToThatShop() {
        ProductSnapshot product = existing(Map.of(NAME, "n"), Origin.SHOPIFY, T0.minus(Duration.ofHours(1)));
        MergeResult result = merge.merge(CLIENT, product, update(Origin.SHOPIFY, T0,
                Map.of(NAME, "renamed", VENDOR, "Acme")), CHANNELS);
        assertThat(result.pushes()).containsExactly(new MergeResult.Push(WOO.id(), Set.of(NAME), false));
    }

    @Test
    void aNewProductSendsIdentityToShopsAndTheNameToTheWarehouse() {
        MergeResult result = merge.merge(CLIENT, ProductSnapshot.absent(), create(Origin.SHOPIFY, T0,
                Map.of(NAME, "Shirt", SKU, "TS-S", GTIN, "4006381333931", PRICE, PRICE.canonical("5"))), CHANNELS);
        assertThat(result.pushes()).containsExactly(
                new MergeResult.Push(WOO.id(), Set.of(NAME, SKU, GTIN, PRICE), false),
                new MergeResult.Push(JTL.id(), Set.of(NAME, SKU, GTIN), false));
    }

    @Test
    void warehouseStockReachesBothShopsButNotTheWarehouse() {
        ProductSnapshot product = existing(Map.of(AVAILABLE, 45), Origin.JTL, T0.minus(Duration.ofHours(1)));
        MergeResult result = merge.merge(CLIENT, product, update(Origin.JTL, T0, Map.of(AVAILABLE, 42, RESERVED, 3)), CHANNELS);
        assertThat(result.pushes()).containsExactly(
                new MergeResult.Push(SHOP.id(), Set.of(AVAILABLE), false),
                new MergeResult.Push(WOO.id(), Set.of(AVAILABLE), false));
    }

    @Test
    void aChangeOfHubOnlyFieldsPushesNothing() {
        ProductSnapshot product = existing(Map.of(NAME, "n"), Origin.NOLIMITS, T0.minus(Duration.ofHours(1)));
        MergeResult result = merge.merge(CLIENT, product, update(Origin.NOLIMITS, T0,
                Map.of(STORAGE_LOCATION, "B-7", RESERVED, 4)), CHANNELS);
        assertThat(result.applied()).hasSize(2);
        assertThat(result.pushes()).isEmpty();
    }

    @Test
    void aHigherStockFigureFromAShopIsCorrectedDownward() {
        ProductSnapshot product = existing(Map.of(AVAILABLE, 40), Origin.JTL, T0);
        MergeResult result = merge.merge(CLIENT, product, update(Origin.SHOPIFY, T0.plusSeconds(9), Map.of(AVAILABLE, 50)), CHANNELS);
        assertThat(result.applied()).isEmpty();
        assertThat(result.pushes()).containsExactly(new MergeResult.Push(SHOP.id(), Set.of(AVAILABLE), true));
    }

    @Test
    void aLowerStockFigureFromAShopIsNeverRaisedBack() {
        ProductSnapshot product = existing(Map.of(AVAILABLE, 40), Origin.JTL, T0);
        MergeResult result = merge.merge(CLIENT, product, update(Origin.SHOPIFY, T0.plusSeconds(9), Map.of(AVAILABLE, 38)), CHANNELS);
        assertThat(result.ignored()).extracting(MergeResult.Ignored::reason).containsExactly(MergeResult.Reason.NOT_PERMITTED);
        assertThat(result.pushes()).isEmpty();
    }

    @Test
    void noCorrectionOfAFieldThePlatformDoesNotStore() {
        ProductSnapshot product = existing(Map.of(GTIN, "111"), Origin.NOLIMITS, T0);
        MergeResult fromShop = merge.merge(CLIENT, product, update(Origin.SHOPIFY, T0.plusSeconds(5), Map.of(GTIN, "222")), CHANNELS);
        assertThat(fromShop.ignored()).extracting(MergeResult.Ignored::reason).containsExactly(MergeResult.Reason.NOT_PERMITTED);
        assertThat(fromShop.pushes()).isEmpty();
    }

    @Test
    void aShopThatLosesAConflictGetsTheOwnedValueBack() {
        ProductSnapshot priced = existing(Map.of(PRICE, PRICE.canonical("10")), Origin.SHOPIFY, T0);
        MergeResult fromWoo = merge.merge(CLIENT, priced,
                update(Origin.WOOCOMMERCE, T0.minusSeconds(30), Map.of(PRICE, PRICE.canonical("9"))), CHANNELS);
        assertThat(fromWoo.ignored()).extracting(MergeResult.Ignored::reason).containsExactly(MergeResult.Reason.LOST_CONFLICT);
        assertThat(fromWoo.pushes()).containsExactly(new MergeResult.Push(WOO.id(), Set.of(PRICE), true));
    }

    @Test
    void aStaleEventGetsNoCorrection() {
        ProductSnapshot product = existing(Map.of(NAME, "new"), Origin.SHOPIFY, T0);
        MergeResult result = merge.merge(CLIENT, product,
                update(Origin.SHOPIFY, T0.minus(Duration.ofMinutes(30)), Map.of(NAME, "old")), CHANNELS);
        assertThat(result.pushes()).isEmpty();
    }

    @Test
    void overridesMoveAFieldForOneClientOrOneProduct() {
        OwnershipRules rules = new OwnershipRules(RULES.defaults(), Map.of("hub-priced", Map.of(PRICE, FieldGroup.OPS)),
                RULES.conflictWindow());
        OwnershipMerge custom = new OwnershipMerge(rules);
        ProductSnapshot product = existing(Map.of(PRICE, PRICE.canonical("10")), Origin.NOLIMITS, T0);
        Change shopPrice = update(Origin.SHOPIFY, T0.plusSeconds(60), Map.of(PRICE, PRICE.canonical("12")));

        assertThat(custom.merge("hub-priced", product, shopPrice, CHANNELS).applied()).isEmpty();
        assertThat(custom.merge("other", product, shopPrice, CHANNELS).applied()).containsKey(PRICE);

        ProductSnapshot perProduct = new ProductSnapshot(true, product.values(), product.stamps(), Map.of(PRICE, FieldGroup.OPS));
        assertThat(custom.merge("other", perProduct, shopPrice, CHANNELS).applied()).isEmpty();
        assertThat(custom.rules()).isSameAs(rules);
    }

    @Test
    void aClientWithoutChannelsGetsNoPushes() {
        MergeResult result = merge.merge(CLIENT, ProductSnapshot.absent(),
                create(Origin.NOLIMITS, T0, Map.of(NAME, "x")), List.of());
        assertThat(result.pushes()).isEmpty();
        assertThat(result.created()).isTrue();
    }

    @Test
    void stockCorrectionNeedsAFigureOnBothSides() {
        OwnershipRules rules = new OwnershipRules(RULES.defaults(), Map.of(), RULES.conflictWindow());
        // a null stock value cannot come from the API (stock is not nullable), but a corrupt row could hold one
        ProductSnapshot product = new ProductSnapshot(true, java.util.Collections.singletonMap(AVAILABLE, null),
                Map.of(), Map.of());
        MergeResult result = new OwnershipMerge(rules).merge(CLIENT, product,
                update(Origin.SHOPIFY, T0, Map.of(AVAILABLE, 5)), CHANNELS);
        assertThat(result.pushes()).isEmpty();
    }
}
