package com.nolimits.synchub.merge;

import java.time.Instant;

/** The origin and source time of a field's last accepted write (kept in lastFieldUpdates). */
public record FieldStamp(Origin origin, Instant at) {
}
