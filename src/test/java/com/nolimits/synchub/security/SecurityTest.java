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
        assertThat(other.getBody().get("error").toString()).contains("this API key is for client 'acme', not 'demo'");
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
}
