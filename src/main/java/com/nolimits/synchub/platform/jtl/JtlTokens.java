package com.nolimits.synchub.platform.jtl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.outbound.ChannelNeedsConnectException;
import com.nolimits.synchub.outbound.PushFailedException;
import com.nolimits.synchub.store.ChannelConnectionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JTL-FFN OAuth2 access tokens, refreshed a minute before they expire, the client authenticated by HTTP
 * Basic at the token endpoint. Refresh tokens are single-use, so the new one is committed to
 * channel_token before the access token that came with it is used; the refresh runs under a row lock so
 * two instances never spend the same refresh token.
 * <p>
 * A refused client or refresh token (401 invalid_client, 400 invalid_grant) does not heal by retrying:
 * the channel is marked needs-connect, and no token call is made for it until a new refresh token is
 * configured (or it is connected again). A token endpoint that fails for now (5xx, 429, no answer) is
 * not asked again before a backoff, sync.jtl.token-backoff (5 s) doubling up to 5 minutes.
 */
@Component
public class JtlTokens {

    private static final Logger log = LoggerFactory.getLogger(JtlTokens.class);
    private static final Duration MARGIN = Duration.ofSeconds(60);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    /** The token endpoint's refusal of a client or refresh token, as JTL words it. */
    private record Refusal(String problem) {
    }

