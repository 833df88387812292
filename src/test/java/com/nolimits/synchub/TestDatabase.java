package com.nolimits.synchub;

import org.springframework.jdbc.core.JdbcTemplate;

/** Empties the tables that tests fill; clients and channels stay (they mirror the configuration). */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static void clear(JdbcTemplate jdbc) {
        jdbc.execute("truncate product, product_link, sync_log, sync_conflict, sync_job, camel_messageprocessed cascade");
    }
}
