package com.nolimits.synchub.ingress;

/** Exchange headers the webhook routes set and read. */
public final class WebhookHeaders {

    public static final String CHANNEL_ID = "SyncChannelId";
    public static final String CLIENT_ID = "SyncClientId";
    public static final String PLATFORM = "SyncPlatform";
    public static final String TOPIC = "SyncTopic";
    public static final String DEDUP_KEY = "SyncDedupKey";
    public static final String EVENT_ID = "SyncEventId";
    public static final String RESOURCE_ID = "SyncResourceId";
    public static final String PING = "SyncPing";
    /** The stored event's id, set once it is in the inbox: what the hand-off carries to the merge. */
    public static final String INBOX_ID = "SyncInboxId";
    /** true for a delivery triggered longer ago than sync.webhooks.max-age: acknowledged, not stored. */
    public static final String TOO_OLD = "SyncTooOld";
    /** Set when the body is not JSON: the event is stored as failed with this reason. */
    public static final String INVALID = "SyncInvalidReason";

    private WebhookHeaders() {
    }
}
