-- Each channel's latest pushes, for health and metrics (store/SyncStateStore): without it every
-- scrape would read the whole sync log.
create index sync_log_channel_pushes on sync_log (channel_id, id desc) where action = 'push';
