package com.nolimits.synchub.camel;

/**
 * The names of the headers and exchange properties that the routes (routes/*.camel.yaml) and their beans
 * share: the one list of them. Java refers to these constants; the YAML writes the same names
 * (${header.SyncPlatform}, name: SyncInboxEvent), and ArchitectureTest checks that every Sync* name a
 * route uses is here and that no Java class spells one itself.
 */
public final class ExchangeKeys {

    // ---- headers of a webhook, set by its reader (platform/*/…WebhookReader) and stored with the event
    public static final String CHANNEL_ID = "SyncChannelId";
    public static final String CLIENT_ID = "SyncClientId";
    public static final String PLATFORM = "SyncPlatform";
    public static final String TOPIC = "SyncTopic";
    public static final String DEDUP_KEY = "SyncDedupKey";
    public static final String EVENT_ID = "SyncEventId";
    public static final String RESOURCE_ID = "SyncResourceId";
    /** A WooCommerce webhook's ping (its creation test): answered, not stored. */
    public static final String PING = "SyncPing";
    /** The stored event's id, set once it is in the inbox: what the hand-off carries to the merge. */
    public static final String INBOX_ID = "SyncInboxId";
    /** true for a delivery triggered longer ago than sync.webhooks.max-age: acknowledged, not stored. */
    public static final String TOO_OLD = "SyncTooOld";
    /** Set when the body is not JSON: the event is stored as failed with this reason. */
    public static final String INVALID = "SyncInvalidReason";

    // ---- the merge of a stored event (routes/inbound-product-change.camel.yaml)
    /** Property: the claimed inbox event. */
    public static final String INBOX_EVENT = "SyncInboxEvent";
    /** Property: set by the claim of overdue events when the batch was full (more may be waiting). */
    public static final String MORE_OVERDUE = "SyncMoreOverdue";
    /** Property: the event's channel. */
    public static final String CHANNEL = "SyncChannel";
    /** Property: what became of the event's items. */
    public static final String INBOUND_TALLY = "SyncInboundTally";
    /** Property: the reported product whose items are being merged. */
    public static final String PRODUCT_CHANGED = "SyncProductChanged";
    /** Property: the item being merged. */
    public static final String ITEM = "SyncItem";
    /** Property: which fields of the item's report the channel changed, and whether it is an echo. */
    public static final String JUDGEMENT = "SyncJudgement";
    /** Header: the judgement's verdict (ECHO, UNCHANGED, CHANGED), what the route's choice reads. */
    public static final String VERDICT = "SyncVerdict";
    /** Property: when the platform made the change the event reports. */
    public static final String SOURCE_TIME = "SyncSourceTime";
    /** Header: the hub product an item or stock report is about; absent while it is new to the hub. */
    public static final String PRODUCT_ID = "SyncProductId";
    /** Property: the failure a transacted route rolled back, for the calling route to raise (camel/RolledBack). */
    public static final String ROLLED_BACK_BY = "SyncRolledBackBy";

    // ---- pushes (routes/outbound-dispatch.camel.yaml and routes/push-*.camel.yaml)
    /** Header: the push route a claimed job goes to. */
    public static final String PUSH_ENDPOINT = "SyncPushEndpoint";
    /** Header: a channel got no jobs in this claim because its API budget is spent for the moment. */
    public static final String BUDGET_HELD_BACK = "SyncBudgetHeldBack";
    /** Property: the push (outbound/Push). */
    public static final String PUSH = "SyncPush";
    /** Property: the pushes of one batch call. */
    public static final String PUSH_BATCH = "SyncPushBatch";
    /** Property: the items of a WooCommerce batch call. */
    public static final String BATCH_ITEMS = "SyncBatchItems";
    /** Property: the channel a Shopify Admin API call goes to, so its answer's throttleStatus corrects that channel's budget. */
    public static final String CALLED_CHANNEL = "SyncCalledChannel";
    /** Property: the cost (calls, or Shopify points) of the next call, for the rate-limit step. */
    public static final String CALL_COST = "SyncCallCost";
    /** Property: the values a push sends, recorded for echo detection. */
    public static final String PUSHED_VALUES = "SyncPushedValues";
    /** Property: the id of the push record made before the call. */
    public static final String PUSH_RECORD_ID = "SyncPushRecordId";
    /** Property: the Shopify calls a push plans and makes. */
    public static final String SHOPIFY_CALLS = "SyncShopifyCalls";

    // ---- reads of the platforms (lookups, reconciliation, the JTL poll)
    public static final String LOOKUP_CHANNEL = "SyncLookupChannel";
    public static final String LOOKUP_KEY = "SyncLookupKey";
    /** Property: a reconciliation sweep's window and page. */
    public static final String RECONCILE = "SyncReconcile";
    /** Property: the WooCommerce page a sweep reads next. */
    public static final String WOO_PAGE = "SyncWooPage";
    /** Property: where the JTL poll's next chunk of the feed is. */
    public static final String JTL_FEED = "SyncJtlFeed";

    private ExchangeKeys() {
    }
}
