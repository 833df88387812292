package com.nolimits.synchub.store;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Called by routes/daily-cleanup.camel.yaml: deletes what is older than sync.cleanup.after-days and no longer
 * needed. Open work (pending or processing jobs and webhooks) is never touched, and a product's newest
 * push to a channel is kept, however old, because the echo filter compares against it.
 */
@Component("dailyCleanup")
public class DailyCleanup {

    private final JdbcTemplate jdbc;
    private final int afterDays;

    public DailyCleanup(JdbcTemplate jdbc, @Value("${sync.cleanup.after-days:7}") int afterDays) {
        if (afterDays < 1) {
            throw new IllegalArgumentException("sync.cleanup.after-days must be 1 or more, is " + afterDays);
        }
        this.jdbc = jdbc;
        this.afterDays = afterDays;
    }

    /** Completed, failed and skipped jobs. @return how many were deleted */
    public int deleteFinishedJobs() {
        return jdbc.update("""
                delete from sync_job where status in ('completed', 'failed', 'skipped')
                and updated_at < now() - make_interval(days => ?)""", afterDays);
    }

    /** Stored webhooks that were applied, skipped or failed. @return how many were deleted */
    public int deleteProcessedWebhooks() {
        return jdbc.update("""
                delete from webhook_inbox where status in ('done', 'skipped', 'failed')
                and coalesce(processed_at, received_at) < now() - make_interval(days => ?)""", afterDays);
    }

    /**
     * Webhook dedup keys of Camel's idempotent repository. Shopify redelivers a webhook for about 4 hours
     * and WooCommerce never does, so a key older than a day no longer stops a duplicate.
     *
     * @return how many were deleted
     */
    public int deleteExpiredDedupKeys() {
        return jdbc.update("delete from camel_messageprocessed where createdat < now() - make_interval(days => ?)", afterDays);
    }

    /** Push records that a newer push of the same product to the same channel replaced. @return how many were deleted */
    public int deleteSupersededPushRecords() {
        return jdbc.update("""
                delete from push_record r where r.pushed_at < now() - make_interval(days => ?)
                and exists (select 1 from push_record n where n.product_id = r.product_id
                            and n.channel_id = r.channel_id and n.id > r.id)""", afterDays);
    }
}
