-- The connect flow of JTL-FFN channels (authorization code): each GET channels/{id}/connect makes a
-- single-use state that the callback must bring back within its expiry. Only its SHA-256 is kept: the
-- state itself travels in URLs.
create table oauth_state (
    state_sha256  text primary key,
    channel_id    text not null references channel (id),
    redirect_uri  text not null,
    expires_at    timestamptz not null
);