    /** After a transient failure of the token endpoint: no call before {@code until}. */
    private record Backoff(Instant until, Duration last) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Clock clock;
    private final ChannelConnectionStore connections;
    private final Duration firstBackoff;
    private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public JtlTokens(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json, Clock clock,
                     ChannelConnectionStore connections,
                     @org.springframework.beans.factory.annotation.Value("${sync.jtl.token-backoff:5s}") Duration firstBackoff) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.json = json;
        this.clock = clock;
        this.connections = connections;
        this.firstBackoff = firstBackoff;
    }

    /**
     * @throws ChannelNeedsConnectException when JTL refused the channel's credentials (now or before)
     * @throws PushFailedException          when the token endpoint fails for now, or is in its backoff
     */
    public String accessToken(Channel channel) {
        requireConnected(channel);
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
        if (result instanceof Refusal refusal) {
            if (connections.markNeedsConnect(channel.id(), refusal.problem())) {
                log.error("JTL-FFN refused the credentials of channel {} ({}): it needs to be connected again. Until then "
                        + "no token is asked for, its jobs wait and its polls are skipped. Set a new refresh-token for it "
                        + "(sync.clients.{}.channels.{}.refresh-token) and restart the hub.", channel.id(), refusal.problem(),
                        channel.clientId(), channel.id());
            }
            throw new ChannelNeedsConnectException(channel.id(), refusal.problem());
        }
        return (String) result;
    }

    /**
     * Whether the channel may ask for tokens: not marked needs-connect, or it was and its configuration now
     * holds other credentials than those refused (then it is connected again). No call to JTL-FFN.
     */
    public boolean connected(Channel channel) {
        try {
            requireConnected(channel);
            return true;
        } catch (ChannelNeedsConnectException e) {
            return false;
        }
    }

    /** A needs-connect channel stays so, unless its configured credentials changed since they were refused. */
    private void requireConnected(Channel channel) {
        var needs = connections.needsConnect(channel.id());
        if (needs.isEmpty()) {
            return;
        }
        List<String> refused = jdbc.queryForList("select refused_config_sha256 from channel_token where channel_id = ?",
                String.class, channel.id());
        String configured = channel.settings().getRefreshToken();
        if (refused.isEmpty() || refused.get(0) == null || refused.get(0).equals(configuration(channel))
                || configured == null || configured.isBlank()) {
            throw new ChannelNeedsConnectException(channel.id(), needs.get().problem());
        }
        log.info("Channel {} has new credentials in its configuration: trying them", channel.id());
        jdbc.update("""
                update channel_token set refresh_token = ?, access_token = null, access_expires_at = null,
                    refused_config_sha256 = null, updated_at = now() where channel_id = ?""", configured, channel.id());
        connections.markConnected(channel.id());
    }

    /** In the row lock: the valid access token, a new one from the refresh token, or JTL's refusal. */
    private Object tokenOrRefusal(Channel channel) {
        jdbc.update("insert into channel_token (channel_id, refresh_token) values (?, ?) on conflict do nothing",
                channel.id(), String.valueOf(channel.settings().getRefreshToken()));
        var row = jdbc.queryForMap("select refresh_token, access_token, access_expires_at from channel_token "
                + "where channel_id = ? for update", channel.id());
        Timestamp expires = (Timestamp) row.get("access_expires_at");
        if (row.get("access_token") != null && expires != null && expires.toInstant().isAfter(clock.instant().plus(MARGIN))) {
            return row.get("access_token");
        }
        String stored = (String) row.get("refresh_token");
        Object answer = refresh(channel, stored);
        String configured = channel.settings().getRefreshToken();
        if (answer instanceof Refusal refusal && refusal.problem().startsWith("invalid_grant")
                && configured != null && !configured.equals(stored)) {
            log.warn("Stored JTL refresh token of {} was refused; trying the configured one", channel.id());
            answer = refresh(channel, configured);
        }
        if (answer instanceof Refusal) {
            jdbc.update("update channel_token set refused_config_sha256 = ?, access_token = null where channel_id = ?",
                    configuration(channel), channel.id());
            return answer;
        }
        JsonNode token = (JsonNode) answer;
        jdbc.update("""
                update channel_token set refresh_token = ?, access_token = ?, access_expires_at = ?, updated_at = now()
                where channel_id = ?""", token.get("refresh_token").asText(), token.get("access_token").asText(),
                Timestamp.from(clock.instant().plusSeconds(token.path("expires_in").asLong(1800))), channel.id());
        return token.get("access_token").asText();
    }

    /** Forgets the access token (the platform refused it); the next push refreshes. */
    public void invalidate(Channel channel) {
        jdbc.update("update channel_token set access_token = null, access_expires_at = null where channel_id = ?", channel.id());
    }

    /** @return the token answer, or JTL's refusal of the client (401) or of the refresh token (400 invalid_grant) */
    private Object refresh(Channel channel, String refreshToken) {
        var s = channel.settings();
        String form = String.join("&", List.of("grant_type=refresh_token", "refresh_token=" + encode(refreshToken)));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(s.getTokenUrl())).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", basicAuthentication(s.getClientId(), s.getClientSecret()))
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new PushFailedException(true, "JTL token endpoint unreachable: " + e.getMessage(), 0);
        }
        String error = errorCode(response.body());
        if (response.statusCode() == 401 || "invalid_client".equals(error)) {
            return new Refusal("invalid_client: JTL-FFN refused the client id or secret");
        }
        if (response.statusCode() == 400 && "invalid_grant".equals(error)) {
            return new Refusal("invalid_grant: JTL-FFN refused the refresh token");
        }
        if (response.statusCode() != 200) {
            throw new PushFailedException(response.statusCode() >= 500 || response.statusCode() == 429,
                    "JTL token endpoint answered " + response.statusCode() + (error == null ? "" : " " + error),
                    com.nolimits.synchub.outbound.RetryAfter.seconds(response.headers().firstValue("Retry-After").orElse(null),
                            clock.instant()));
        }
        try {
            return json.readTree(response.body());
        } catch (Exception e) {
            throw new PushFailedException(true, "JTL token endpoint answered with a body that is not JSON", 0);
        }
    }

    private String errorCode(String body) {
        try {
            JsonNode node = json.readTree(body == null ? "" : body);
            return node == null ? null : node.path("error").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * OAuth2 client authentication as JTL documents it: HTTP Basic with the form-encoded client id and
     * secret (RFC 6749, 2.3.1), never the credentials in the form body.
     */
    static String basicAuthentication(String clientId, String clientSecret) {
        String pair = encode(clientId) + ":" + encode(clientSecret);
        return "Basic " + java.util.Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
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

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
