-- Whether a channel's credentials still work. A JTL-FFN channel whose client or refresh token the
-- platform refused must be connected again: until then the hub makes no token call for it, its jobs
-- wait (pending, not failed) and its polls are skipped.
alter table channel add column connection text not null default 'connected'
    check (connection in ('connected', 'needs-connect'));
alter table channel add column connection_problem text;
alter table channel add column connection_changed_at timestamptz;

-- The configuration JTL-FFN refused (the SHA-256 of client id, secret and refresh token): a channel
-- whose configuration changed since is tried again.
alter table channel_token add column refused_config_sha256 text;

-- The last check of a channel's credentials (POST channels/{id}/verify): a cheap read that only a valid
-- key or token gets answered.
alter table channel add column credentials_checked_at timestamptz;
alter table channel add column credentials_problem text;
