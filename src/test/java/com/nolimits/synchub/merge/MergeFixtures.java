package com.nolimits.synchub.merge;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Shared test data: the shipped ownership file and a client with one channel of each platform. */
final class MergeFixtures {

    static final String CLIENT = "acme";
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    static final OwnershipRules RULES = FieldOwnershipFile.loadPackaged();
    static final ChannelRef SHOP = new ChannelRef("acme-shopify", Platform.SHOPIFY);
    static final ChannelRef WOO = new ChannelRef("acme-woo", Platform.WOOCOMMERCE);
    static final ChannelRef JTL = new ChannelRef("acme-jtl", Platform.JTL);
    static final List<ChannelRef> CHANNELS = List.of(SHOP, WOO, JTL);

    private MergeFixtures() {
    }

    static OwnershipMerge merge() {
        return new OwnershipMerge(RULES);
    }

    static String channelOf(Origin origin) {
        return switch (origin) {
            case SHOPIFY -> SHOP.id();
            case WOOCOMMERCE -> WOO.id();
            case JTL -> JTL.id();
            default -> null;
        };
    }

    static Instant at(Duration offset) {
        return T0.plus(offset);
    }

    /** An existing product whose given fields were last written by {@code origin} at {@code at}. */
    static ProductSnapshot existing(Map<ProductField, Object> values, Origin origin, Instant at) {
        ProductSnapshot base = ProductSnapshot.absent();
        Map<ProductField, Object> all = new EnumMap<>(ProductField.class);
        all.putAll(base.values());
        all.putAll(values);
        Map<ProductField, FieldStamp> stamps = new EnumMap<>(ProductField.class);
        values.keySet().forEach(f -> stamps.put(f, new FieldStamp(origin, at)));
        return new ProductSnapshot(true, all, stamps, Map.of());
    }

    static Change update(Origin origin, Instant at, Map<ProductField, Object> fields) {
        return new Change(origin, channelOf(origin), at, Change.Kind.UPDATE, fields);
    }

    static Change create(Origin origin, Instant at, Map<ProductField, Object> fields) {
        return new Change(origin, channelOf(origin), at, Change.Kind.CREATE, fields);
    }
}
