package com.nolimits.synchub.platform.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.ingress.WebhookRejectedException;
import com.nolimits.synchub.ingress.WebhookRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Called by routes/woocommerce-webhooks.camel.yaml: answers WooCommerce's unsigned ping, finds the channel
 * by X-WC-Webhook-Source, verifies the HMAC over the raw body and derives the dedup key (channel +
 * webhook id + resource id + date_modified_gmt + body hash: WooCommerce has no stable delivery id).
 */
@Component
public class WooWebhookReader {

    static final Set<String> TOPICS = Set.of("product.created", "product.updated", "product.deleted", "product.restored");
    private static final Pattern PING = Pattern.compile("webhook_id=\\d+");

    private final ClientDirectory directory;
    private final WebhookRequest request;
    private final ObjectMapper json;

    public WooWebhookReader(ClientDirectory directory, WebhookRequest request, ObjectMapper json) {
        this.directory = directory;
        this.request = request;
        this.json = json;
    }

    public void read(Exchange exchange) {
        Message in = exchange.getIn();
        in.setHeader(ExchangeKeys.PLATFORM, "woocommerce");
        byte[] body = request.rawBody(exchange);
        String signature = in.getHeader("X-WC-Webhook-Signature", String.class);
        // a form body may already have been read into parameters, which Camel maps to headers
        boolean pingBody = PING.matcher(new String(body, StandardCharsets.UTF_8).trim()).matches()
                || (body.length == 0 && in.getHeader("webhook_id") != null);
        if (signature == null && in.getHeader("X-WC-Webhook-Source") == null && pingBody) {
            in.setHeader(ExchangeKeys.PING, true);
            return;
        }
        String topic = in.getHeader("X-WC-Webhook-Topic", in.getHeader("topic", String.class), String.class);
        if (!TOPICS.contains(topic)) {
            throw new WebhookRejectedException(404, "unknown WooCommerce topic '" + topic + "'");
        }
        String source = in.getHeader("X-WC-Webhook-Source", String.class);
        Channel channel = directory.bySourceUrl(source).orElseThrow(() ->
                new WebhookRejectedException(401, "unknown webhook source '" + source + "'"));
        in.setHeader(ExchangeKeys.CHANNEL_ID, channel.id());
        request.verify(channel.settings().getWebhookSecret(), body, signature, "WooCommerce");

        String webhookId = in.getHeader("X-WC-Webhook-ID", "0", String.class);
        String deliveryId = in.getHeader("X-WC-Webhook-Delivery-ID", String.class);
        String resourceId = null;
        String version;
        try {
            JsonNode node = json.readTree(body);
            requireShapeOf(topic, node);
            resourceId = node.path("id").asText(null);
            // the modification time has whole seconds and a delivery shows the product as it is when it is sent,
            // so two edits in one second arrive as two bodies with one time: the body's hash tells them apart.
            // A delete has no modification date: the delivery itself is the event.
            version = node.hasNonNull("date_modified_gmt")
                    ? node.get("date_modified_gmt").asText() + ":" + WebhookRequest.sha256(body)
                    : topic + ":" + (deliveryId == null ? WebhookRequest.sha256(body) : deliveryId);
        } catch (java.io.IOException e) {
            in.setHeader(ExchangeKeys.INVALID, "the body is not valid JSON");
            version = WebhookRequest.sha256(body);
        }
        in.setHeader(ExchangeKeys.CLIENT_ID, channel.clientId());
        in.setHeader(ExchangeKeys.TOPIC, topic);
        in.setHeader(ExchangeKeys.EVENT_ID, deliveryId);
        in.setHeader(ExchangeKeys.RESOURCE_ID, resourceId);
        in.setHeader(ExchangeKeys.DEDUP_KEY, WebhookRequest.dedupKey("woocommerce:" + channel.id() + ":" + webhookId + ":" + resourceId + ":" + version));
        in.setBody(new String(body, StandardCharsets.UTF_8));
    }

    /**
     * The signature covers the body, not the topic header: a captured product.updated body re-sent as
     * product.deleted is signed all the same. A body must have the shape of its topic (400 otherwise).
     */
    static void requireShapeOf(String topic, JsonNode body) {
        boolean hasId = body.isObject() && body.hasNonNull("id");
        boolean product = hasId && (body.has("date_modified_gmt") || body.has("name"));
        boolean ok = topic.equals("product.deleted") ? hasId && !product && !body.has("type") : product;
        if (!ok) {
            throw new WebhookRejectedException(400, "the body does not have the shape of a WooCommerce " + topic + " webhook");
        }
    }
}
