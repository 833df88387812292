package com.nolimits.synchub.sandbox;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The JTL-FFN sandbox driven the way JTL-FFN is: OAuth2 refresh tokens, merchant API, polled feeds. */
class JtlSandboxTest {

    SandboxServer sandbox;

    @BeforeEach
    void reset() throws Exception {
        sandbox = SandboxServer.get();
        assertThat(sandbox.send("POST", "/sandbox/jtl/demo/reset", null).status()).isEqualTo(204);
        assertThat(sandbox.send("POST", "/sandbox/jtl/short/reset", null).status()).isEqualTo(204);
    }

    /** A refresh as JTL documents it: the client authenticated with HTTP Basic. */
    Map<String, Object> token(String merchant, String clientId, String clientSecret, String refreshToken) throws Exception {
        String form = "grant_type=refresh_token&refresh_token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8);
        return tokenCall(merchant, form, "Basic " + java.util.Base64.getEncoder().encodeToString(
                (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)));
    }

    Map<String, Object> tokenCall(String merchant, String form, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.base + "/sandbox/jtl/" + merchant + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> body = SandboxServer.JSON.readValue(response.body(), Map.class);
        body.put("_status", response.statusCode());
        return body;
    }

    String accessToken() throws Exception {
        return (String) token("demo", "sandbox-jtl-client", "sandbox-jtl-client-secret", "sandbox-jtl-refresh-token")
                .get("access_token");
    }

    SandboxServer.Response api(String token, String method, String path, Object body) {
        return sandbox.send(method, path.startsWith("http") ? path : "/sandbox/jtl/demo/api/v1/merchant" + path,
                body == null ? null : SandboxServer.json(body), "Authorization", "Bearer " + token);
    }

    @Test
    void clientCredentialsInTheFormBodyAreRefusedAsJtlDoes() throws Exception {
        Map<String, Object> inBody = tokenCall("demo", "grant_type=refresh_token&refresh_token=sandbox-jtl-refresh-token"
                + "&client_id=sandbox-jtl-client&client_secret=sandbox-jtl-client-secret", null);
        assertThat(inBody).containsEntry("_status", 401).containsEntry("error", "invalid_client");
        // the refresh token was not spent by the refused call
        assertThat(token("demo", "sandbox-jtl-client", "sandbox-jtl-client-secret", "sandbox-jtl-refresh-token"))
                .containsEntry("_status", 200);
    }

    @Test
    void refreshTokensWorkExactlyOnce() throws Exception {
        Map<String, Object> first = token("demo", "sandbox-jtl-client", "sandbox-jtl-client-secret", "sandbox-jtl-refresh-token");
        assertThat(first).containsEntry("_status", 200).containsEntry("token_type", "Bearer").containsEntry("expires_in", 1800);
        Map<String, Object> replay = token("demo", "sandbox-jtl-client", "sandbox-jtl-client-secret", "sandbox-jtl-refresh-token");
        assertThat(replay).containsEntry("_status", 400).containsEntry("error", "invalid_grant");
        Map<String, Object> second = token("demo", "sandbox-jtl-client", "sandbox-jtl-client-secret", (String) first.get("refresh_token"));
        assertThat(second).containsEntry("_status", 200);
        assertThat(second.get("refresh_token")).isNotEqualTo(first.get("refresh_token"));
        assertThat(token("demo", "sandbox-jtl-client", "wrong", (String) second.get("refresh_token")))
                .containsEntry("_status", 401).containsEntry("error", "invalid_client");
        assertThat(sandbox.send("GET", "/sandbox/jtl/demo/tokens", null).json()).containsEntry("validRefreshTokens", 1);
    }

