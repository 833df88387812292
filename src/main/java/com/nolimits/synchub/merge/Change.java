package com.nolimits.synchub.merge;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One incoming partial change to a product.
 *
 * @param origin     who made it
 * @param channelId  the channel it came from (null for changes made in the hub or by the system)
 * @param sourceTime when it happened at the source (updated_at, date_modified_gmt...), not arrival time
 * @param kind       CREATE when the source created the product, RESOLUTION for a person's conflict decision
 * @param fields     canonical values of the fields it sets
 */
public record Change(Origin origin, String channelId, Instant sourceTime, Kind kind, Map<ProductField, Object> fields) {

    public enum Kind { CREATE, UPDATE, RESOLUTION }

    public Change {
        Map<ProductField, Object> copy = new EnumMap<>(ProductField.class);
        copy.putAll(fields);
        fields = Collections.unmodifiableMap(copy);
    }
}
