package com.nolimits.synchub.platform.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.ingress.SubscriptionRefusedException;
import com.nolimits.synchub.ingress.SubscriptionsApi;
import com.nolimits.synchub.ingress.WebhookSubscription;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.outbound.ChannelRateLimiter;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shopify's webhook subscriptions through the Admin GraphQL API (webhookSubscriptions,
 * webhookSubscriptionCreate/Update/Delete with {@code uri}, since 2025-10). Shopify signs what it sends
 * to API-made subscriptions with the app's client secret: the channel's webhook-secret.
 */
@Component
public class ShopifySubscriptionsApi implements SubscriptionsApi {

    private static final String PATH = "/api/integrations/webhooks/shopify-enhanced/";
    private static final Map<String, String> TOPICS = new LinkedHashMap<>();

    static {
        TOPICS.put("PRODUCTS_CREATE", PATH + "products/create");
        TOPICS.put("PRODUCTS_UPDATE", PATH + "products/update");
        TOPICS.put("PRODUCTS_DELETE", PATH + "products/delete");
        TOPICS.put("INVENTORY_LEVELS_UPDATE", PATH + "inventory_levels/update");
    }

    private static final String LIST = ShopifyDocuments.load("webhook-subscriptions");
    private static final String CREATE = ShopifyDocuments.load("webhook-subscription-create");
    private static final String UPDATE = ShopifyDocuments.load("webhook-subscription-update");
    private static final String DELETE = ShopifyDocuments.load("webhook-subscription-delete");

    private final ObjectMapper json;
    private final ChannelRateLimiter rateLimiter;

    public ShopifySubscriptionsApi(ObjectMapper json, ChannelRateLimiter rateLimiter) {
        this.json = json;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public Platform platform() {
        return Platform.SHOPIFY;
    }

    @Override
    public Map<String, String> topics() {
        return TOPICS;
    }

    @Override
    public void listRequest(Exchange exchange, Channel channel) throws Exception {
        rateLimiter.acquire(channel, 2 + 100); // a connection's requested cost counts its first: 100 subscriptions
        ShopifyAdminApi.prepare(exchange, json, channel, LIST, Map.of());
    }

    @Override
    public List<WebhookSubscription> listed(Exchange exchange) {
        List<WebhookSubscription> out = new ArrayList<>();
        for (JsonNode node : data(exchange, "webhookSubscriptions").path("webhookSubscriptions").path("nodes")) {
            out.add(subscription(node));
        }
        return out;
    }

    @Override
    public void createRequest(Exchange exchange, Channel channel, String topic, String address) throws Exception {
        rateLimiter.acquire(channel, 10);
        ShopifyAdminApi.prepare(exchange, json, channel, CREATE, Map.of("topic", topic,
                "subscription", Map.of("uri", address, "format", "JSON")));
    }

    @Override
    public void updateRequest(Exchange exchange, Channel channel, WebhookSubscription subscription, String address) throws Exception {
        rateLimiter.acquire(channel, 10);
        ShopifyAdminApi.prepare(exchange, json, channel, UPDATE, Map.of("id", subscription.id(),
                "subscription", Map.of("uri", address, "format", "JSON")));
    }

    @Override
    public void deleteRequest(Exchange exchange, Channel channel, WebhookSubscription subscription) throws Exception {
        rateLimiter.acquire(channel, 10);
        ShopifyAdminApi.prepare(exchange, json, channel, DELETE, Map.of("id", subscription.id()));
    }

    @Override
    public WebhookSubscription saved(Exchange exchange) {
        JsonNode data = data(exchange, "webhookSubscription mutation");
        JsonNode payload = data.has("webhookSubscriptionCreate") ? data.path("webhookSubscriptionCreate")
                : data.path("webhookSubscriptionUpdate");
        refusedIfUserErrors(payload);
        return subscription(payload.path("webhookSubscription"));
    }

    @Override
    public void deleted(Exchange exchange) {
        refusedIfUserErrors(data(exchange, "webhookSubscriptionDelete").path("webhookSubscriptionDelete"));
    }

    private static WebhookSubscription subscription(JsonNode node) {
        return new WebhookSubscription(node.path("id").asText(), node.path("topic").asText(), node.path("uri").asText(null), "active");
    }

    private static void refusedIfUserErrors(JsonNode payload) {
        List<String> messages = new ArrayList<>();
        payload.path("userErrors").forEach(e -> messages.add(e.path("message").asText()));
        if (!messages.isEmpty()) {
            throw new SubscriptionRefusedException("Shopify refused: " + String.join("; ", messages));
        }
    }

    private JsonNode data(Exchange exchange, String what) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        JsonNode answer;
        try {
            answer = json.readTree(body == null ? "" : body);
        } catch (Exception e) {
            answer = null;
        }
        ShopifyAdminApi.observeCost(rateLimiter, exchange, answer);
        if (status != 200 || answer == null || answer.path("errors").size() > 0 || !answer.has("data")) {
            throw new SubscriptionRefusedException("Shopify answered " + what + " with " + status + ": "
                    + (answer == null ? "a body that is not JSON" : ShopifyGraphqlErrors.brief(body)));
        }
        return answer.path("data");
    }
}
