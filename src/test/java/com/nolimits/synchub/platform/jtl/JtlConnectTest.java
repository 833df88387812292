package com.nolimits.synchub.platform.jtl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.OutboundTest;
import com.nolimits.synchub.Sandboxes;
import com.nolimits.synchub.TestCredentials;
import com.nolimits.synchub.api.ApiClient;
import com.nolimits.synchub.security.SecretBox;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connect flow of a JTL-FFN channel over real HTTP, as a browser goes through it: the hub's connect
 * address, the sandbox's authorize page and its "Allow", the callback; then the channel's waiting job is
 * pushed with the new tokens, kept sealed. (The same in headless Chromium: e2e/JtlConnectBrowserTest.)
 */
@OutboundTest
@SuppressWarnings("unchecked")
class JtlConnectTest {

    static final String CONNECT = ApiClient.BASE + "/channels/demo-jtl/connect";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApiClient api;
    @Autowired
    Sandboxes sandboxes;
    @Autowired
    SecretBox secrets;
    @Autowired
    CamelContext camel;

    final HttpClient browser = HttpClient.newHttpClient(); // follows no redirects: each step is checked

    @BeforeEach
    void clean() {
        sandboxes.freshStart();
        jdbc.update("delete from channel_token");
        jdbc.update("update channel set connection = 'connected', connection_problem = null where id = 'demo-jtl'");
        // someone else spent the configured refresh token: the channel can only be connected
        RestClient.create(base() + "/sandbox/jtl/demo").post().uri("/oauth2/token")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .headers(h -> h.setBasicAuth("sandbox-jtl-client", "sandbox-jtl-client-secret"))
                .body("grant_type=refresh_token&refresh_token=sandbox-jtl-refresh-token").retrieve().toBodilessEntity();
        sandboxes.clearJournals();
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    @Test
    void theOperatorConnectsTheChannelAndItsWaitingJobIsPushed() throws Exception {
        UUID id = waitingProduct("CONNECT-1");
        NotifyBuilder tokenExchanged = new NotifyBuilder(camel).fromRoute("jtl-token-exchange").whenCompleted(1).create();

        HttpResponse<String> start = get(base() + CONNECT, TestCredentials.OPERATOR_KEY);
        assertThat(start.statusCode()).isEqualTo(302);
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        var query = UriComponentsBuilder.fromUri(authorize).build().getQueryParams();
        assertThat(authorize.getPath()).isEqualTo("/sandbox/jtl/demo/oauth2/authorize");
        assertThat(query.getFirst("response_type")).isEqualTo("code");
        assertThat(query.getFirst("client_id")).isEqualTo("sandbox-jtl-client");
        assertThat(decode(query.getFirst("redirect_uri"))).isEqualTo(base() + "/api/integrations/jtl/oauth/callback");
        assertThat(decode(query.getFirst("scope"))).isEqualTo("ffn.merchant.read ffn.merchant.write");
        String state = decode(query.getFirst("state"));
        assertThat(state).hasSizeGreaterThanOrEqualTo(40);

        HttpResponse<String> page = get(authorize.toString(), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Allow", "ffn.merchant.write");

        URI callback = allow(decode(query.getFirst("redirect_uri")), state, "allow");
        assertThat(callback.getPath()).isEqualTo("/api/integrations/jtl/oauth/callback");
        HttpResponse<String> connected = get(callback.toString(), null);
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);
        assertThat(JSON.readTree(connected.body()).path("data").path("state").asText()).isEqualTo("connected");
        assertThat(tokenExchanged.matches(5, TimeUnit.SECONDS)).as("the code went through the route jtl-token-exchange").isTrue();

        sandboxes.jobsDone(id, "demo-jtl");
        assertThat(jdbc.queryForObject("select connection from channel where id = 'demo-jtl'", String.class)).isEqualTo("connected");
        assertThat(jdbc.queryForObject("select status from sync_job where product_id = ?", String.class, id)).isEqualTo("completed");
        var journal = Sandboxes.journal(sandboxes.jtl);
        assertThat(journal).extracting(e -> e.get("operation") + " " + e.get("status")).containsSubsequence(
                "token 400", "authorize 302", "token 200", "create product 201");
        Map<String, Object> exchange = (Map<String, Object>) journal.stream().filter(e -> "token".equals(e.get("operation"))
                && Integer.valueOf(200).equals(e.get("status"))).findFirst().orElseThrow().get("body");
        assertThat(exchange).containsEntry("grant_type", "authorization_code").containsEntry("clientAuthentication", "basic");

        // the tokens are kept sealed, bound to the channel: unreadable without the key, or for another channel
        Map<String, Object> stored = jdbc.queryForMap("select refresh_token, access_token from channel_token where channel_id = 'demo-jtl'");
        assertThat(stored.values()).allSatisfy(value -> assertThat((String) value).startsWith("v1:").doesNotContain("rt_", "at_"));
        assertThat(secrets.open((String) stored.get("refresh_token"), "demo-jtl")).hasValueSatisfying(t -> assertThat(t).startsWith("rt_"));
        assertThat(secrets.open((String) stored.get("refresh_token"), "acme-jtl")).isEmpty();

        // the state was single-use
        HttpResponse<String> again = get(callback.toString(), null);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(again.body()).path("error").asText()).isEqualTo("unknown, used or expired state: start the connect again");
    }

