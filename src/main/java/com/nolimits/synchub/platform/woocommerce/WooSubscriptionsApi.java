package com.nolimits.synchub.platform.woocommerce;

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
 * WooCommerce's webhooks through the REST API (/wp-json/wc/v3/webhooks): created active with the
 * channel's webhook-secret (WooCommerce pings the address first), set active again after WooCommerce
 * disabled them, deleted with force=true (webhooks have no bin). Besides the three product topics the
 * hub takes product.restored: a product taken out of the bin is active again everywhere.
 */
@Component
public class WooSubscriptionsApi implements SubscriptionsApi {

    private static final String PATH = "/api/integrations/webhooks/woocommerce-enhanced/";
    private static final Map<String, String> TOPICS = new LinkedHashMap<>();

    static {
        for (String topic : List.of("product.created", "product.updated", "product.deleted", "product.restored")) {
            TOPICS.put(topic, PATH + topic);
        }
    }

    private final ObjectMapper json;
    private final ChannelRateLimiter rateLimiter;

    public WooSubscriptionsApi(ObjectMapper json, ChannelRateLimiter rateLimiter) {
        this.json = json;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public Platform platform() {
        return Platform.WOOCOMMERCE;
    }

    @Override
    public Map<String, String> topics() {
        return TOPICS;
    }

    @Override
    public void listRequest(Exchange exchange, Channel channel) throws Exception {
        prepare(exchange, channel, "GET", webhooksUrl(channel) + "?per_page=100", null);
    }

    @Override
    public List<WebhookSubscription> listed(Exchange exchange) {
        List<WebhookSubscription> out = new ArrayList<>();
        for (JsonNode webhook : answer(exchange, "listing webhooks")) {
            out.add(subscription(webhook));
        }
        return out;
    }

    @Override
    public void createRequest(Exchange exchange, Channel channel, String topic, String address) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Product sync hub: " + topic);
        body.put("topic", topic);
        body.put("delivery_url", address);
        body.put("secret", channel.settings().getWebhookSecret());
        body.put("status", "active");
        prepare(exchange, channel, "POST", webhooksUrl(channel), body);
    }

    @Override
    public void updateRequest(Exchange exchange, Channel channel, WebhookSubscription subscription, String address) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("delivery_url", address);
        body.put("secret", channel.settings().getWebhookSecret());
        body.put("status", "active");
        prepare(exchange, channel, "PUT", webhooksUrl(channel) + "/" + subscription.id(), body);
    }

    @Override
    public void deleteRequest(Exchange exchange, Channel channel, WebhookSubscription subscription) throws Exception {
        prepare(exchange, channel, "DELETE", webhooksUrl(channel) + "/" + subscription.id() + "?force=true", null);
    }

    @Override
    public WebhookSubscription saved(Exchange exchange) {
        return subscription(answer(exchange, "saving a webhook"));
    }

    @Override
    public void deleted(Exchange exchange) {
        answer(exchange, "deleting a webhook");
    }

    private void prepare(Exchange exchange, Channel channel, String method, String url, Object body) throws Exception {
        rateLimiter.acquire(channel, 1);
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, method);
        exchange.getIn().setHeader(Exchange.HTTP_URI, url);
        WooPush.setJsonHeaders(exchange, channel.settings());
        exchange.getIn().setBody(body == null ? null : json.writeValueAsString(body));
    }

    private static String webhooksUrl(Channel channel) {
        return channel.settings().getBaseUrl().replaceAll("/+$", "") + "/wp-json/wc/v3/webhooks";
    }

    private static WebhookSubscription subscription(JsonNode webhook) {
        return new WebhookSubscription(webhook.path("id").asText(), webhook.path("topic").asText(),
                webhook.path("delivery_url").asText(null), webhook.path("status").asText());
    }

    /** The answer's JSON when 2xx; otherwise WooCommerce's code and message. */
    private JsonNode answer(Exchange exchange, String what) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        JsonNode answer;
        try {
            answer = json.readTree(body == null ? "" : body);
        } catch (Exception e) {
            answer = null;
        }
        if (status < 200 || status > 299 || answer == null) {
            String words = answer == null ? "a body that is not JSON"
                    : answer.path("code").asText("") + ": " + answer.path("message").asText("");
            throw new SubscriptionRefusedException("WooCommerce answered " + what + " with " + status + " (" + words + ")");
        }
        return answer;
    }
}
