package com.nolimits.synchub.ingress;

import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.LinkStore;
import com.nolimits.synchub.store.PushRecordStore;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static com.nolimits.synchub.merge.ProductField.NAME;
import static org.assertj.core.api.Assertions.assertThat;

/** What holds for any report, any last report and any pushes (one field, few values, so they collide). */
class ChangedFieldsProperties {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Property(tries = 2000)
    void theResultIsAPartOfTheReportWithItsValues(@ForAll("names") String name, @ForAll("times") Instant at,
                                                  @ForAll("lastReports") Map<String, LinkStore.Reported> known,
                                                  @ForAll("pushLists") List<PushRecordStore.PushRecord> pushes) {
        Map<ProductField, Object> changed = ChangedFields.changed(Map.of(NAME, name), at, known, pushes);
        assertThat(changed).isIn(Map.of(), Map.of(NAME, name));
    }

    @Property(tries = 2000)
    void aValueTheHubNeverSawFromOrSentToTheChannelIsAChangeUnlessTheReportIsOld(
            @ForAll("times") Instant at, @ForAll("lastReports") Map<String, LinkStore.Reported> known,
            @ForAll("pushLists") List<PushRecordStore.PushRecord> pushes) {
        Map<ProductField, Object> changed = ChangedFields.changed(Map.of(NAME, "never seen"), at, known, pushes);
        LinkStore.Reported last = known.get(NAME.key());
        boolean old = last != null && last.at().isAfter(at);
        assertThat(changed.isEmpty()).isEqualTo(old);
    }

    @Property(tries = 2000)
    void theLastReportAgainWithNoPushSinceIsNoChange(@ForAll("lastReports") Map<String, LinkStore.Reported> known,
                                                      @ForAll("pushLists") List<PushRecordStore.PushRecord> pushes,
                                                      @ForAll("seconds") int later) {
        LinkStore.Reported last = known.get(NAME.key());
        if (last == null) {
            return;
        }
        List<PushRecordStore.PushRecord> before = pushes.stream().filter(p -> p.version().isBefore(last.at())).toList();
        Instant at = last.at().plusSeconds(later);
        assertThat(ChangedFields.changed(Map.of(NAME, last.value()), at, known, before)).isEmpty();
    }

    @Property(tries = 2000)
    void theOrderOfThePushesDoesNotMatter(@ForAll("names") String name, @ForAll("times") Instant at,
                                          @ForAll("lastReports") Map<String, LinkStore.Reported> known,
                                          @ForAll("pushLists") List<PushRecordStore.PushRecord> pushes,
                                          @ForAll long seed) {
        List<PushRecordStore.PushRecord> shuffled = new ArrayList<>(pushes);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(ChangedFields.changed(Map.of(NAME, name), at, known, shuffled))
                .isEqualTo(ChangedFields.changed(Map.of(NAME, name), at, known, pushes));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of("A", "B", "C");
    }

    @Provide
    Arbitrary<Integer> seconds() {
        return Arbitraries.integers().between(0, 60);
    }

    @Provide
    Arbitrary<Instant> times() {
        return seconds().map(T0::plusSeconds);
    }

    @Provide
    Arbitrary<Map<String, LinkStore.Reported>> lastReports() {
        Arbitrary<Map<String, LinkStore.Reported>> one = Combinators.combine(names(), times())
                .as((name, at) -> Map.of(NAME.key(), new LinkStore.Reported(name, at)));
        return Arbitraries.oneOf(Arbitraries.just(Map.of()), one);
    }

    @Provide
    Arbitrary<List<PushRecordStore.PushRecord>> pushLists() {
        Arbitrary<Instant> version = Arbitraries.oneOf(times(), Arbitraries.just(ChangedFieldsTest.IN_FLIGHT));
        Arbitrary<PushRecordStore.PushRecord> push = Combinators.combine(names(), version, Arbitraries.of(true, false))
                .as((name, v, landed) -> new PushRecordStore.PushRecord(1, Map.of(NAME.key(), name), v, T0, landed));
        return push.list().ofMaxSize(4);
    }
}
