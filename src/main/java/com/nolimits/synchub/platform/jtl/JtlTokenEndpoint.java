package com.nolimits.synchub.platform.jtl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.camel.RouteGateway;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.outbound.PushFailedException;
import com.nolimits.synchub.outbound.RetryAfter;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * JTL-FFN's OAuth2 token endpoint (docs/platforms.md): one form POST per grant, the client authenticated
 * by HTTP Basic, made by the route routes/jtl-token-exchange.camel.yaml. A refusal (401 invalid_client,
 * 400 invalid_grant) is an answer, not a failure: it does not heal by retrying ({@link JtlTokens} makes
 * the channel needs-connect); a 5xx, 429 or no answer fails for now.
 */
@Component("jtlTokenEndpoint")
public class JtlTokenEndpoint {

    /** The token endpoint's refusal of a client, refresh token or code, as JTL words it. */
    record Refusal(String problem) {
    }

    private final RouteGateway routes;
    private final ObjectMapper json;
    private final Clock clock;

    JtlTokenEndpoint(RouteGateway routes, ObjectMapper json, Clock clock) {
        this.routes = routes;
        this.json = json;
        this.clock = clock;
    }

    /** One call of the token endpoint: the token answer (JSON), or a {@link Refusal}. */
    Object call(Channel channel, List<String> form) {
        Exchange exchange = routes.newExchange();
        exchange.setProperty(ExchangeKeys.CHANNEL, channel);
        exchange.getIn().setBody(String.join("&", form));
        Exchange answered = routes.send("direct:jtl-token-exchange", exchange);
        if (answered.getException() != null) {
            throw new PushFailedException(true, "JTL token endpoint unreachable: " + answered.getException().getMessage(), 0);
        }
        Message response = answered.getMessage();
        int status = response.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        JsonNode answer = jsonOrNull(response.getBody(String.class));
        String error = answer == null ? null : answer.path("error").asText(null);
        if (status == 401 || "invalid_client".equals(error)) {
            return new Refusal("invalid_client: JTL-FFN refused the client id or secret");
        }
        if (status == 400 && "invalid_grant".equals(error)) {
            return new Refusal(form.get(0).equals("grant_type=refresh_token") ? "invalid_grant: JTL-FFN refused the refresh token"
                    : "invalid_grant: JTL-FFN refused the authorization code (used, expired or issued for another redirect_uri)");
        }
        if (status != 200) {
            throw new PushFailedException(status >= 500 || status == 429,
                    "JTL token endpoint answered " + status + (error == null ? "" : " " + error),
                    RetryAfter.seconds(response.getHeader("Retry-After", String.class), clock.instant()));
        }
        if (answer == null || !answer.isObject()) {
            throw new PushFailedException(true, "JTL token endpoint answered with a body that is not JSON", 0);
        }
        return answer;
    }

    /** The route's step before the call: the grant as a form POST to the channel's token URL, the client by HTTP Basic. */
    public void prepare(Exchange exchange) {
        var settings = exchange.getProperty(ExchangeKeys.CHANNEL, Channel.class).settings();
        Message request = exchange.getIn();
        request.removeHeaders("*");
        request.setHeader(Exchange.HTTP_METHOD, "POST");
        request.setHeader(Exchange.HTTP_URI, settings.getTokenUrl());
        request.setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
        request.setHeader("Authorization", basicAuthentication(settings.getClientId(), settings.getClientSecret()));
    }

    private JsonNode jsonOrNull(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
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
