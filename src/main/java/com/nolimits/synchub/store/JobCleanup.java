package com.nolimits.synchub.store;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Called by routes/job-cleanup.yaml: deletes finished jobs older than the configured age. */
@Component("jobCleanup")
public class JobCleanup {

    private final JdbcTemplate jdbc;
    private final int afterDays;

    public JobCleanup(JdbcTemplate jdbc, @Value("${sync.queue.cleanup-after-days:7}") int afterDays) {
        this.jdbc = jdbc;
        this.afterDays = afterDays;
    }

    /** @return how many jobs were deleted */
    public int deleteFinishedJobs() {
        return jdbc.update("""
                delete from sync_job where status in ('completed', 'failed', 'skipped')
                and updated_at < now() - make_interval(days => ?)""", afterDays);
    }
}
