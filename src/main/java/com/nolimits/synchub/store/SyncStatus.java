package com.nolimits.synchub.store;

/** A product's (or link's) sync state: SYNCED everywhere, PENDING pushes, an open CONFLICT, or an ERROR after retries. */
public enum SyncStatus {
    SYNCED, PENDING, CONFLICT, ERROR
}
