package com.nolimits.synchub.security;

import com.nolimits.synchub.HubTest;
import com.nolimits.synchub.TestCredentials;
import com.nolimits.synchub.TestDatabase;
import com.nolimits.synchub.api.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may call what: API keys (operator and client), HTTP Basic, the open endpoints, headers and limits. */
@HubTest
class SecurityTest {

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient operator;
    ApiClient acme;
    ApiClient anonymous;

    @BeforeEach
    void clean() {
        TestDatabase.clear(jdbc);
        operator = new ApiClient(http);
        acme = new ApiClient(http, TestCredentials.ACME_KEY);
        anonymous = new ApiClient(http, null);
    }

    record Answer(int status, HttpHeaders headers, String body) {
    }

    Answer call(String method, String path, java.util.function.Consumer<HttpHeaders> headers, String body) {
        RestClient.RequestBodySpec request = RestClient.create("http://127.0.0.1:" + port).method(
                org.springframework.http.HttpMethod.valueOf(method)).uri(path).headers(headers);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchange((req, response) -> new Answer(response.getStatusCode().value(), response.getHeaders(),
                new String(response.getBody().readAllBytes())));
    }

    String create(ApiClient as, String clientId, String sku) {
        return (String) ApiClient.data(as.post("/create", "{\"clientId\": \"" + clientId + "\", \"name\": \"Tee\", \"sku\": \""
                + sku + "\"}")).get("id");
    }

    @Test
    void theManagementApiWantsCredentialsAndSaysSoInJson() {
        ResponseEntity<Map<String, Object>> none = anonymous.get("/status/demo");
        assertThat(none.getStatusCode().value()).isEqualTo(401);
        assertThat(none.getBody()).containsEntry("success", false).extractingByKey("error").asString().contains("X-API-Key");

        ResponseEntity<Map<String, Object>> wrong = new ApiClient(http, "not-a-key").get("/status/demo");
        assertThat(wrong.getStatusCode().value()).isEqualTo(401);
        assertThat(wrong.getBody()).containsEntry("error", "the API key is not valid");

        assertThat(operator.get("/status/demo").getStatusCode().value()).isEqualTo(200);
        assertThat(call("GET", "/api/integrations/product-sync/status/demo",
                h -> h.setBasicAuth("operator", TestCredentials.OPERATOR_PASSWORD), null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/integrations/product-sync/status/demo",
                h -> h.setBasicAuth("operator", "guess"), null).status()).isEqualTo(401);
    }

