package com.nolimits.synchub;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Empties the tables that tests fill; clients and channels stay (they mirror the configuration).
 * The hub keeps working in the background (stored webhooks are applied asynchronously), so this first
 * lets that work finish, and retries when its TRUNCATE deadlocks with a last straggler.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static void clear(JdbcTemplate jdbc) {
        waitForIdleInbox(jdbc);
        for (int attempt = 1; ; attempt++) {
            try {
                jdbc.update("update channel set connection = 'connected', connection_problem = null where connection <> 'connected'");
                jdbc.execute("truncate product, product_link, sync_log, sync_conflict, sync_job, camel_messageprocessed, "
                        + "webhook_inbox, push_record, full_sync, sync_watermark, change_event, channel_budget cascade");
                return;
            } catch (PessimisticLockingFailureException e) {
                if (attempt == 5) {
                    throw e;
                }
                sleep(200);
            }
        }
    }

    private static void waitForIdleInbox(JdbcTemplate jdbc) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            Long open = jdbc.queryForObject(
                    "select count(*) from webhook_inbox where status in ('pending', 'processing')", Long.class);
            if (open == null || open == 0) {
                return;
            }
            sleep(50);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
