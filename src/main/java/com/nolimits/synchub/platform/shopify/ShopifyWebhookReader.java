package com.nolimits.synchub.platform.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.ingress.WebhookHeaders;
import com.nolimits.synchub.ingress.WebhookRejectedException;
import com.nolimits.synchub.ingress.WebhookRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Called by routes/shopify-webhooks.yaml: finds the channel by X-Shopify-Shop-Domain, verifies the
 * HMAC over the raw body and derives the dedup key (channel + topic + X-Shopify-Event-Id).
 */
@Component
public class ShopifyWebhookReader {

    static final Set<String> TOPICS = Set.of("products/create", "products/update", "products/delete",
            "inventory_levels/update");

    private final ClientDirectory directory;
    private final WebhookRequest request;
    private final ObjectMapper json;

    public ShopifyWebhookReader(ClientDirectory directory, WebhookRequest request, ObjectMapper json) {
        this.directory = directory;
        this.request = request;
        this.json = json;
    }

    public void read(Exchange exchange) {
        Message in = exchange.getIn();
        in.setHeader(WebhookHeaders.PLATFORM, "shopify");
        String pathTopic = in.getHeader("resource", String.class) + "/" + in.getHeader("action", String.class);
        String topic = in.getHeader("X-Shopify-Topic", pathTopic, String.class);
        if (!TOPICS.contains(topic)) {
            throw new WebhookRejectedException(404, "unknown Shopify topic '" + topic + "'");
        }
        byte[] body = request.rawBody(exchange);
        String domain = in.getHeader("X-Shopify-Shop-Domain", String.class);
        Channel channel = directory.byShopDomain(domain).orElseThrow(() ->
                new WebhookRejectedException(401, "unknown shop domain '" + domain + "'"));
        in.setHeader(WebhookHeaders.CHANNEL_ID, channel.id());
        request.verify(channel.settings().getWebhookSecret(), body, in.getHeader("X-Shopify-Hmac-Sha256", String.class), "Shopify");

        String eventId = in.getHeader("X-Shopify-Event-Id", String.class);
        if (eventId == null || eventId.isBlank()) { // older API versions: fall back to the delivery, then the content
            eventId = in.getHeader("X-Shopify-Webhook-Id", WebhookRequest.sha256(body), String.class);
        }
        in.setHeader(WebhookHeaders.CLIENT_ID, channel.clientId());
        in.setHeader(WebhookHeaders.TOPIC, topic);
        in.setHeader(WebhookHeaders.EVENT_ID, eventId);
        in.setHeader(WebhookHeaders.DEDUP_KEY, "shopify:" + channel.id() + ":" + topic + ":" + eventId);
        try {
            JsonNode node = json.readTree(body);
            JsonNode id = node.has("id") ? node.get("id") : node.get("inventory_item_id");
            in.setHeader(WebhookHeaders.RESOURCE_ID, id == null ? null : id.asText());
        } catch (Exception e) {
            in.setHeader(WebhookHeaders.INVALID, "the body is not valid JSON");
        }
        in.setBody(new String(body, StandardCharsets.UTF_8));
    }
}
