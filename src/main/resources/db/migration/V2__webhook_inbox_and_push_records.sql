-- Webhooks are stored here before they are acknowledged, then merged asynchronously.
create table webhook_inbox (
    id            bigserial primary key,
    channel_id    text not null references channel (id),
    client_id     text not null references client (id),
    platform      text not null,
    topic         text not null,
    dedup_key     text not null,
    event_id      text,          -- X-Shopify-Event-Id, X-WC-Webhook-Delivery-ID
    resource_id   text,
    payload       text not null, -- the raw body, as signed
    status        text not null default 'pending'
                  check (status in ('pending', 'processing', 'done', 'skipped', 'failed')),
    attempts      integer not null default 0,
    error         text,          -- why it failed or was skipped
    locked_until  timestamptz,   -- lease of the instance processing it
    received_at   timestamptz not null default now(),
    processed_at  timestamptz
);
create index webhook_inbox_open on webhook_inbox (id) where status in ('pending', 'processing');
create index webhook_inbox_channel on webhook_inbox (channel_id, id desc);

-- What the hub pushed to a channel, for echo detection: the values of the pushed fields and the
-- platform's version (its updated_at) after the push.
create table push_record (
    id                bigserial primary key,
    product_id        uuid not null references product (id),
    channel_id        text not null references channel (id),
    fingerprint       text not null,
    pushed_values     jsonb not null,
    platform_version  timestamptz,
    pushed_at         timestamptz not null default now()
);
create index push_record_product_channel on push_record (product_id, channel_id, id desc);