    @Test
    void theApiNeedsALiveAccessToken() throws Exception {
        SandboxServer.Response without = sandbox.send("GET", "/sandbox/jtl/demo/api/v1/merchant/products", null);
        assertThat(without.status()).isEqualTo(401);
        assertThat((Map<String, Object>) without.json().get("errorCode")).containsEntry("code", "Unauthorized");
        assertThat(api(accessToken(), "GET", "/products", null).status()).isEqualTo(200);

        String shortLived = (String) token("short", "short-client", "short-secret", "short-refresh").get("access_token");
        assertThat(api(shortLived, "GET", "/sandbox/jtl/short/api/v1/merchant/products".replace("/sandbox", sandbox.base + "/sandbox"), null)
                .status()).isEqualTo(200);
        Thread.sleep(1100);
        assertThat(api(shortLived, "GET", sandbox.base + "/sandbox/jtl/short/api/v1/merchant/products", null).status()).isEqualTo(401);
    }

    @Test
    void createsPatchesAndReadsProducts() throws Exception {
        String token = accessToken();
        SandboxServer.Response created = api(token, "POST", "/products", Map.of("merchantSku", "TS-S", "name", "Tee",
                "weight", 0.25, "dimensions", Map.of("length", 0.3, "width", 0.2, "height", 0.02),
                "identifier", Map.of("ean", "4006381333931")));
        assertThat(created.status()).isEqualTo(201);
        String jfsku = (String) created.json().get("jfsku");
        assertThat(jfsku).hasSize(11).matches("[A-Z0-9]{11}");

        assertThat(api(token, "POST", "/products", Map.of("merchantSku", "TS-S", "name", "again")).status()).isEqualTo(409);
        SandboxServer.Response invalid = api(token, "POST", "/products", Map.of("name", "no sku"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat((List<Map<String, Object>>) invalid.json().get("errorMessages")).isNotEmpty();

        SandboxServer.Response patched = api(token, "PATCH", "/products/" + jfsku, Map.of("note", "fragile",
                "identifier", Map.of("mpn", Map.of("partNumber", "HAN-1"))));
        assertThat(patched.status()).isEqualTo(204);
        Map<String, Object> product = api(token, "GET", "/products/" + jfsku, null).json();
        assertThat(product).containsEntry("note", "fragile").containsEntry("name", "Tee");
        assertThat((Map<String, Object>) product.get("identifier")).containsEntry("ean", "4006381333931").containsKey("mpn");
        assertThat(api(token, "PATCH", "/products/NOPE", Map.of("note", "x")).status()).isEqualTo(404);
        assertThat(api(token, "PATCH", "/products/" + jfsku, Map.of("weight", -1)).status()).isEqualTo(400);
    }

    @Test
    void stockUpdatesComeInAscendingVersionsThroughTheFeed() throws Exception {
        String token = accessToken();
        String jfsku = (String) api(token, "POST", "/products", Map.of("merchantSku", "TS-S", "name", "Tee")).json().get("jfsku");
        Instant from = Instant.now().minusSeconds(1);
        sandbox.send("POST", "/sandbox/jtl/demo/warehouse/stock", SandboxServer.json(Map.of("jfsku", jfsku, "stockLevel", 45,
                "changeType", "Inbound")));
        sandbox.send("POST", "/sandbox/jtl/demo/warehouse/stock", SandboxServer.json(Map.of("merchantSku", "TS-S",
                "stockLevel", 42, "stockLevelReserved", 3)));
        sandbox.send("POST", "/sandbox/jtl/demo/warehouse/stock", SandboxServer.json(Map.of("jfsku", jfsku, "warehouseId", "WH02",
                "stockLevel", 10)));

        Map<String, Object> feed = api(token, "GET", "/stocks/updates?fromDate=" + from + "&toDate=" + Instant.now().plusSeconds(1), null).json();
        List<Map<String, Object>> data = (List<Map<String, Object>>) feed.get("data");
        assertThat(data).extracting(d -> ((Map<String, Object>) d.get("stockChangeId")).get("stockVersion")).containsExactly(1, 2, 1);
        assertThat(data.get(1)).containsEntry("stockLevel", 42).containsEntry("stockLevelReserved", 3);
        assertThat(feed).containsEntry("moreDataAvailable", false).containsKeys("from", "to", "nextChunkUrl");

        Map<String, Object> stocks = api(token, "GET", "/stocks?$top=10", null).json();
        Map<String, Object> stock = ((List<Map<String, Object>>) stocks.get("items")).get(0);
        assertThat(stock).containsEntry("stockLevel", 52).containsEntry("stockLevelReserved", 3);
        assertThat((List<?>) stock.get("warehouses")).hasSize(2);
    }

    @Test
    void feedsAreChunkedAndStocksPaged() throws Exception {
        String token = (String) token("short", "short-client", "short-secret", "short-refresh").get("access_token");
        String api = sandbox.base + "/sandbox/jtl/short/api/v1/merchant";
        Instant from = Instant.now().minusSeconds(1);
        for (int i = 0; i < 5; i++) {
            api(token, "POST", api + "/products", Map.of("merchantSku", "S" + i, "name", "n" + i));
            sandbox.send("POST", "/sandbox/jtl/short/warehouse/stock", SandboxServer.json(Map.of("merchantSku", "S" + i, "stockLevel", i)));
        }
        Instant to = Instant.now().plusSeconds(1);
        Map<String, Object> chunk = api(token, "GET", api + "/stocks/updates?fromDate=" + from + "&toDate=" + to, null).json();
        int seen = ((List<?>) chunk.get("data")).size();
        int chunks = 1;
        while (Boolean.TRUE.equals(chunk.get("moreDataAvailable"))) {
            chunk = api(token, "GET", (String) chunk.get("nextChunkUrl"), null).json();
            seen += ((List<?>) chunk.get("data")).size();
            chunks++;
        }
        assertThat(seen).isEqualTo(5);
        assertThat(chunks).isEqualTo(3);

        Map<String, Object> page = api(token, "GET", api + "/stocks?$top=2&$skip=4", null).json();
        assertThat((List<?>) page.get("items")).hasSize(1);
        assertThat(page).containsEntry("totalCount", 5).containsEntry("moreDataAvailable", false);
        assertThat(api(token, "GET", api + "/stocks/updates", null).status()).isEqualTo(400);
    }

    @Test
    void warehouseProductChangesAppearInTheProductFeed() throws Exception {
        String token = accessToken();
        String jfsku = (String) api(token, "POST", "/products", Map.of("merchantSku", "TS-S", "name", "Tee")).json().get("jfsku");
        Instant from = Instant.now();
        sandbox.send("PATCH", "/sandbox/jtl/demo/warehouse/products/" + jfsku, SandboxServer.json(Map.of("weight", 0.31)));
        Map<String, Object> feed = api(token, "GET", "/products/updates?fromDate=" + from.minusMillis(1) + "&toDate="
                + Instant.now().plusSeconds(1), null).json();
        assertThat((List<Map<String, Object>>) feed.get("data")).singleElement().satisfies(change -> {
            assertThat(change).containsEntry("jfsku", jfsku).containsEntry("changeType", "Modified");
            assertThat((Map<String, Object>) change.get("product")).containsEntry("weight", 0.31);
        });
    }

    @Test
    void injectedFaultsAnswerAsJtlWould() throws Exception {
        String token = accessToken();
        sandbox.send("PUT", "/sandbox/jtl/demo/faults", "{\"throttleNext\": 1, \"retryAfterSeconds\": 3}");
        SandboxServer.Response throttled = api(token, "GET", "/products", null);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("3");
        sandbox.send("PUT", "/sandbox/jtl/demo/faults", "{\"errorRate\": 1}");
        SandboxServer.Response failed = api(token, "GET", "/products", null);
        assertThat(failed.status()).isEqualTo(500);
        assertThat((Map<String, Object>) failed.json().get("errorCode")).containsEntry("code", "InternalServerError");
        sandbox.send("PUT", "/sandbox/jtl/demo/faults", "{\"reset\": true, \"timeoutRate\": 1, \"timeoutMs\": 300}");
        long start = System.nanoTime();
        assertThat(api(token, "GET", "/products", null).status()).isEqualTo(504);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
    }
}
