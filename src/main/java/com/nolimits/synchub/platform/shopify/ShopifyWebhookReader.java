package com.nolimits.synchub.platform.shopify;

import com.nolimits.synchub.channel.SyncProperties;
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
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Called by routes/shopify-webhooks.camel.yaml: finds the channel by X-Shopify-Shop-Domain, verifies the
 * HMAC over the raw body, checks that the body has the shape of its topic, derives the dedup key
 * (channel + topic + X-Shopify-Event-Id) and marks deliveries older than sync.webhooks.max-age.
 */
@Component
public class ShopifyWebhookReader {

    static final Set<String> TOPICS = Set.of("products/create", "products/update", "products/delete",
            "inventory_levels/update");

    private final ClientDirectory directory;
    private final WebhookRequest request;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration maxAge;

    public ShopifyWebhookReader(ClientDirectory directory, WebhookRequest request, ObjectMapper json, Clock clock,
                                SyncProperties properties) {
        this.directory = directory;
        this.request = request;
        this.json = json;
        this.clock = clock;
        this.maxAge = properties.getWebhooks().getMaxAge();
    }

    public void read(Exchange exchange) {
        Message in = exchange.getIn();
        in.setHeader(ExchangeKeys.PLATFORM, "shopify");
        String pathTopic = in.getHeader("resource", String.class) + "/" + in.getHeader("action", String.class);
        String topic = in.getHeader("X-Shopify-Topic", pathTopic, String.class);
        if (!TOPICS.contains(topic)) {
            throw new WebhookRejectedException(404, "unknown Shopify topic '" + topic + "'");
        }
        byte[] body = request.rawBody(exchange);
        String domain = in.getHeader("X-Shopify-Shop-Domain", String.class);
        Channel channel = directory.byShopDomain(domain).orElseThrow(() ->
                new WebhookRejectedException(401, "unknown shop domain '" + domain + "'"));
        in.setHeader(ExchangeKeys.CHANNEL_ID, channel.id());
        request.verify(channel.settings().getWebhookSecret(), body, in.getHeader("X-Shopify-Hmac-Sha256", String.class), "Shopify");

        String eventId = in.getHeader("X-Shopify-Event-Id", String.class);
        if (eventId == null || eventId.isBlank()) { // older API versions: fall back to the delivery, then the content
            eventId = in.getHeader("X-Shopify-Webhook-Id", WebhookRequest.sha256(body), String.class);
        }
        in.setHeader(ExchangeKeys.CLIENT_ID, channel.clientId());
        in.setHeader(ExchangeKeys.TOPIC, topic);
        in.setHeader(ExchangeKeys.EVENT_ID, eventId);
        in.setHeader(ExchangeKeys.DEDUP_KEY, WebhookRequest.dedupKey("shopify:" + channel.id() + ":" + topic + ":" + eventId));
        JsonNode node = null;
        try {
            node = json.readTree(body);
        } catch (Exception e) {
            in.setHeader(ExchangeKeys.INVALID, "the body is not valid JSON");
        }
        if (node != null) {
            requireShapeOf(topic, node);
            JsonNode id = node.has("id") ? node.get("id") : node.get("inventory_item_id");
            in.setHeader(ExchangeKeys.RESOURCE_ID, id == null ? null : id.asText());
        }
        in.setHeader(ExchangeKeys.TOO_OLD, tooOld(in.getHeader("X-Shopify-Triggered-At", String.class)));
        in.setBody(new String(body, StandardCharsets.UTF_8));
    }

    /**
     * The signature covers the body, not the topic header: a captured products/update body re-sent as
     * products/delete is signed all the same. A body must have the shape of its topic (400 otherwise).
     */
    static void requireShapeOf(String topic, JsonNode body) {
        boolean product = body.isObject() && body.hasNonNull("id") && (body.has("title") || body.has("variants"));
        boolean deleted = body.isObject() && body.hasNonNull("id") && !body.has("title") && !body.has("variants");
        boolean ok = switch (topic) {
            case "products/delete" -> deleted;
            case "inventory_levels/update" -> body.isObject() && body.hasNonNull("inventory_item_id");
            default -> product;
        };
        if (!ok) {
            throw new WebhookRejectedException(400, "the body does not have the shape of a Shopify " + topic + " webhook");
        }
    }

    /** Past Shopify's retries (4 hours) by far: a delivery this old is a replay, not news. */
    private boolean tooOld(String triggeredAt) {
        if (triggeredAt == null || triggeredAt.isBlank()) {
            return false;
        }
        try {
            return OffsetDateTime.parse(triggeredAt.trim()).toInstant().isBefore(clock.instant().minus(maxAge));
        } catch (DateTimeParseException e) {
            throw new WebhookRejectedException(400, "X-Shopify-Triggered-At is not a date-time: " + triggeredAt);
        }
    }
}
