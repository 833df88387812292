-- OAuth2 tokens of channels (JTL-FFN). Refresh tokens are single-use: each new one is stored here,
-- committed, before the access token that came with it is used.
create table channel_token (
    channel_id         text primary key references channel (id),
    refresh_token      text not null,
    access_token       text,
    access_expires_at  timestamptz,
    updated_at         timestamptz not null default now()
);
