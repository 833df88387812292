package com.nolimits.synchub.ingress;

import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.LinkStore;
import com.nolimits.synchub.store.PushRecordStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.nolimits.synchub.merge.ProductField.NAME;
import static com.nolimits.synchub.merge.ProductField.PRICE;
import static org.assertj.core.api.Assertions.assertThat;

/** The scenarios of a whole-product webhook against what the hub knew the channel held. */
class ChangedFieldsTest {

    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final Instant T1 = T0.plusSeconds(10);
    static final Instant T2 = T0.plusSeconds(20);
    static final Instant T3 = T0.plusSeconds(30);
    /** What an in-flight push record reads back as ('infinity'). */
    static final Instant IN_FLIGHT = Instant.parse("+100000-01-01T00:00:00Z");

    private static final Map<ProductField, Object> OLD_NAME_NEW_PRICE = report("Mug", "12.00");

    @Test
    void withNothingKnownEveryFieldIsAChange() {
        assertThat(ChangedFields.changed(OLD_NAME_NEW_PRICE, T1, Map.of(), List.of())).isEqualTo(OLD_NAME_NEW_PRICE);
    }

    @Test
    void theShopsOldNameWhileTheHubsNewNameWaitsForItsRetryIsNoChange() {
        var known = reported("Mug", "10.00", T0);
        var failedPush = push(false, T1, "Big mug");
        assertThat(ChangedFields.changed(OLD_NAME_NEW_PRICE, T2, known, List.of(failedPush)))
                .containsOnlyKeys(PRICE);
    }

    @Test
    void aReportMadeBeforeTheHubsPushLandedKeepsTheOldNameAsNoChange() {
        var known = reported("Mug", "10.00", T0);
        var landed = push(true, T2, "Big mug");
        assertThat(ChangedFields.changed(OLD_NAME_NEW_PRICE, T1, known, List.of(landed))).containsOnlyKeys(PRICE);
    }

    @Test
    void theMerchantsOwnEditBeforeThePushLandedIsAChange() {
        var known = reported("Mug", "10.00", T0);
        var landed = push(true, T2, "Big mug");
        assertThat(ChangedFields.changed(report("Cup", "10.00"), T1, known, List.of(landed))).containsOnlyKeys(NAME);
    }

    @Test
    void aNameSetBackAfterTheHubsPushLandedIsAChange() {
        var known = reported("Mug", "10.00", T0);
        var landed = push(true, T1, "Big mug");
        assertThat(ChangedFields.changed(report("Mug", "10.00"), T2, known, List.of(landed))).containsOnlyKeys(NAME);
    }

    @Test
    void theValueOfAPushInFlightIsNoChange() {
        var known = reported("Mug", "10.00", T0);
        var inFlight = push(false, IN_FLIGHT, "Big mug");
        assertThat(ChangedFields.changed(report("Big mug", "12.00"), T1, known, List.of(inFlight))).containsOnlyKeys(PRICE);
    }

    @Test
    void aReportOlderThanOneAlreadyAppliedChangesNothing() {
        var known = reported("Cup", "11.00", T2);
        assertThat(ChangedFields.changed(report("Mug", "12.00"), T1, known, List.of())).isEmpty();
    }

    @Test
    void aReportAtTheSameTimeAsTheLastCountsOnlyWhatDiffers() {
        var known = reported("Mug", "10.00", T1);
        assertThat(ChangedFields.changed(report("Mug", "12.00"), T1, known, List.of())).containsOnlyKeys(PRICE);
    }

    @Test
    void aPushTheChannelOverwroteSinceIsNoLongerWhatItHolds() {
        var landed = push(true, T0, "Big mug");
        var known = reported("Cup", "10.00", T1);
        assertThat(ChangedFields.changed(report("Big mug", "10.00"), T2, known, List.of(landed))).containsOnlyKeys(NAME);
    }

    @Test
    void aLandedPushAfterTheLastReportIsWhatTheChannelHolds() {
        var known = reported("Mug", "10.00", T0);
        var landed = push(true, T1, "Big mug");
        assertThat(ChangedFields.changed(report("Big mug", "12.00"), T3, known, List.of(landed))).containsOnlyKeys(PRICE);
    }

    @Test
    void aReportStampedWithThePushsSecondMayShowTheStateBeforeOrAfterIt() {
        var known = reported("Mug", "10.00", T0);
        var landed = push(true, T1, "Big mug");
        assertThat(ChangedFields.changed(report("Mug", "10.00"), T1, known, List.of(landed))).isEmpty();
        assertThat(ChangedFields.changed(report("Big mug", "10.00"), T1, known, List.of(landed))).isEmpty();
        assertThat(ChangedFields.changed(report("Cup", "10.00"), T1, known, List.of(landed))).containsOnlyKeys(NAME);
    }

    @Test
    void pricesCompareByValueNotByHowTheyAreWritten() {
        var known = Map.of(PRICE.key(), new LinkStore.Reported(10, T0));
        assertThat(ChangedFields.changed(Map.of(PRICE, PRICE.canonical("10.00")), T1, known, List.of())).isEmpty();
    }

    static Map<ProductField, Object> report(String name, String price) {
        return Map.of(NAME, NAME.canonical(name), PRICE, PRICE.canonical(price));
    }

    static Map<String, LinkStore.Reported> reported(String name, String price, Instant at) {
        return Map.of(NAME.key(), new LinkStore.Reported(name, at), PRICE.key(), new LinkStore.Reported(price, at));
    }

    static PushRecordStore.PushRecord push(boolean landed, Instant version, String name) {
        return new PushRecordStore.PushRecord(1, Map.of(NAME.key(), name), version, T0, landed);
    }
}
