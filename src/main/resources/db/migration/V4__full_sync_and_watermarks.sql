-- A full sync: every product of a client queued to its channels; its jobs carry full_sync_id, so
-- progress (done / failed / total) is counted from sync_job.
create table full_sync (
    id           bigserial primary key,
    client_id    text not null references client (id),
    channel_ids  text[] not null,
    total        integer not null default 0,
    created_at   timestamptz not null default now()
);

alter table sync_job add column full_sync_id bigint references full_sync (id) on delete set null;
create index sync_job_full_sync on sync_job (full_sync_id) where full_sync_id is not null;

-- How far a poller has read a platform's feed (JTL update feeds, reconciliation sweeps). Advanced
-- only after the changes read up to it are committed.
create table sync_watermark (
    name        text primary key,          -- e.g. jtl-stock:demo-jtl, reconcile:demo-shopify
    read_until  timestamptz not null,
    updated_at  timestamptz not null default now()
);
