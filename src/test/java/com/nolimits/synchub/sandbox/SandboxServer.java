package com.nolimits.synchub.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The sandboxes started on their own (SandboxApplication, no hub, no database) once per test run,
 * sending their webhooks to a {@link WebhookReceiver}. Plain HTTP helpers for the tests.
 */
public final class SandboxServer {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static SandboxServer instance;

    public final WebhookReceiver receiver;
    public final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    private SandboxServer(WebhookReceiver receiver, ConfigurableApplicationContext context) {
        this.receiver = receiver;
        int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
        this.base = "http://127.0.0.1:" + port;
    }

    public static synchronized SandboxServer get() throws IOException {
        if (instance == null) {
            WebhookReceiver receiver = new WebhookReceiver();
            ConfigurableApplicationContext context = SandboxApplication.start(
                    "--server.port=0",
                    "--sandbox.hub-url=http://127.0.0.1:" + receiver.port(),
                    "--sandbox.shopify.demo.retry-base-ms=50",
                    "--sandbox.shopify.tiny.access-token=tiny-token",
                    "--sandbox.shopify.tiny.webhook-secret=tiny-secret",
                    "--sandbox.shopify.tiny.bucket-size=25",
                    "--sandbox.shopify.tiny.restore-rate=1",
                    "--sandbox.woocommerce.demo.delivery-delay-ms=300",
                    "--sandbox.jtl.short.client-id=short-client",
                    "--sandbox.jtl.short.client-secret=short-secret",
                    "--sandbox.jtl.short.refresh-token=short-refresh",
                    "--sandbox.jtl.short.access-token-ttl-seconds=1",
                    "--sandbox.jtl.short.chunk-size=2");
            instance = new SandboxServer(receiver, context);
        }
        return instance;
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {
        @SuppressWarnings("unchecked")
        public Map<String, Object> json() {
            try {
                return JSON.readValue(body, Map.class);
            } catch (IOException e) {
                throw new AssertionError("not a JSON object: " + body, e);
            }
        }

        public java.util.List<Object> jsonList() {
            try {
                return JSON.readValue(body, java.util.List.class);
            } catch (IOException e) {
                throw new AssertionError("not a JSON array: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    public Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The signature as the platform's documentation defines it, computed here independently. */
    public static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
