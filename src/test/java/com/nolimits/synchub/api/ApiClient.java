package com.nolimits.synchub.api;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.Map;

/** Plain HTTP calls to the management API, JSON in and out. */
public class ApiClient {

    public static final String BASE = "/api/integrations/product-sync";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    private final TestRestTemplate http;
    private final String apiKey;

    /** As the operator. */
    public ApiClient(TestRestTemplate http) {
        this(http, com.nolimits.synchub.TestCredentials.OPERATOR_KEY);
    }

    /** With this API key (null: none). */
    public ApiClient(TestRestTemplate http, String apiKey) {
        this.http = http;
        this.apiKey = apiKey;
    }

    public ResponseEntity<Map<String, Object>> get(String path) {
        return http.exchange(BASE + path, HttpMethod.GET, new HttpEntity<>(headers()), JSON);
    }

    private HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        if (apiKey != null) {
            headers.set("X-API-Key", apiKey);
        }
        return headers;
    }

    public ResponseEntity<Map<String, Object>> post(String path, String json) {
        return send(HttpMethod.POST, path, json, MediaType.APPLICATION_JSON);
    }

    public ResponseEntity<Map<String, Object>> patch(String path, String json) {
        return send(HttpMethod.PATCH, path, json, MediaType.APPLICATION_JSON);
    }

    public ResponseEntity<Map<String, Object>> send(HttpMethod method, String path, String body, MediaType type) {
        HttpHeaders headers = headers();
        headers.setContentType(type);
        return http.exchange(BASE + path, method, new HttpEntity<>(body, headers), JSON);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> data(ResponseEntity<Map<String, Object>> response) {
        return (Map<String, Object>) response.getBody().get("data");
    }
}
