package com.nolimits.synchub.platform.jtl;

import com.nolimits.synchub.channel.SyncProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.outbound.ChannelNeedsConnectException;
import com.nolimits.synchub.outbound.PushFailedException;
import com.nolimits.synchub.security.SecretBox;
import com.nolimits.synchub.store.ChannelConnectionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JTL-FFN OAuth2 access tokens, refreshed a minute before they expire, the client authenticated by HTTP
 * Basic at the token endpoint. Refresh tokens are single-use, so the new one is committed to
 * channel_token before the access token that came with it is used; the refresh runs under a row lock so
 * two instances never spend the same refresh token. Tokens are kept sealed ({@link SecretBox}, bound to
 * the channel): without SYNC_SECRETS_KEY no token call is made at all, since the new refresh token it
 * returns could not be kept.
 * <p>
 * A refused client or refresh token (401 invalid_client, 400 invalid_grant), no refresh token at all, or
 * no key do not heal by retrying: the channel is marked needs-connect, and no token call is made for it
 * until it is connected ({@link #connect}), a new refresh token is configured, or the key is set. A
 * token endpoint that fails for now (5xx, 429, no answer) is not asked again before a backoff,
 * sync.jtl.token-backoff (5 s) doubling up to 5 minutes.
 * <p>
 * It is one class of more than 250 lines on purpose: the single-use refresh token's rotation under the
 * row lock, the refusals that make a channel needs-connect, what heals them and the backoff are one state
 * machine whose rules each depend on the others; the HTTP call itself is {@link JtlTokenEndpoint}'s.
 */
@Component
public class JtlTokens {

    private static final Logger log = LoggerFactory.getLogger(JtlTokens.class);
    private static final Duration MARGIN = Duration.ofSeconds(60);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /** The problem of channels that cannot keep tokens; it heals by itself once the key is set. */
    static final String NO_KEY = "no-secrets-key: SYNC_SECRETS_KEY is not set, so the hub keeps no JTL-FFN tokens";
    static final String NOT_CONNECTED = "not-connected: the channel has no refresh token yet";

    /** After a transient failure of the token endpoint: no call before {@code until}. */
    private record Backoff(Instant until, Duration last) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ChannelConnectionStore connections;
    private final SecretBox secrets;
    private final JtlTokenEndpoint endpoint;
    private final Duration firstBackoff;
    private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();

    public JtlTokens(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock,
                     ChannelConnectionStore connections, SecretBox secrets, JtlTokenEndpoint endpoint,
                     SyncProperties properties) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.connections = connections;
        this.secrets = secrets;
        this.endpoint = endpoint;
        this.firstBackoff = properties.getJtl().getTokenBackoff();
    }

    /**
     * @throws ChannelNeedsConnectException when the channel cannot get tokens until someone acts
     * @throws PushFailedException          when the token endpoint fails for now, or is in its backoff
     */
    public String accessToken(Channel channel) {
        requireConnected(channel);
        if (!secrets.hasKey()) {
            throw needsConnect(channel, NO_KEY);
        }
        Backoff backoff = backoffs.get(channel.id());
        if (backoff != null && clock.instant().isBefore(backoff.until())) {
            long seconds = Math.max(1, Duration.between(clock.instant(), backoff.until()).toSeconds());
            throw new PushFailedException(true, "JTL token endpoint failed; next try in " + seconds + " s", seconds);
        }
        Object result;
        try {
            result = transaction.execute(status -> tokenOrRefusal(channel));
        } catch (PushFailedException e) {
            if (!e.isTransient()) {
                throw e;
            }
            Duration next = backoff == null ? firstBackoff : min(backoff.last().multipliedBy(2), MAX_BACKOFF);
            next = next.compareTo(Duration.ofSeconds(e.retryAfterSeconds())) >= 0 ? next : Duration.ofSeconds(e.retryAfterSeconds());
            backoffs.put(channel.id(), new Backoff(clock.instant().plus(next), next));
            // the job's retry waits out the backoff too, rather than spending an attempt on it
            throw new PushFailedException(true, e.getMessage() + "; next token call in " + next.toSeconds() + " s", next.toSeconds());
        }
        backoffs.remove(channel.id());
        if (result instanceof JtlTokenEndpoint.Refusal refusal) {
            throw needsConnect(channel, refusal.problem());
        }
        return (String) result;
    }

    /**
     * Whether the channel may ask for tokens: not marked needs-connect, or what it waited for is there now
     * (then it is connected again). No call to JTL-FFN.
     */
    public boolean connected(Channel channel) {
        try {
            requireConnected(channel);
            return true;
        } catch (ChannelNeedsConnectException e) {
            return false;
        }
    }

    /**
     * The authorization-code grant: exchanges the code JTL-FFN sent to the callback, keeps the tokens and
     * connects the channel (its waiting jobs are claimed again).
     *
     * @return JTL's refusal of the code or the client, or empty when the channel is connected
     * @throws SecretBox.MissingKeyException without SYNC_SECRETS_KEY (no call is made then)
     */
    public Optional<String> connect(Channel channel, String code, String redirectUri) {
        if (!secrets.hasKey()) {
            throw new SecretBox.MissingKeyException();
        }
        Object answer = endpoint.call(channel, List.of("grant_type=authorization_code", "code=" + JtlTokenEndpoint.encode(code),
                "redirect_uri=" + JtlTokenEndpoint.encode(redirectUri)));
        if (answer instanceof JtlTokenEndpoint.Refusal refusal) {
            return Optional.of(refusal.problem());
        }
        JsonNode token = (JsonNode) answer;
        transaction.executeWithoutResult(status -> {
            jdbc.update("""
                    insert into channel_token (channel_id, refresh_token) values (?, ?)
                    on conflict (channel_id) do update set refresh_token = excluded.refresh_token, refused_config_sha256 = null""",
                    channel.id(), secrets.seal(token.get("refresh_token").asText(), channel.id()));
            keep(channel, token);
            connections.markConnected(channel.id());
        });
        backoffs.remove(channel.id());
        log.info("JTL-FFN channel {} is connected", channel.id());
        return Optional.empty();
    }

    /**
     * Forgets every token endpoint's backoff: the next call asks at once. The backoffs live in this
     * instance's memory and only a successful call ends one; the test suite's fresh start calls this, since
     * its channels that point nowhere fail on purpose in one shared context and would wait minutes.
     */
    public void forgetBackoffs() {
        backoffs.clear();
    }

    /** Forgets the access token (the platform refused it); the next push refreshes. */
    public void invalidate(Channel channel) {
        jdbc.update("update channel_token set access_token = null, access_expires_at = null where channel_id = ?", channel.id());
    }

    /**
     * Start-up: without SYNC_SECRETS_KEY the log says once that JTL-FFN channels cannot work; with it,
     * channels that waited only for the key are connected again.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void checkSecretsKey() {
        if (secrets.hasKey()) {
            connections.needingConnect().stream().filter(waiting -> NO_KEY.equals(waiting.problem()))
                    .forEach(waiting -> connections.markConnected(waiting.channelId()));
        } else if (jdbc.queryForObject("select count(*) from channel where platform = 'JTL' and enabled", Integer.class) > 0) {
            log.error("SYNC_SECRETS_KEY is not set: the hub keeps no JTL-FFN tokens, so its JTL-FFN channels wait "
                    + "(needs-connect) until the key is set. Create one with 'openssl rand -base64 32'.");
        }
    }

    /** Marks the channel needs-connect, says once what to do, and answers the exception that makes its jobs wait. */
    private ChannelNeedsConnectException needsConnect(Channel channel, String problem) {
        if (connections.markNeedsConnect(channel.id(), problem)) {
            log.error("JTL-FFN channel {} needs to be connected ({}). Until then no token is asked for, its jobs wait and "
                    + "its polls are skipped. {}", channel.id(), problem, NO_KEY.equals(problem)
                    ? "Set SYNC_SECRETS_KEY (openssl rand -base64 32) and restart the hub."
                    : "Connect it: the operator opens GET /api/integrations/product-sync/channels/" + channel.id()
                    + "/connect and allows the hub at JTL-FFN (or sets a new refresh-token in its configuration and restarts the hub).");
        }
        return new ChannelNeedsConnectException(channel.id(), problem);
    }

    /**
     * A needs-connect channel stays so unless what it waited for is there now: the key, or configured
     * credentials other than those refused (or a refresh token where there was none).
     */
    private void requireConnected(Channel channel) {
        var needs = connections.needsConnect(channel.id());
        if (needs.isEmpty()) {
            return;
        }
        if (NO_KEY.equals(needs.get().problem()) && secrets.hasKey()) {
            connections.markConnected(channel.id());
            return;
        }
        String configured = channel.settings().getRefreshToken();
        List<String> refused = jdbc.queryForList("select refused_config_sha256 from channel_token where channel_id = ?",
                String.class, channel.id());
        // a refusal is recorded with the configuration it refused; a channel that never had a token has no row
        boolean newCredentials = configured != null && !configured.isBlank() && secrets.hasKey()
                && (refused.isEmpty() ? NOT_CONNECTED.equals(needs.get().problem())
                : refused.get(0) != null && !refused.get(0).equals(configuration(channel)));
        if (!newCredentials) {
            throw new ChannelNeedsConnectException(channel.id(), needs.get().problem());
        }
        log.info("Channel {} has new credentials in its configuration: trying them", channel.id());
        jdbc.update("""
                update channel_token set refresh_token = ?, access_token = null, access_expires_at = null,
                    refused_config_sha256 = null, updated_at = now() where channel_id = ?""",
                secrets.seal(configured, channel.id()), channel.id());
        connections.markConnected(channel.id());
    }

    /** In the row lock: the valid access token, a new one from the refresh token, or JTL's refusal. */
    private Object tokenOrRefusal(Channel channel) {
        String configured = channel.settings().getRefreshToken();
        boolean hasConfigured = configured != null && !configured.isBlank();
        if (hasConfigured) {
            jdbc.update("insert into channel_token (channel_id, refresh_token) values (?, ?) on conflict do nothing",
                    channel.id(), secrets.seal(configured, channel.id()));
        }
        var rows = jdbc.queryForList("select refresh_token, access_token, access_expires_at from channel_token "
                + "where channel_id = ? for update", channel.id());
        if (rows.isEmpty()) {
            return new JtlTokenEndpoint.Refusal(NOT_CONNECTED);
        }
        var row = rows.get(0);
        Timestamp expires = (Timestamp) row.get("access_expires_at");
        Optional<String> access = readable(channel, (String) row.get("access_token"));
        if (access.isPresent() && expires != null && expires.toInstant().isAfter(clock.instant().plus(MARGIN))) {
            return access.get();
        }
        Optional<String> stored = readable(channel, (String) row.get("refresh_token"));
        if (stored.isEmpty()) {
            log.warn("The stored JTL-FFN tokens of {} cannot be read with this SYNC_SECRETS_KEY (another key?)", channel.id());
        }
        Object answer = stored.isPresent() ? refresh(channel, stored.get())
                : new JtlTokenEndpoint.Refusal("invalid_grant: the stored refresh token cannot be read with this SYNC_SECRETS_KEY");
        if (answer instanceof JtlTokenEndpoint.Refusal refusal && refusal.problem().startsWith("invalid_grant")
                && hasConfigured && !stored.map(configured::equals).orElse(false)) {
            log.warn("Stored JTL refresh token of {} was refused; trying the configured one", channel.id());
            answer = refresh(channel, configured);
        }
        if (answer instanceof JtlTokenEndpoint.Refusal) {
            jdbc.update("update channel_token set refused_config_sha256 = ?, access_token = null where channel_id = ?",
                    configuration(channel), channel.id());
            return answer;
        }
        JsonNode token = (JsonNode) answer;
        jdbc.update("update channel_token set refresh_token = ? where channel_id = ?",
                secrets.seal(token.get("refresh_token").asText(), channel.id()), channel.id());
        keep(channel, token);
        return token.get("access_token").asText();
    }

    /** Keeps a token answer's access token, sealed, with its expiry. */
    private void keep(Channel channel, JsonNode token) {
        jdbc.update("update channel_token set access_token = ?, access_expires_at = ?, updated_at = now() where channel_id = ?",
                secrets.seal(token.get("access_token").asText(), channel.id()),
                Timestamp.from(clock.instant().plusSeconds(token.path("expires_in").asLong(1800))), channel.id());
    }

    /**
     * A stored token, sealed by this key for this channel. A value without the seal's prefix was stored in
     * the clear by an earlier version of the hub: it is read, and the next refresh replaces it sealed.
     */
    private Optional<String> readable(Channel channel, String value) {
        if (value == null) {
            return Optional.empty();
        }
        return SecretBox.isSealed(value) ? secrets.open(value, channel.id()) : Optional.of(value);
    }

    /** @return the token answer, or JTL's refusal of the client (401) or of the refresh token (400 invalid_grant) */
    private Object refresh(Channel channel, String refreshToken) {
        return endpoint.call(channel, List.of("grant_type=refresh_token", "refresh_token=" + JtlTokenEndpoint.encode(refreshToken)));
    }

    /** A fingerprint of the channel's configured credentials: what a refusal refused. */
    private static String configuration(Channel channel) {
        var s = channel.settings();
        String credentials = s.getClientId() + "\n" + s.getClientSecret() + "\n" + s.getRefreshToken();
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(credentials.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

}
