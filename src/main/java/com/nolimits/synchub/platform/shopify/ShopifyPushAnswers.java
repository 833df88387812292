package com.nolimits.synchub.platform.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.outbound.ChannelRateLimiter;
import com.nolimits.synchub.outbound.Push;
import com.nolimits.synchub.outbound.PushFailedException;
import com.nolimits.synchub.platform.shopify.ShopifyCalls.Call;
import com.nolimits.synchub.store.LinkStore;
import com.nolimits.synchub.store.PushRecordStore;
import com.nolimits.synchub.store.SyncLogStore;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recording steps of routes/push-shopify.camel.yaml: each call's answer read (userErrors fail the job;
 * THROTTLED is retried once the cost bucket has refilled, and every answer's throttleStatus corrects the
 * bucket), the ids and quantities Shopify gave kept in the link, what the shop holds now recorded for echo
 * detection, and at the end the push written to the product's sync log.
 */
@Component
public class ShopifyPushAnswers {

    private static final Logger log = LoggerFactory.getLogger(ShopifyPushAnswers.class);

    private final ObjectMapper json;
    private final ChannelRateLimiter rateLimiter;
    private final LinkStore links;
    private final PushRecordStore pushes;
    private final SyncLogStore logs;
    private final Clock clock;

    public ShopifyPushAnswers(ObjectMapper json, ChannelRateLimiter rateLimiter, LinkStore links, PushRecordStore pushes,
                              SyncLogStore logs, Clock clock) {
        this.json = json;
        this.rateLimiter = rateLimiter;
        this.links = links;
        this.pushes = pushes;
        this.logs = logs;
        this.clock = clock;
    }

    /** Reads the answer of the call just made: failures become exceptions, ids and quantities are kept. */
    public void handle(Exchange exchange) {
        Push push = exchange.getProperty(Push.PROPERTY, Push.class);
        ShopifyCalls calls = exchange.getProperty(ShopifyCalls.PROPERTY, ShopifyCalls.class);
        JsonNode answer = answer(exchange, push.channel());
        JsonNode data = answer.path("data");
        switch (calls.current) {
            case CREATE -> created(push, calls, payload(data, "productSet"));
            case PRODUCT -> {
                calls.seen(time(payload(data, "productSet").path("product").path("updatedAt")));
                calls.taken(ShopifyPushPlan.PRODUCT_FIELDS);
            }
            case VARIANT -> {
                payload(data, "productVariantsBulkUpdate").path("productVariants")
                        .forEach(v -> calls.seen(time(v.path("updatedAt"))));
                calls.taken(ShopifyPushPlan.VARIANT_FIELDS);
            }
            case STOCK -> stockSet(push, calls, data.path("inventorySetQuantities"));
            default -> stockRead(push, calls, data.path("inventoryItem"));
        }
        if (calls.recordId != null) { // what the shop holds now because of this push, and its version
            pushes.finish(calls.recordId, push.product().id(), push.channel().id(), calls.pushed, calls.version);
            calls.recordId = null;
        }
    }

    /** After the last call: the sync log (each call recorded its push for echo detection). */
    public void record(Exchange exchange) {
        Push push = exchange.getProperty(Push.PROPERTY, Push.class);
        ShopifyCalls calls = exchange.getProperty(ShopifyCalls.PROPERTY, ShopifyCalls.class);
        if (calls.pushed.isEmpty()) {
            return; // nothing sent
        }
        Map<String, Object> values = new LinkedHashMap<>();
        calls.pushed.forEach((field, value) -> values.put(field.key(), value));
        logs.append(List.of(SyncLogStore.Entry.of(push.product().id(), push.job().clientId(), "push", Origin.valueOf(push.job().triggerOrigin()))
                .to("shopify", push.channel().id()).fields(push.job().fields()).after(values)
                .note((push.creates() ? "created" : "updated") + " Shopify variant " + calls.variantId)));
    }

