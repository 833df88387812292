package com.nolimits.synchub.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Posts webhooks to the hub the way Shopify and WooCommerce do: real HTTP, real signatures. */
public class SignedWebhooks {

    public static final String SHOPIFY_SECRET = "test-shopify-secret";
    public static final String WOO_SECRET = "test-woo-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public SignedWebhooks(int port) {
        this.base = "http://127.0.0.1:" + port + "/api/integrations/webhooks";
    }

    public record Answer(int status, String body, long millis) {
    }

    public Answer shopify(String topic, String body, String eventId) {
        return post(base + "/shopify-enhanced/" + topic, body, "application/json",
                "X-Shopify-Topic", topic, "X-Shopify-Shop-Domain", "acme.myshopify.com",
                "X-Shopify-Hmac-Sha256", hmac(SHOPIFY_SECRET, body), "X-Shopify-Event-Id", eventId,
                "X-Shopify-Webhook-Id", UUID.randomUUID().toString(), "X-Shopify-API-Version", "2026-04");
    }

    public Answer woo(String topic, String body) {
        return post(base + "/woocommerce-enhanced/" + topic, body, "application/json",
                "X-WC-Webhook-Topic", topic, "X-WC-Webhook-Source", "https://acme-shop.example/",
                "X-WC-Webhook-Signature", hmac(WOO_SECRET, body), "X-WC-Webhook-ID", "7",
                "X-WC-Webhook-Delivery-ID", UUID.randomUUID().toString(), "X-WC-Webhook-Resource", "product",
                "X-WC-Webhook-Event", topic.substring(topic.indexOf('.') + 1));
    }

    public Answer post(String url, String body, String contentType, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : base + url))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A Shopify product body in the REST shape of Shopify's webhooks; each variant: {id, sku, price, quantity, inventoryItemId}. */
    public static String shopifyProduct(long id, String title, Instant updatedAt, List<Map<String, Object>> variants) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("id", id);
        product.put("title", title);
        product.put("body_html", "<p>" + title + "</p>");
        product.put("vendor", "Acme");
        product.put("product_type", "Shirts");
        product.put("status", "active");
        product.put("tags", "example, mens");
        product.put("updated_at", updatedAt.toString());
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> v : variants) {
            Map<String, Object> variant = new LinkedHashMap<>();
            variant.put("id", v.get("id"));
            variant.put("product_id", id);
            variant.put("title", v.getOrDefault("title", "Default Title"));
            variant.put("sku", v.get("sku"));
            variant.put("barcode", v.get("barcode"));
            variant.put("price", v.getOrDefault("price", "18.99"));
            variant.put("compare_at_price", v.get("compare_at_price"));
            variant.put("taxable", true);
            variant.put("inventory_item_id", v.get("inventoryItemId"));
            variant.put("inventory_quantity", v.getOrDefault("quantity", 0));
            variant.put("updated_at", updatedAt.toString());
            out.add(variant);
        }
        product.put("variants", out);
        product.put("images", List.of());
        return json(product);
    }

    public static Map<String, Object> variant(long id, String sku, String price, long inventoryItemId) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("sku", sku);
        v.put("price", price);
        v.put("inventoryItemId", inventoryItemId);
        return v;
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
