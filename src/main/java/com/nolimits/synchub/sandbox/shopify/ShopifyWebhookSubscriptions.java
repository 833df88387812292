package com.nolimits.synchub.sandbox.shopify;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Admin API's webhook subscriptions of the app: webhookSubscriptions, webhookSubscriptionCreate,
 * webhookSubscriptionUpdate, webhookSubscriptionDelete. Subscriptions made in the shop's admin are not
 * listed, as in Shopify. Addresses must be https (the sandbox also takes http on the loopback host).
 */
final class ShopifyWebhookSubscriptions {

    private ShopifyWebhookSubscriptions() {
    }

    static Map<String, Object> list(ShopifyShop shop, int first) {
        if (first < 1 || first > 250) {
            throw new ShopifyGraphql.GraphqlError("first must be between 1 and 250");
        }
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (ShopifyShop.Subscription s : shop.subscriptions) {
            if (!s.madeInAdmin && nodes.size() < first) {
                nodes.add(view(s));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("nodes", nodes);
        out.put("pageInfo", Map.of("hasNextPage", apiSubscriptions(shop) > nodes.size()));
        return out;
    }

    static Map<String, Object> create(ShopifyShop shop, String topic, Map<String, Object> input) {
        if (topic == null || !topic.matches("[A-Z][A-Z0-9_]*")) {
            return ShopifyGraphql.payload("webhookSubscription", null, List.of(
                    ShopifyGraphql.error(List.of("topic"), "Topic is invalid", "INVALID")));
        }
        String uri = uri(input);
        String problem = addressProblem(uri);
        if (problem == null && shop.subscriptions.stream().anyMatch(s -> !s.madeInAdmin && s.topic.equals(topic) && s.uri.equals(uri))) {
            problem = "Address for this topic has already been taken";
        }
        if (problem != null) {
            return ShopifyGraphql.payload("webhookSubscription", null, List.of(
                    ShopifyGraphql.error(List.of("webhookSubscription", "uri"), problem, "INVALID")));
        }
        ShopifyShop.Subscription subscription = new ShopifyShop.Subscription(shop.nextId(), false, topic, uri);
        shop.subscriptions.add(subscription);
        return ShopifyGraphql.payload("webhookSubscription", view(subscription), List.of());
    }

    static Map<String, Object> update(ShopifyShop shop, Object id, Map<String, Object> input) {
        ShopifyShop.Subscription subscription = find(shop, id);
        if (subscription == null) {
            return ShopifyGraphql.payload("webhookSubscription", null, List.of(
                    ShopifyGraphql.error(List.of("id"), "Webhook subscription does not exist", "NOT_FOUND")));
        }
        if (input.containsKey("uri") || input.containsKey("callbackUrl")) {
            String uri = uri(input);
            String problem = addressProblem(uri);
            if (problem != null) {
                return ShopifyGraphql.payload("webhookSubscription", null, List.of(
                        ShopifyGraphql.error(List.of("webhookSubscription", "uri"), problem, "INVALID")));
            }
            subscription.uri = uri;
        }
        subscription.updatedAt = ShopifyShop.now();
        subscription.failedInARow.set(0);
        return ShopifyGraphql.payload("webhookSubscription", view(subscription), List.of());
    }

    static Map<String, Object> delete(ShopifyShop shop, Object id) {
        ShopifyShop.Subscription subscription = find(shop, id);
        Map<String, Object> out = new LinkedHashMap<>();
        if (subscription == null) {
            out.put("deletedWebhookSubscriptionId", null);
            out.put("userErrors", List.of(ShopifyGraphql.error(List.of("id"), "Webhook subscription does not exist", "NOT_FOUND")));
            return out;
        }
        shop.subscriptions.remove(subscription);
        out.put("deletedWebhookSubscriptionId", ShopifyJson.gid("WebhookSubscription", subscription.id));
        out.put("userErrors", List.of());
        return out;
    }

    private static ShopifyShop.Subscription find(ShopifyShop shop, Object id) {
        Long wanted = ShopifyJson.idOf(id);
        return shop.subscriptions.stream().filter(s -> !s.madeInAdmin && wanted != null && s.id == wanted).findFirst().orElse(null);
    }

    private static long apiSubscriptions(ShopifyShop shop) {
        return shop.subscriptions.stream().filter(s -> !s.madeInAdmin).count();
    }

    /** uri since 2025-10; callbackUrl (deprecated) is still read. */
    private static String uri(Map<String, Object> input) {
        Object uri = input.containsKey("uri") ? input.get("uri") : input.get("callbackUrl");
        return uri == null ? null : uri.toString();
    }

    private static String addressProblem(String uri) {
        if (uri == null || uri.isBlank()) {
            return "Address can't be blank";
        }
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException e) {
            return "Address is invalid";
        }
        String host = parsed.getHost() == null ? "" : parsed.getHost();
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
        if (!"https".equals(parsed.getScheme()) && !("http".equals(parsed.getScheme()) && loopback)) {
            return "Address protocol " + parsed.getScheme() + ":// is not supported";
        }
        return null;
    }

    private static Map<String, Object> view(ShopifyShop.Subscription s) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", ShopifyJson.gid("WebhookSubscription", s.id));
        view.put("topic", s.topic);
        view.put("uri", s.uri);
        view.put("format", "JSON");
        view.put("createdAt", s.createdAt.toString());
        view.put("updatedAt", s.updatedAt.toString());
        return view;
    }
}
