package com.nolimits.synchub.platform.jtl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.outbound.PushFailedException;
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

/**
 * JTL-FFN OAuth2 access tokens, refreshed a minute before they expire, the client authenticated by HTTP
 * Basic at the token endpoint. Refresh tokens are single-use,
 * so the new one is committed to channel_token before the access token that came with it is used;
 * the refresh runs under a row lock so two instances never spend the same refresh token.
 */
@Component
public class JtlTokens {

    private static final Logger log = LoggerFactory.getLogger(JtlTokens.class);
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public JtlTokens(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.json = json;
        this.clock = clock;
    }

    public String accessToken(Channel channel) {
        return transaction.execute(status -> {
            jdbc.update("insert into channel_token (channel_id, refresh_token) values (?, ?) on conflict do nothing",
                    channel.id(), String.valueOf(channel.settings().getRefreshToken()));
            var row = jdbc.queryForMap("select refresh_token, access_token, access_expires_at from channel_token "
                    + "where channel_id = ? for update", channel.id());
            Timestamp expires = (Timestamp) row.get("access_expires_at");
            if (row.get("access_token") != null && expires != null
                    && expires.toInstant().isAfter(clock.instant().plus(MARGIN))) {
                return (String) row.get("access_token");
            }
            String stored = (String) row.get("refresh_token");
            JsonNode answer = refresh(channel, stored);
            String configured = channel.settings().getRefreshToken();
            if (answer == null && configured != null && !configured.equals(stored)) {
                log.warn("Stored JTL refresh token of {} was refused; trying the configured one", channel.id());
                answer = refresh(channel, configured);
            }
            if (answer == null) {
                throw PushFailedException.permanent("JTL refused the refresh token of channel " + channel.id()
                        + ": connect the channel again (set a new refresh-token)");
            }
            jdbc.update("""
                    update channel_token set refresh_token = ?, access_token = ?, access_expires_at = ?, updated_at = now()
                    where channel_id = ?""", answer.get("refresh_token").asText(), answer.get("access_token").asText(),
                    Timestamp.from(clock.instant().plusSeconds(answer.path("expires_in").asLong(1800))), channel.id());
            return answer.get("access_token").asText();
        });
    }

    /** Forgets the access token (the platform refused it); the next push refreshes. */
    public void invalidate(Channel channel) {
        jdbc.update("update channel_token set access_token = null, access_expires_at = null where channel_id = ?", channel.id());
    }

    /** @return the token answer, or null when JTL refused the refresh token */
    private JsonNode refresh(Channel channel, String refreshToken) {
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
        if (response.statusCode() == 400 && response.body().contains("invalid_grant")) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new PushFailedException(response.statusCode() >= 500 || response.statusCode() == 429,
                    "JTL token endpoint answered " + response.statusCode(), 0);
        }
        try {
            return json.readTree(response.body());
        } catch (Exception e) {
            throw new PushFailedException(true, "JTL token endpoint answered with a body that is not JSON", 0);
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

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
