package com.nolimits.synchub.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.HubTest;
import com.nolimits.synchub.TestCredentials;
import com.nolimits.synchub.TestDatabase;
import com.nolimits.synchub.ingress.SignedWebhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.nolimits.synchub.ingress.SignedWebhooks.shopifyProduct;
import static com.nolimits.synchub.ingress.SignedWebhooks.variant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests as an attacker sends them, over raw sockets where an HTTP client would tidy them up: bodies
 * that never end, labels that lie, Jolokia reached from another site, guessed keys. Each answer is a
 * status and a JSON body that says what is wrong, and nothing of it is stored.
 */
@HubTest
class HostileRequestsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String WEBHOOK = "/api/integrations/webhooks/shopify-enhanced/products/update";
    static final String SHOP = "acme.myshopify.com";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        TestDatabase.clear(jdbc);
    }

    /** A status line, headers and body read off the socket. */
    record Raw(int status, Map<String, String> headers, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /** One HTTP/1.1 request written as given, from the local address given, the answer read until the server closes or the length is read. */
    Raw send(String from, String head, byte[] body, boolean endBody) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            try {
                if (body != null) {
                    out.write(body);
                }
                if (endBody) {
                    out.flush();
                }
            } catch (IOException serverStoppedReading) {
                // the hub answered and closed before the body ended: read its answer
            }
            return read(socket.getInputStream());
        }
    }

    static Raw read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        Map<String, String> headers = new LinkedHashMap<>();
        int status = -1;
        int bodyStart = -1;
        long length = -1;
        int n;
        while ((n = in.read(buffer)) != -1) {
            all.write(buffer, 0, n);
            String text = all.toString(StandardCharsets.ISO_8859_1);
            if (bodyStart < 0 && text.contains("\r\n\r\n")) {
                bodyStart = text.indexOf("\r\n\r\n") + 4;
                String[] lines = text.substring(0, bodyStart).split("\r\n");
                status = Integer.parseInt(lines[0].split(" ")[1]);
                for (int i = 1; i < lines.length; i++) {
                    int colon = lines[i].indexOf(':');
                    if (colon > 0) {
                        headers.merge(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim(),
                                (first, next) -> first + "\n" + next);
                    }
                }
                length = headers.containsKey("content-length") ? Long.parseLong(headers.get("content-length")) : -1;
            }
            if (bodyStart >= 0 && length >= 0 && all.size() - bodyStart >= length) {
                break;
            }
        }
        String text = all.toString(StandardCharsets.UTF_8);
        String body = bodyStart < 0 ? "" : text.substring(Math.min(text.length(), bodyStart));
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Raw(status, headers, body);
    }

    static String unchunk(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }

    static byte[] chunks(int count, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[size];
        java.util.Arrays.fill(chunk, (byte) 'x');
        for (int i = 0; i < count; i++) {
            out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(chunk);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    // ---- item 9: bodies are refused while they stream

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWhileItStreamsAndNothingIsStored() throws Exception {
        // 2 MiB of a body that never ends: the hub must answer without waiting for its end
        String head = "POST " + WEBHOOK + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nX-Shopify-Topic: products/update\r\nX-Shopify-Shop-Domain: " + SHOP + "\r\n\r\n";
        Raw webhook = send("127.0.0.1", head, chunks(32, 64 * 1024), false);
        assertThat(webhook.status()).isEqualTo(413);
        assertThat(webhook.json().path("error").asText()).isEqualTo("the body is larger than 1048576 bytes");

        String api = "POST /api/integrations/product-sync/create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-API-Key: " + TestCredentials.OPERATOR_KEY + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        Raw management = send("127.0.0.1", api, chunks(32, 64 * 1024), false);
        assertThat(management.status()).isEqualTo(413);
        assertThat(management.json().path("success").asBoolean(true)).isFalse();
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox", Long.class)).isZero();
    }

    // ---- item 10: smaller answers that were wrong

    @Test
    void aLongEventIdIsStoredUnderAHashedKeyNotAnswered503() {
        String eventId = "e".repeat(2000);
        SignedWebhooks.Answer answer = new SignedWebhooks(port).shopify("products/update",
                shopifyProduct(31, "Long id", java.time.Instant.parse("2026-01-01T00:00:00Z"), List.of(variant(311, "LONG-ID", "1.00", 3111))),
                eventId);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("stored");
        assertThat(jdbc.queryForObject("select length(dedup_key) from webhook_inbox", Integer.class)).isLessThanOrEqualTo(200);
        // the same event again is a duplicate, found under the same hashed key
        assertThat(new SignedWebhooks(port).shopify("products/update",
                shopifyProduct(31, "Long id", java.time.Instant.parse("2026-01-01T00:00:00Z"), List.of(variant(311, "LONG-ID", "1.00", 3111))),
                eventId).body()).contains("duplicate");
    }

    @Test
    void aSignedFormEncodedBodyIsA400InJson() throws Exception {
        String body = "id=5&title=Form";
        SignedWebhooks.Answer answer = new SignedWebhooks(port).post("/shopify-enhanced/products/update", body,
                "application/x-www-form-urlencoded",
                "X-Shopify-Topic", "products/update", "X-Shopify-Shop-Domain", SHOP,
                "X-Shopify-Hmac-Sha256", SignedWebhooks.hmac(SignedWebhooks.SHOPIFY_SECRET, body), "X-Shopify-Event-Id", "form-1");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).path("error").asText()).startsWith("a webhook's body is JSON");
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox", Long.class)).isZero();
    }

    @Test
    void controlCharactersInAnErrorAreEscapedJson() throws Exception {
        // a tab is a control character HTTP lets through in a header value; JSON must escape it
        Raw answer = send("127.0.0.1", "POST " + WEBHOOK + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-Shopify-Shop-Domain: evil\tshop\r\nX-Shopify-Hmac-Sha256: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n",
                "{}".getBytes(StandardCharsets.UTF_8), true);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("\\t").doesNotContain("\t");
        assertThat(answer.json().path("error").asText()).isEqualTo("unknown shop domain 'evil\tshop'");
    }

    @Test
    void theSignatureAndShopDomainAreReadFromHeadersOnlyNeverFromTheQuery() {
        String body = shopifyProduct(32, "Query", java.time.Instant.parse("2026-01-01T00:00:00Z"), List.of(variant(321, "QUERY", "1.00", 3211)));
        String query = "?X-Shopify-Hmac-Sha256=" + java.net.URLEncoder.encode(SignedWebhooks.hmac(SignedWebhooks.SHOPIFY_SECRET, body),
                StandardCharsets.UTF_8) + "&X-Shopify-Shop-Domain=" + SHOP + "&X-Shopify-Topic=products/update";
        SignedWebhooks.Answer answer = new SignedWebhooks(port).post("/shopify-enhanced/products/update" + query, body,
                "application/json", "X-Shopify-Event-Id", "query-1");
        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        assertThat(answer.body()).contains("unknown shop domain 'null'");
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox", Long.class)).isZero();
    }

    @Test
    void aClientKeyIsAnsweredAlikeForAnUnknownClientAndAnotherClients() throws Exception {
        String head = "GET /api/integrations/product-sync/status/%s HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: "
                + TestCredentials.ACME_KEY + "\r\nConnection: close\r\n\r\n";
        Raw other = send("127.0.0.1", head.formatted("demo"), null, true);
        Raw unknown = send("127.0.0.1", head.formatted("nobody"), null, true);
        assertThat(other.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(403);
        Raw operatorAsks = send("127.0.0.1", head.replace(TestCredentials.ACME_KEY, TestCredentials.OPERATOR_KEY)
                .formatted("nobody"), null, true);
        assertThat(operatorAsks.status()).isEqualTo(404);
    }

    @Test
    void aNulInAProductNameIsA400() throws Exception {
        String body = "{\"clientId\": \"acme\", \"name\": \"Bad\\u0000Name\"}";
        Raw answer = send("127.0.0.1", "POST /api/integrations/product-sync/create HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nX-API-Key: " + TestCredentials.OPERATOR_KEY + "\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n", body.getBytes(StandardCharsets.UTF_8), true);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).contains("name must not contain the NUL character");
    }

    @Test
    void repeatedWrongKeysAndPasswordsFromOneAddressAreSlowedDownWith429() throws Exception {
        String wrongKey = "GET /api/integrations/product-sync/status/acme HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: guess\r\n"
                + "Connection: close\r\n\r\n";
        for (int i = 0; i < TestCredentials.FAILED_ATTEMPTS_PER_MINUTE; i++) {
            assertThat(send("127.0.0.2", wrongKey, null, true).status()).isEqualTo(401);
        }
        Raw slowed = send("127.0.0.2", wrongKey, null, true);
        assertThat(slowed.status()).isEqualTo(429);
        assertThat(Integer.parseInt(slowed.headers().get("retry-after"))).isBetween(1, 60);
        // the right key from that address is slowed down too, until the minute is over
        assertThat(send("127.0.0.2", wrongKey.replace("guess", TestCredentials.ACME_KEY), null, true).status()).isEqualTo(429);
        String wrongPassword = "GET /actuator/metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
                + Base64.getEncoder().encodeToString("operator:guess".getBytes(StandardCharsets.UTF_8)) + "\r\nConnection: close\r\n\r\n";
        assertThat(send("127.0.0.2", wrongPassword, null, true).status()).isEqualTo(429);
        // another address is not affected
        assertThat(send("127.0.0.3", wrongKey.replace("guess", TestCredentials.ACME_KEY), null, true).status()).isEqualTo(200);
        // wrong passwords count as well as wrong keys
        for (int i = 0; i < TestCredentials.FAILED_ATTEMPTS_PER_MINUTE; i++) {
            assertThat(send("127.0.0.4", wrongPassword, null, true).status()).isEqualTo(401);
        }
        assertThat(send("127.0.0.4", wrongPassword, null, true).status()).isEqualTo(429);
    }

    // ---- item 8: Jolokia

    String basic() {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString(("operator:" + TestCredentials.OPERATOR_PASSWORD)
                .getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    @Test
    void jolokiaExecAndWriteAreTakenOnlyByPost() throws Exception {
        String stopRoute = "/actuator/jolokia/exec/org.apache.camel:context=product-sync-hub,type=routes,name=%22shopify-webhooks%22/stop()";
        Raw byGet = send("127.0.0.1", "GET " + stopRoute + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: "
                + TestCredentials.OPERATOR_KEY + "\r\nConnection: close\r\n\r\n", null, true);
        assertThat(byGet.status()).isEqualTo(405);
        assertThat(byGet.json().path("error").asText()).isEqualTo("Jolokia's exec is taken only by POST");
        Raw byParameter = send("127.0.0.1", "GET /actuator/jolokia/?p=/write/java.lang:type=Memory/Verbose/true HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nX-API-Key: " + TestCredentials.OPERATOR_KEY + "\r\nConnection: close\r\n\r\n", null, true);
        assertThat(byParameter.status()).isEqualTo(405);
        Raw read = send("127.0.0.1", "GET /actuator/jolokia/read/java.lang:type=Memory/Verbose HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "X-API-Key: " + TestCredentials.OPERATOR_KEY + "\r\nConnection: close\r\n\r\n", null, true);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("status").asInt()).isEqualTo(200);
        Raw version = send("127.0.0.1", "GET /actuator/jolokia HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: "
                + TestCredentials.OPERATOR_KEY + "\r\nConnection: close\r\n\r\n", null, true);
        assertThat(version.status()).isEqualTo(200); // what Hawtio asks first
        assertThat(version.json().path("request").path("type").asText()).isEqualTo("version");
    }

    @Test
    void jolokiaRefusesAnotherOriginAndReflectsNone() throws Exception {
        String body = "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\"}";
        String request = "POST /actuator/jolokia HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "X-API-Key: " + TestCredentials.OPERATOR_KEY + "\r\nOrigin: %s\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n";
        Raw evil = send("127.0.0.1", request.formatted("https://evil.example"), body.getBytes(StandardCharsets.UTF_8), true);
        assertThat(evil.status()).isEqualTo(403);
        assertThat(evil.headers()).doesNotContainKey("access-control-allow-origin");
        Raw own = send("127.0.0.1", request.formatted("http://127.0.0.1:" + port), body.getBytes(StandardCharsets.UTF_8), true);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("status").asInt()).isEqualTo(200);
    }

    @Test
    void jolokiasJsr160ProxyIsOff() throws Exception {
        try (ServerSocket target = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            target.setSoTimeout(2000);
            CompletableFuture<Boolean> connected = CompletableFuture.supplyAsync(() -> {
                try (Socket ignored = target.accept()) {
                    return true;
                } catch (SocketTimeoutException e) {
                    return false;
                } catch (IOException e) {
                    return false;
                }
            });
            String body = "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"target\":"
                    + "{\"url\":\"service:jmx:rmi:///jndi/rmi://127.0.0.1:" + target.getLocalPort() + "/jmxrmi\"}}";
            Raw answer = send("127.0.0.1", "POST /actuator/jolokia HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "X-API-Key: " + TestCredentials.OPERATOR_KEY + "\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n", body.getBytes(StandardCharsets.UTF_8), true);
            // served (or refused) here, never proxied: nothing connected to the target given
            assertThat(answer.status()).isIn(200, 400, 403);
            assertThat(connected.get(5, TimeUnit.SECONDS)).isFalse();
        }
    }

    @Test
    void theSessionCookieIsSameSiteStrictAndBasicCredentialsDoNotSkipCsrf() throws Exception {
        Raw page = send("127.0.0.1", "GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", null, true);
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("XSRF-TOKEN=([^;]+)").matcher(page.headers().get("set-cookie"));
        assertThat(token.find()).isTrue();
        String csrf = token.group(1);
        String form = "username=operator&password=" + TestCredentials.OPERATOR_PASSWORD + "&_csrf=" + csrf;
        Raw login = send("127.0.0.1", "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Cookie: XSRF-TOKEN=" + csrf + "\r\nContent-Length: " + form.length() + "\r\nConnection: close\r\n\r\n",
                form.getBytes(StandardCharsets.UTF_8), true);
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.headers().get("location")).endsWith("/console/");
        assertThat(login.headers().get("set-cookie")).contains("JSESSIONID").containsIgnoringCase("SameSite=Strict");

        String body = "{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc\"}";
        Raw basicPost = send("127.0.0.1", "POST /actuator/jolokia HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + basic() + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n", body.getBytes(StandardCharsets.UTF_8), true);
        assertThat(basicPost.status()).isEqualTo(403); // no CSRF token
        Raw keyPost = send("127.0.0.1", "POST /actuator/jolokia HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-API-Key: " + TestCredentials.OPERATOR_KEY + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n",
                body.getBytes(StandardCharsets.UTF_8), true);
        assertThat(keyPost.status()).isEqualTo(200);
    }
}