    @Test
    void aClientsKeyReachesOnlyThatClientsData() {
        String demoProduct = create(operator, "demo", "SEC-DEMO");
        String acmeProduct = create(acme, "acme", "SEC-ACME");

        assertThat(acme.get("/status/acme").getStatusCode().value()).isEqualTo(200);
        assertThat(acme.get("/product/" + acmeProduct).getStatusCode().value()).isEqualTo(200);
        assertThat(acme.get("/product/" + acmeProduct + "/logs").getStatusCode().value()).isEqualTo(200);

        ResponseEntity<Map<String, Object>> other = acme.get("/status/demo");
        assertThat(other.getStatusCode().value()).isEqualTo(403);
        assertThat(other.getBody().get("error").toString()).contains("the key or login of client 'acme' does not reach client 'demo'");
        for (String path : new String[]{"/product/" + demoProduct, "/product/" + demoProduct + "/logs",
                "/product/" + demoProduct + "/queue-status", "/conflicts/demo"}) {
            assertThat(acme.get(path).getStatusCode().value()).as(path).isEqualTo(403);
        }
        assertThat(acme.patch("/product/" + demoProduct, "{\"name\": \"mine now\"}").getStatusCode().value()).isEqualTo(403);
        assertThat(acme.post("/product/" + demoProduct + "/queue", "{}").getStatusCode().value()).isEqualTo(403);
        assertThat(acme.post("/client/demo/full-sync", "{}").getStatusCode().value()).isEqualTo(403);
        assertThat(acme.post("/create", "{\"clientId\": \"demo\", \"name\": \"x\"}").getStatusCode().value()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select name from product where id = ?::uuid", String.class, demoProduct)).isEqualTo("Tee");
        // the operator reaches both
        assertThat(operator.get("/product/" + acmeProduct).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void answersCarrySecurityHeadersAndOversizedBodiesAre413() throws Exception {
        Answer answer = call("GET", "/api/integrations/product-sync/status/demo",
                h -> h.set("X-API-Key", TestCredentials.OPERATOR_KEY), null);
        assertThat(answer.headers().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.headers().getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(answer.headers().getFirst("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(answer.headers().getFirst("Cache-Control")).contains("no-store");

        String huge = "{\"clientId\": \"demo\", \"name\": \"" + "x".repeat(300_000) + "\"}";
        Answer tooBig = call("POST", "/api/integrations/product-sync/create", h -> h.set("X-API-Key", TestCredentials.OPERATOR_KEY), huge);
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.body()).contains("\"success\":false").contains("larger than 262144 bytes");
        assertThat(jdbc.queryForObject("select count(*) from product", Long.class)).isZero();

        // a body without a declared length (chunked) is refused before it is read
        java.net.http.HttpResponse<String> chunked = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/integrations/product-sync/create"))
                        .header("X-API-Key", TestCredentials.OPERATOR_KEY).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() ->
                                new java.io.ByteArrayInputStream("{\"clientId\": \"demo\", \"name\": \"x\"}".getBytes())))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("Content-Length");
        assertThat(jdbc.queryForObject("select count(*) from product", Long.class)).isZero();
    }

    @Test
    void webhooksAndHealthAreOpenTheConsoleAndMetricsAreNot() {
        // a webhook is judged by its signature, not by a login: unsigned is 401 from the route, not from security
        Answer unsigned = call("POST", "/api/integrations/webhooks/shopify-enhanced/products/update",
                h -> h.set("X-Shopify-Shop-Domain", "demo.myshopify.com"), "{}");
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.body()).contains("signature");

        Answer health = call("GET", "/actuator/health", h -> { }, null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components");
        Answer detailed = call("GET", "/actuator/health", h -> h.set("X-API-Key", TestCredentials.OPERATOR_KEY), null);
        assertThat(detailed.body()).contains("components", "db");

        assertThat(call("GET", "/actuator/prometheus", h -> { }, null).status()).isEqualTo(401);
        assertThat(call("GET", "/actuator/prometheus", h -> h.set("X-API-Key", TestCredentials.ACME_KEY), null).status())
                .isEqualTo(403);
        assertThat(call("GET", "/actuator/prometheus", h -> h.set("X-API-Key", TestCredentials.OPERATOR_KEY), null).body())
                .contains("jvm_memory_used_bytes");

        // Hawtio: a browser is sent to the login page (a script without credentials gets 401); the operator
        // gets the console and the routes' MBeans
        Answer console = call("GET", "/actuator/hawtio/", h -> h.setAccept(java.util.List.of(MediaType.TEXT_HTML)), null);
        assertThat(console.body()).contains("action=\"/login\"", "name=\"password\""); // redirected there
        assertThat(call("GET", "/actuator/hawtio/", h -> { }, null).status()).isEqualTo(401);
        assertThat(call("GET", "/actuator/hawtio/", h -> h.setBasicAuth("operator", TestCredentials.OPERATOR_PASSWORD), null)
                .body()).contains("<html");
        Answer memory = call("GET", "/actuator/jolokia/read/java.lang:type=Memory/HeapMemoryUsage",
                h -> h.setBasicAuth("operator", TestCredentials.OPERATOR_PASSWORD), null);
        assertThat(memory.status()).isEqualTo(200);
        assertThat(memory.body()).contains("\"used\"");
        assertThat(call("GET", "/actuator/jolokia/read/java.lang:type=Memory/HeapMemoryUsage",
                h -> h.set("X-API-Key", TestCredentials.ACME_KEY), null).status()).isEqualTo(403);
        // (the routes' MBeans that Hawtio shows: StartupTest, where Camel's JMX is on as in a real run)
    }

    /** A browser of its own: its cookies (session, XSRF-TOKEN) kept, redirects not followed. */
    record Browser(java.net.http.HttpClient http, java.net.CookieManager cookies, String base) {

        static Browser at(int port) {
            java.net.CookieManager cookies = new java.net.CookieManager();
            return new Browser(java.net.http.HttpClient.newBuilder().cookieHandler(cookies)
                    .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build(), cookies, "http://127.0.0.1:" + port);
        }

        java.net.http.HttpResponse<String> send(String method, String path, String contentType, String body,
                                                  String... headers) throws Exception {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path)).method(method,
                    body == null ? java.net.http.HttpRequest.BodyPublishers.noBody() : java.net.http.HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (headers.length > 0) {
                request.headers(headers);
            }
            return http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        }

        String csrfToken() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(java.net.HttpCookie::getValue).findFirst().orElseThrow();
        }

        /** The login form as a browser posts it, with the CSRF token Spring Security put in the cookie. */
        java.net.http.HttpResponse<String> logIn(String user, String password) throws Exception {
            send("GET", "/login", null, null);
            String form = "username=" + java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8)
                    + "&password=" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8)
                    + "&_csrf=" + csrfToken();
            return send("POST", "/login", "application/x-www-form-urlencoded", form);
        }
    }

    @Test
    void aClientLogsInToTheConsoleWithItsKeyAndReachesOnlyItsOwnClient() throws Exception {
        Browser browser = Browser.at(port);
        assertThat(browser.logIn("acme", "not-the-key").headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        var loggedIn = browser.logIn("acme", TestCredentials.ACME_KEY);
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        assertThat(loggedIn.headers().firstValue("Location").orElseThrow()).endsWith("/console/");

        var page = browser.send("GET", "/console/", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"console.js\">");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(browser.send("GET", "/console/channels.js", null, null).statusCode()).isEqualTo(200);

        String api = "/api/integrations/product-sync";
        var clients = browser.send("GET", api + "/clients", null, null);
        assertThat(clients.body()).contains("\"caller\":\"client acme\"", "\"operator\":false", "\"clientId\":\"acme\"")
                .doesNotContain("\"clientId\":\"demo\"");
        var other = browser.send("GET", api + "/conflicts/demo", null, null);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("the key or login of client 'acme' does not reach client 'demo'");
        // a change on the session needs the CSRF token, as Spring Security hands it out
        assertThat(browser.send("POST", api + "/client/acme/requeue-failed", "application/json", "{}").statusCode()).isEqualTo(403);
        assertThat(browser.send("POST", api + "/client/acme/requeue-failed", "application/json", "{}",
                "X-XSRF-TOKEN", browser.csrfToken()).statusCode()).isEqualTo(200);
        assertThat(browser.send("GET", "/actuator/hawtio/", null, null).statusCode()).as("Hawtio stays the operator's").isEqualTo(403);

        Browser operatorsBrowser = Browser.at(port);
        assertThat(operatorsBrowser.logIn("operator", TestCredentials.OPERATOR_PASSWORD).headers().firstValue("Location").orElseThrow())
                .endsWith("/console/");
        assertThat(operatorsBrowser.send("GET", api + "/clients", null, null).body())
                .contains("\"operator\":true", "\"clientId\":\"acme\"", "\"clientId\":\"demo\"");
        assertThat(Browser.at(port).send("GET", "/console/", null, null, "Accept", "text/html").headers().firstValue("Location")
                .orElseThrow()).as("without a login: the form").endsWith("/login");
    }
}
