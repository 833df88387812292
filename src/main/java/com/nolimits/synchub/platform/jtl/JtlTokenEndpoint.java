package com.nolimits.synchub.platform.jtl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.outbound.PushFailedException;
import com.nolimits.synchub.outbound.RetryAfter;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * JTL-FFN's OAuth2 token endpoint (docs/platforms.md): one form POST per grant, the client authenticated
 * by HTTP Basic. A refusal (401 invalid_client, 400 invalid_grant) is an answer, not a failure: it does
 * not heal by retrying ({@link JtlTokens} makes the channel needs-connect); a 5xx, 429 or no answer fails
 * for now.
 */
@Component
class JtlTokenEndpoint {

    /** The token endpoint's refusal of a client, refresh token or code, as JTL words it. */
    record Refusal(String problem) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final Clock clock;

    JtlTokenEndpoint(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** One call of the token endpoint, the client authenticated by HTTP Basic. */
    Object call(Channel channel, List<String> form) {
        var s = channel.settings();
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(s.getTokenUrl())).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", basicAuthentication(s.getClientId(), s.getClientSecret()))
                    .POST(HttpRequest.BodyPublishers.ofString(String.join("&", form))).build(), HttpResponse.BodyHandlers.ofString());
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
            return new Refusal(form.get(0).equals("grant_type=refresh_token") ? "invalid_grant: JTL-FFN refused the refresh token"
                    : "invalid_grant: JTL-FFN refused the authorization code (used, expired or issued for another redirect_uri)");
        }
        if (response.statusCode() != 200) {
            throw new PushFailedException(response.statusCode() >= 500 || response.statusCode() == 429,
                    "JTL token endpoint answered " + response.statusCode() + (error == null ? "" : " " + error),
                    RetryAfter.seconds(response.headers().firstValue("Retry-After").orElse(null), clock.instant()));
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

    static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
