package com.nolimits.synchub.store;

import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.ProductSnapshot;

import java.time.Instant;
import java.util.UUID;

/** A product row: its field values and stamps as the merge sees them, plus the sync bookkeeping. */
public record Product(UUID id, String clientId, ProductSnapshot snapshot,
                      Origin lastUpdatedBy, Instant lastUpdatedAt, Instant lastSyncedAt,
                      SyncStatus syncStatus, String syncChecksum,
                      String jtlProductId, SyncStatus jtlSyncStatus,
                      long version, Instant createdAt) {
}
