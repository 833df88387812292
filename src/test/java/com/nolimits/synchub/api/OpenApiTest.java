package com.nolimits.synchub.api;

import com.nolimits.synchub.HubTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.merge.ProductField;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI description covers the management API and the webhooks, and its UI is served. */
@HubTest
@SuppressWarnings("unchecked")
class OpenApiTest {

    @LocalServerPort
    int port;

    @Test
    void theDescriptionHasTheManagementApiTheWebhooksAndHowToAuthenticate() {
        RestClient http = RestClient.create("http://127.0.0.1:" + port);
        Map<String, Object> api = http.get().uri("/v3/api-docs").retrieve().body(Map.class);
        Map<String, Object> paths = (Map<String, Object>) api.get("paths");
        assertThat(paths).containsKeys("/api/integrations/product-sync/create", "/api/integrations/product-sync/product/{productId}",
                "/api/integrations/product-sync/conflicts/{productId}/resolve", "/api/integrations/product-sync/client/{clientId}/full-sync",
                "/api/integrations/product-sync/metrics", "/api/integrations/webhooks/shopify-enhanced/products/update",
                "/api/integrations/webhooks/woocommerce-enhanced/product.updated");
        assertThat(paths.keySet()).noneMatch(path -> path.startsWith("/sandbox"));
        Map<String, Object> schemes = (Map<String, Object>) ((Map<String, Object>) api.get("components")).get("securitySchemes");
        assertThat((Map<String, Object>) schemes.get("apiKey")).containsEntry("name", "X-API-Key").containsEntry("in", "header");
        Map<String, Object> webhook = (Map<String, Object>) ((Map<String, Object>) paths
                .get("/api/integrations/webhooks/shopify-enhanced/products/update")).get("post");
        assertThat(webhook.get("security")).isEqualTo(java.util.List.of()); // the signature, not a key

        assertThat(http.get().uri("/swagger-ui/index.html").retrieve().body(String.class)).contains("swagger-ui");
    }

    /** Generates nothing: checks a client generated from the document would know every field of the answers. */
    @Test
    void theDocumentDescribesTheFieldsOfProductJobConflictLogEntryStatusAndError() throws Exception {
        JsonNode api = new ObjectMapper().readTree(RestClient.create("http://127.0.0.1:" + port).get().uri("/v3/api-docs")
                .retrieve().body(String.class));
        JsonNode schemas = api.path("components").path("schemas");

        assertThat(properties(schemas, "Product")).contains("id", "clientId", "lastUpdatedBy", "lastUpdatedAt", "syncStatus",
                "lastFieldUpdates", "fieldOwnership", "version").containsAll(Arrays.stream(ProductField.values())
                .map(ProductField::key).toList());
        assertThat(schemas.path("Product").path("properties").path("price").path("type").asText()).isEqualTo("number");
        assertThat(schemas.path("Product").path("properties").path("tags").path("type").asText()).isEqualTo("array");
        assertThat(schemas.path("Product").path("properties").path("price").path("description").asText()).startsWith("commerce");
        assertThat(properties(schemas, "NewProduct")).contains("clientId", "channelIds", "sku", "name");
        assertThat(properties(schemas, "JobView")).contains("id", "channelId", "operation", "fields", "status", "attempts",
                "maxAttempts", "scheduledFor", "lastError", "createdAt", "completedAt");
        assertThat(properties(schemas, "QueueStatus")).contains("pending", "processing", "completed", "failed", "skipped", "jobs");
        assertThat(properties(schemas, "Conflict")).contains("id", "productId", "field", "localValue", "localOrigin",
                "localAt", "remoteValue", "remoteOrigin", "remoteAt", "status", "resolution");
        assertThat(properties(schemas, "LogEntry")).contains("id", "action", "origin", "targetPlatform", "channelId",
                "changedFields", "oldValues", "newValues", "success", "errorMessage", "createdAt");
        assertThat(properties(schemas, "StatusSummary")).contains("total", "synced", "pending", "conflict", "error", "lastSyncAt");
        assertThat(properties(schemas, "ApiError")).containsExactlyInAnyOrder("success", "error");

        // the operations name them: the answer's data, and the error body
        String product = "/api/integrations/product-sync/product/{productId}";
        assertThat(answerSchema(api, product, "get", "200")).isEqualTo("#/components/schemas/ProductAnswer");
        assertThat(answerSchema(api, product, "get", "404")).isEqualTo("#/components/schemas/ApiError");
        assertThat(dataOf(api, "/api/integrations/product-sync/product/{productId}/queue-status")).endsWith("/QueueStatus");
        assertThat(dataOf(api, "/api/integrations/product-sync/product/{productId}/logs")).endsWith("/LogPage");
        assertThat(dataOf(api, "/api/integrations/product-sync/status/{clientId}")).endsWith("/StatusSummary");
        assertThat(dataOf(api, "/api/integrations/product-sync/conflicts/{clientId}")).endsWith("/ConflictList");
        assertThat(api.path("paths").path("/api/integrations/product-sync/create").path("post").path("requestBody")
                .path("content").path("application/json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/NewProduct");
    }

    private static List<String> properties(JsonNode schemas, String name) {
        List<String> names = new ArrayList<>();
        schemas.path(name).path("properties").fieldNames().forEachRemaining(names::add);
        assertThat(names).as("schema " + name).isNotEmpty();
        return names;
    }

    private static String answerSchema(JsonNode api, String path, String method, String status) {
        JsonNode content = api.path("paths").path(path).path(method).path("responses").path(status).path("content");
        return content.elements().hasNext() ? content.elements().next().path("schema").path("$ref").asText() : "";
    }

    /** The schema of the data of a GET's 200 answer ({"success": true, "data": ...}). */
    private static String dataOf(JsonNode api, String path) {
        String envelope = answerSchema(api, path, "get", "200").replace("#/components/schemas/", "");
        return api.path("components").path("schemas").path(envelope).path("properties").path("data").path("$ref").asText();
    }
}
