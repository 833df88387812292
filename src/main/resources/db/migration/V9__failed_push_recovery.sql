-- A push that failed for good on a transient error (5xx, 429, a timeout) is queued again at recover_at,
-- up to sync.queue.max-recoveries times (routes/failed-push-recovery.yaml): a platform that was down for
-- longer than the retry schedule still gets every change, without a person.
alter table sync_job add column recover_at timestamptz;
alter table sync_job add column recoveries integer not null default 0;
create index sync_job_recoverable on sync_job (recover_at) where status = 'failed' and recover_at is not null;
