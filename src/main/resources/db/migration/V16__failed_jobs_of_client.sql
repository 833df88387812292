-- The failed-work view (GET client/{clientId}/failed-jobs) reads a client's failed jobs; they are few
-- next to the completed ones the table keeps, so only they are indexed.
create index sync_job_failed_of_client on sync_job (client_id, channel_id) where status = 'failed';
