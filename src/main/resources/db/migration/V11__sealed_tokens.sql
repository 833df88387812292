-- JTL-FFN tokens are now kept sealed with SYNC_SECRETS_KEY (AES-GCM, bound to the channel). Access
-- tokens kept in the clear by earlier versions are dropped (a new one is asked for); a clear refresh
-- token is read once and replaced by a sealed one at the next refresh.
update channel_token set access_token = null, access_expires_at = null;
