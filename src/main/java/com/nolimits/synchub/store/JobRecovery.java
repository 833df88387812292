package com.nolimits.synchub.store;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Failed jobs queued again: by the recovery of jobs that ran out of attempts on transient errors
 * (routes/failed-push-recovery.camel.yaml, after {@link JobStore#failRecoverable}), and by an operator.
 */
@Repository
public class JobRecovery {

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    public JobRecovery(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * Queues again, with fresh attempts, the failed jobs whose recovery time has come. A push sends only
     * the fields its job names where stock is concerned (stock goes out only when it changed), so a
     * failed job is dropped only when a later completed job of the same product and channel covered all
     * its fields; otherwise its fields go into the pending job of that product and channel, or it is
     * queued again itself (the newest of them, with the fields of all), behind live changes
     * ({@link JobPriority#BULK}). Rows another instance holds are skipped.
     *
     * @return the jobs queued again
     */
    public int requeueRecoverable() {
        jdbc.update("""
                update sync_job j set recover_at = null
                where j.status = 'failed' and j.recover_at <= now()
                  and exists (select 1 from sync_job n where n.product_id = j.product_id and n.channel_id = j.channel_id
                              and n.id > j.id and n.status = 'completed' and n.fields @> j.fields)""");
        List<Map<String, Object>> requeued;
        try {
            requeued = jdbc.queryForList("""
                with due as (select id, product_id, channel_id, fields, recoveries from sync_job
                             where status = 'failed' and recover_at <= now() for update skip locked),
                pairs as (select product_id, channel_id, max(id) as newest, max(recoveries) as recoveries,
                                 array(select distinct f from due d2, unnest(d2.fields) f
                                       where d2.product_id = due.product_id and d2.channel_id = due.channel_id
                                       order by f) as fields
                          from due group by product_id, channel_id),
                folded as (update sync_job p set fields = array(select distinct f from unnest(p.fields || pairs.fields) f order by f),
                               recoveries = greatest(p.recoveries, pairs.recoveries + 1), updated_at = now()
                           from pairs where p.status = 'pending' and p.product_id = pairs.product_id
                             and p.channel_id = pairs.channel_id
                           returning p.product_id, p.channel_id),
                requeued as (update sync_job j set status = 'pending', attempts = 0, scheduled_for = now(),
                                 locked_until = null, completed_at = null, recover_at = null, fields = pairs.fields,
                                 recoveries = pairs.recoveries + 1, updated_at = now(), priority = ?,
                                 last_error = 'queued again after: ' || coalesce(j.last_error, 'failure')
                             from pairs where j.id = pairs.newest and not exists (select 1 from sync_job p
                                 where p.status = 'pending' and p.product_id = pairs.product_id
                                   and p.channel_id = pairs.channel_id)
                             returning j.product_id, j.channel_id, j.full_sync_id),
                settled as (update sync_job j set recover_at = null from due
                            where j.id = due.id and j.id not in (select newest from pairs p
                                where not exists (select 1 from folded f where f.product_id = p.product_id
                                                  and f.channel_id = p.channel_id)))
                select * from requeued""", JobPriority.BULK);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            return 0; // a job of the same product and channel was queued meanwhile: the next round takes these
        }
        requeued.forEach(this::publishQueued);
        return requeued.size();
    }

    /**
     * Queues the selected failed jobs again with fresh attempts: of each product and channel the newest
     * failed job, unless a job of that product and channel is pending (it sends the current state anyway).
     * These are the jobs {@link JobViews#failedWork} lists.
     *
     * @return the jobs queued again
     */
    public int requeueFailed(FailedJobSelection selection) {
        List<Map<String, Object>> requeued = jdbc.queryForList("""
                update sync_job j set status = 'pending', attempts = 0, scheduled_for = now(), locked_until = null,
                    completed_at = null, updated_at = now(),
                    last_error = 'queued again after: ' || coalesce(j.last_error, 'failure')
                where j.status = 'failed' and j.client_id = ? and (cast(? as uuid) is null or j.product_id = cast(? as uuid))
                  and (cast(? as text) is null or j.channel_id = cast(? as text))
                  and (cast(? as text) is null or coalesce(j.last_error, '') = cast(? as text)) -- as JobViews groups them
                  and (cast(? as bigint) is null or j.id = cast(? as bigint))
                  and\s""" + JobViews.REQUEUEABLE + """
                returning j.product_id, j.channel_id, j.full_sync_id""", selection.clientId(),
                selection.productId(), selection.productId(), selection.channelId(), selection.channelId(),
                selection.error(), selection.error(), selection.jobId(), selection.jobId());
        requeued.forEach(this::publishQueued);
        return requeued.size();
    }

    private void publishQueued(Map<String, Object> row) {
        events.publishEvent(new JobQueued((UUID) row.get("product_id"), (String) row.get("channel_id"),
                row.get("full_sync_id") != null));
    }
}
