package com.nolimits.synchub.api;

import com.nolimits.synchub.HubTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

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
}