    @Test
    void aRefusedCodeOrATokenEndpointThatIsDownConnectsNothingAndSaysWhy() throws Exception {
        waitingProduct("CONNECT-3");
        // a code JTL-FFN did not issue (or one already spent): JTL's invalid_grant, in words
        String state = startConnect();
        HttpResponse<String> refused = get(base() + "/api/integrations/jtl/oauth/callback?code=code_never_issued&state="
                + encode(state), null);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("JTL-FFN refused to connect channel demo-jtl: "
                + "invalid_grant: JTL-FFN refused the authorization code (used, expired or issued for another redirect_uri)");

        // JTL-FFN's token endpoint fails: a bad gateway, and the person starts again
        URI callback = allow(base() + "/api/integrations/jtl/oauth/callback", startConnect(), "allow");
        Sandboxes.faults(sandboxes.jtl, "{\"errorRate\": 1}");
        HttpResponse<String> down = get(callback.toString(), null);
        Sandboxes.faults(sandboxes.jtl, "{\"reset\": true}");
        assertThat(down.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(down.body()).path("error").asText()).startsWith("JTL token endpoint answered 500")
                .endsWith("start the connect again");
        assertThat(jdbc.queryForObject("select connection from channel where id = 'demo-jtl'", String.class)).isEqualTo("needs-connect");
        assertThat(jdbc.queryForObject("select count(*) from channel_token where channel_id = 'demo-jtl' and access_token is not null",
                Integer.class)).isZero();
    }

    /** The state of a new connect of demo-jtl, as the authorize address carries it. */
    String startConnect() throws Exception {
        var query = UriComponentsBuilder.fromUriString(get(base() + CONNECT, TestCredentials.OPERATOR_KEY)
                .headers().firstValue("Location").orElseThrow()).build().getQueryParams();
        return decode(query.getFirst("state"));
    }

    @Test
    void aDeniedOrForgedCallbackConnectsNothing() throws Exception {
        waitingProduct("CONNECT-2");
        String forged = base() + "/api/integrations/jtl/oauth/callback?code=code_x&state=not-issued-by-the-hub";
        assertThat(get(forged, null).statusCode()).isEqualTo(400);

        var query = UriComponentsBuilder.fromUriString(get(base() + CONNECT, TestCredentials.OPERATOR_KEY)
                .headers().firstValue("Location").orElseThrow()).build().getQueryParams();
        URI denied = allow(decode(query.getFirst("redirect_uri")), decode(query.getFirst("state")), "deny");
        HttpResponse<String> answer = get(denied.toString(), null);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).path("error").asText())
                .isEqualTo("JTL-FFN did not connect channel demo-jtl: access_denied (access was not allowed)");
        assertThat(jdbc.queryForObject("select connection from channel where id = 'demo-jtl'", String.class)).isEqualTo("needs-connect");
        assertThat(Sandboxes.journal(sandboxes.jtl)).extracting(e -> e.get("operation")).containsOnlyOnce("token"); // the refused refresh only
    }

    @Test
    void onlyTheOperatorOrTheChannelsClientStartsAConnectAndOnlyForJtl() throws Exception {
        HttpResponse<String> otherClient = get(base() + CONNECT, "acme-test-key");
        assertThat(otherClient.statusCode()).isEqualTo(403);
        assertThat(get(base() + CONNECT, null).statusCode()).isEqualTo(401);
        HttpResponse<String> shopify = get(base() + ApiClient.BASE + "/channels/demo-shopify/connect", TestCredentials.OPERATOR_KEY);
        assertThat(shopify.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(shopify.body()).path("error").asText()).startsWith("channel demo-shopify is a SHOPIFY channel");
        assertThat(jdbc.queryForObject("select count(*) from oauth_state", Integer.class)).isZero();
    }

    /** A product for the warehouse whose job waits: the token endpoint refuses the spent refresh token. */
    UUID waitingProduct(String sku) {
        UUID id = UUID.fromString((String) ApiClient.data(api.post("/create",
                "{\"clientId\": \"demo\", \"name\": \"Crate\", \"sku\": \"" + sku + "\", \"channelIds\": [\"demo-jtl\"]}")).get("id"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "needs-connect".equals(jdbc.queryForObject(
                "select connection from channel where id = 'demo-jtl'", String.class)));
        // the job's refusal is recorded just after the channel's: it waits, its attempt not counted
        await().atMost(Duration.ofSeconds(5)).until(() -> "pending 0".equals(jdbc.queryForObject(
                "select status || ' ' || attempts from sync_job where product_id = ?", String.class, id)));
        return id;
    }

    /** The merchant's click on the authorize page: "Allow" or "Deny"; JTL's redirect back to the hub. */
    URI allow(String redirectUri, String state, String decision) throws Exception {
        String form = "client_id=sandbox-jtl-client&redirect_uri=" + encode(redirectUri) + "&state=" + encode(state)
                + "&decision=" + decision;
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(base() + "/sandbox/jtl/demo/oauth2/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
        return URI.create(answer.headers().firstValue("Location").orElseThrow());
    }

    HttpResponse<String> get(String url, String apiKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String decode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
