package com.nolimits.synchub.store;

/**
 * The order in which a channel's due jobs go out: higher first, then the longest waiting. A live change
 * (a webhook, an edit in the hub, a JTL-FFN poll) goes ahead of bulk work, so a merchant's edit does not
 * wait behind a full sync of thousands of products on a channel paced by its API budget; bulk work takes
 * the capacity live changes leave. A live change of a product whose bulk job is pending coalesces into
 * that job and lifts it (JobStore keeps the higher priority of the two).
 */
public final class JobPriority {

    /** Full syncs, and failed jobs queued again by the recovery. */
    public static final int BULK = -10;
    /** Changes as they happen; the API's "queue" takes 0 to 100 on top of it. */
    public static final int LIVE = 0;
    /** "sync now", asked for by a person: before everything else. */
    public static final int SYNC_NOW = 100;

    private JobPriority() {
    }
}
