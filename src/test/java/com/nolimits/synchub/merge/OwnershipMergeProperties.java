package com.nolimits.synchub.merge;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static com.nolimits.synchub.merge.MergeFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Properties of the merge that must hold for any product and any events. */
class OwnershipMergeProperties {

    private final OwnershipMerge merge = merge();

    private static final List<ProductField> FIELDS = List.of(
            ProductField.NAME, ProductField.PRICE, ProductField.TAGS, ProductField.SKU, ProductField.WEIGHT_IN_KG,
            ProductField.WAREHOUSE_NOTES, ProductField.AVAILABLE, ProductField.RESERVED, ProductField.IS_ACTIVE);

    @Property(tries = 500)
    void mergingAnEventTwiceEqualsMergingItOnce(@ForAll("products") ProductSnapshot product,
                                                @ForAll("changes") Change change) {
        ProductSnapshot once = product.with(merge.merge(CLIENT, product, change, CHANNELS));
        MergeResult again = merge.merge(CLIENT, once, change, CHANNELS);
        ProductSnapshot twice = once.with(again);
        assertThat(twice.values()).isEqualTo(once.values());
        assertThat(twice.stamps()).isEqualTo(once.stamps());
        assertThat(again.applied()).isEmpty();
    }

    @Property(tries = 500)
    void aRejectedFieldNeverChanges(@ForAll("products") ProductSnapshot product, @ForAll("changes") Change change) {
        MergeResult result = merge.merge(CLIENT, product, change, CHANNELS);
        ProductSnapshot after = product.with(result);
        for (MergeResult.Ignored ignored : result.ignored()) {
            assertThat(after.value(ignored.field())).isEqualTo(product.value(ignored.field()));
            assertThat(after.stamps().get(ignored.field())).isEqualTo(product.stamps().get(ignored.field()));
            assertThat(result.applied()).doesNotContainKey(ignored.field());
        }
        for (ProductField field : ProductField.values()) {
            if (!change.fields().containsKey(field)) {
                assertThat(after.value(field)).isEqualTo(product.value(field));
            }
        }
    }

    @Property(tries = 1000)
    void commerceOpsAndStockFieldsEndTheSameWhateverTheOrder(@ForAll("products") ProductSnapshot product,
                                                             @ForAll("eventLists") List<Change> events,
                                                             @ForAll long seed) {
        List<Change> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(seed));
        Map<ProductField, Object> inOrder = nonShared(replay(product, events));
        Map<ProductField, Object> reordered = nonShared(replay(product, shuffled));
        assertThat(reordered).isEqualTo(inOrder);
    }

    private ProductSnapshot replay(ProductSnapshot product, List<Change> events) {
        ProductSnapshot state = product;
        for (Change event : events) {
            state = state.with(merge.merge(CLIENT, state, event, CHANNELS));
        }
        return state;
    }

    private static Map<ProductField, Object> nonShared(ProductSnapshot product) {
        Map<ProductField, Object> out = new EnumMap<>(ProductField.class);
        product.values().forEach((field, value) -> {
            if (RULES.defaults().get(field) != FieldGroup.SHARED) {
                out.put(field, value);
            }
        });
        return out;
    }

    @Provide
    Arbitrary<ProductSnapshot> products() {
        return Combinators.combine(fieldValues(), Arbitraries.of(Origin.class), minutes())
                .as((values, origin, minute) -> existing(values, origin, T0.plusSeconds(minute * 60L)));
    }

    @Provide
    Arbitrary<Change> changes() {
        return Combinators.combine(Arbitraries.of(Origin.class), minutes(), fieldValues())
                .as((origin, minute, values) -> update(origin, T0.plusSeconds(minute * 60L), values));
    }

    /** Events with distinct source times: two writes at the same instant from one origin have no order. */
    @Provide
    Arbitrary<List<Change>> eventLists() {
        return Arbitraries.integers().between(0, 40 * 60).set().ofMinSize(2).ofMaxSize(6).flatMap(times ->
                Combinators.combine(Arbitraries.of(Origin.class).list().ofSize(times.size()),
                                fieldValues().list().ofSize(times.size()))
                        .as((origins, values) -> {
                            List<Integer> seconds = new ArrayList<>(times);
                            List<Change> events = new ArrayList<>();
                            for (int i = 0; i < seconds.size(); i++) {
                                events.add(update(origins.get(i), T0.plusSeconds(seconds.get(i) * 10L), values.get(i)));
                            }
                            return events;
                        }));
    }

    private static Arbitrary<Integer> minutes() {
        return Arbitraries.integers().between(-20, 20);
    }

    private static Arbitrary<Map<ProductField, Object>> fieldValues() {
        return Arbitraries.subsetOf(FIELDS).ofMinSize(1).flatMap(fields -> {
            List<Arbitrary<Object>> values = fields.stream().map(OwnershipMergeProperties::valueOf).toList();
            return Combinators.combine(values).as(list -> {
                Map<ProductField, Object> map = new EnumMap<>(ProductField.class);
                List<ProductField> asGiven = new ArrayList<>(fields);
                for (int i = 0; i < asGiven.size(); i++) {
                    map.put(asGiven.get(i), list.get(i));
                }
                return map;
            });
        });
    }

    private static Arbitrary<Object> valueOf(ProductField field) {
        return switch (field.type()) {
            case TEXT -> Arbitraries.of("a", "b", "c").map(v -> (Object) v);
            case DECIMAL -> Arbitraries.of("1", "2.5", "3.00").map(field::canonical);
            case INTEGER -> Arbitraries.integers().between(0, 3).map(v -> (Object) v);
            case BOOLEAN -> Arbitraries.of(true, false).map(v -> (Object) v);
            case TEXT_LIST -> Arbitraries.of(List.of(), List.of("x"), List.of("x", "y")).map(v -> (Object) v);
        };
    }
}