    private void created(Push push, ShopifyCalls calls, JsonNode payload) {
        JsonNode product = payload.path("product");
        JsonNode variant = product.path("variants").path("nodes").path(0);
        if (variant.isMissingNode()) {
            throw new PushFailedException(true, "Shopify created the product but returned no variant", 0);
        }
        calls.productId = ShopifyInputs.id(product.path("id"));
        calls.variantId = ShopifyInputs.id(variant.path("id"));
        calls.inventoryItemId = ShopifyInputs.id(variant.path("inventoryItem").path("id"));
        // what the create set at the channel's location (the variant's inventoryQuantity sums all locations)
        calls.lastSeenQuantity = ((Number) push.product().snapshot().value(ProductField.AVAILABLE)).intValue();
        links.upsert(push.product().id(), push.channel().id(), calls.variantId, calls.productId, calls.inventoryItemId,
                Map.of(LinkStore.LAST_SEEN_QUANTITY, calls.lastSeenQuantity));
        calls.seen(time(product.path("updatedAt")));
        calls.pushed.putAll(calls.planned);
    }

    private void stockSet(Push push, ShopifyCalls calls, JsonNode payload) {
        JsonNode errors = payload.path("userErrors");
        if (errors.size() == 1 && ShopifyGraphqlErrors.STALE.equals(errors.get(0).path("code").asText())) {
            if (++calls.staleAnswers > 2) {
                throw new PushFailedException(true, "Shopify stock keeps moving (CHANGE_FROM_QUANTITY_STALE)", 0);
            }
            calls.add(Call.READ_STOCK);
            return;
        }
        ShopifyGraphqlErrors.failOnUserErrors("inventorySetQuantities", errors);
        JsonNode change = payload.path("inventoryAdjustmentGroup").path("changes").path(0);
        int after = change.path("quantityAfterChange").asInt(((Number) push.product().snapshot().value(ProductField.AVAILABLE)).intValue());
        seenQuantity(push, calls, after);
        calls.pushed.put(ProductField.AVAILABLE, after);
        calls.seen(clock.instant()); // the shop's inventory webhook carries the time of the change, before now
    }

    /**
     * The shop's stock moved since the hub last saw it: keep the figure just read, and set the hub's
     * only if it is news. A correction (the shop reported more than the hub has) never raises the
     * shop's stock: if a sale has since brought it down to or below the hub's figure, leave it.
     */
    private void stockRead(Push push, ShopifyCalls calls, JsonNode item) {
        if (item.isNull() || item.isMissingNode()) {
            throw PushFailedException.permanent("Shopify no longer has inventory item " + calls.inventoryItemId);
        }
        int shop = 0; // not stocked at the location yet
        for (JsonNode quantity : item.path("inventoryLevel").path("quantities")) {
            if ("available".equals(quantity.path("name").asText())) {
                shop = quantity.path("quantity").asInt();
            }
        }
        seenQuantity(push, calls, shop);
        int hub = ((Number) push.product().snapshot().value(ProductField.AVAILABLE)).intValue();
        boolean news = shop != hub && !(push.job().correction() && shop < hub);
        log.info("Shopify stock of product {} on {} moved to {} since last seen; hub has {}: {}", push.product().id(),
                push.channel().id(), shop, hub, news ? "setting it again" : "leaving it");
        if (news) {
            calls.add(Call.STOCK);
        }
    }

    private void seenQuantity(Push push, ShopifyCalls calls, int quantity) {
        calls.lastSeenQuantity = quantity;
        links.putPlatformData(push.product().id(), push.channel().id(), Map.of(LinkStore.LAST_SEEN_QUANTITY, quantity));
    }

    private JsonNode answer(Exchange exchange, Channel channel) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        if (!PushFailedException.isSuccess(status)) {
            throw PushFailedException.forStatus("Shopify", status,
                    exchange.getMessage().getHeader("Retry-After", String.class), ShopifyGraphqlErrors.brief(body));
        }
        JsonNode answer;
        try {
            answer = json.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw new PushFailedException(true, "Shopify answered with a body that is not JSON", 0);
        }
        JsonNode throttle = answer.path("extensions").path("cost").path("throttleStatus");
        if (throttle.has("currentlyAvailable")) {
            rateLimiter.observe(channel, throttle.path("currentlyAvailable").asDouble());
        }
        ShopifyGraphqlErrors.failOnErrors(answer);
        return answer;
    }

    private static JsonNode payload(JsonNode data, String mutation) {
        JsonNode payload = data.path(mutation);
        ShopifyGraphqlErrors.failOnUserErrors(mutation, payload.path("userErrors"));
        return payload;
    }

    private static Instant time(JsonNode node) {
        return node.isTextual() ? java.time.OffsetDateTime.parse(node.asText()).toInstant() : null;
    }
}
