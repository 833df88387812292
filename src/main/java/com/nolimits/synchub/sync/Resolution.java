package com.nolimits.synchub.sync;

import java.util.Arrays;
import java.util.Optional;

/** How a person settles a conflict. */
public enum Resolution {
    /** keep the No-Limits side (or the value the hub held) */
    ACCEPT_LOCAL,
    /** take the platform side (or the incoming value) */
    ACCEPT_REMOTE,
    /** take the values given in mergeData */
    MERGE;

    public String key() {
        return name().toLowerCase();
    }

    public static Optional<Resolution> byKey(String key) {
        return Arrays.stream(values()).filter(r -> r.key().equals(key)).findFirst();
    }
}
