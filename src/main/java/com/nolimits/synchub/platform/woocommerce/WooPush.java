package com.nolimits.synchub.platform.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.channel.ChannelSettings;
import com.nolimits.synchub.ingress.InboundEvent;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.merge.ProductSnapshot;
import com.nolimits.synchub.outbound.Push;
import com.nolimits.synchub.outbound.PushFailedException;
import com.nolimits.synchub.store.LinkStore;
import com.nolimits.synchub.store.PushRecordStore;
import com.nolimits.synchub.store.SyncLogStore;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Called by routes/push-woocommerce.camel.yaml: builds the REST v3 request from the product's current state
 * (POST /products to create, PUT /products/{id} to update) and records the answer: the link, the push
 * record for echo detection and the sync log. Prices follow docs/platforms.md: a compare-at price above the
 * price makes the price a sale price; no sale clears sale_price with "".
 */
@Component
public class WooPush {

    static final String PUSHED = ExchangeKeys.PUSHED_VALUES;
    static final String PUSH_RECORD = ExchangeKeys.PUSH_RECORD_ID;

    /** The hub fields each body key carries (the price pair is one: a sale price depends on both). */
    private static final Map<String, Set<ProductField>> SENT_WITH = Map.of(
            "name", Set.of(ProductField.NAME),
            "description", Set.of(ProductField.DESCRIPTION),
            "status", Set.of(ProductField.IS_ACTIVE),
            "regular_price", Set.of(ProductField.PRICE, ProductField.COMPARE_AT_PRICE),
            "sale_price", Set.of(ProductField.PRICE, ProductField.COMPARE_AT_PRICE),
            "tax_status", Set.of(ProductField.TAXABLE),
            "tags", Set.of(ProductField.TAGS),
            "categories", Set.of(ProductField.CATEGORIES),
            "images", Set.of(ProductField.IMAGES, ProductField.IMAGE_URL));

    private final ObjectMapper json;
    private final WooPayloadMapper mapper;
    private final LinkStore links;
    private final PushRecordStore pushes;
    private final SyncLogStore logs;

    public WooPush(ObjectMapper json, WooPayloadMapper mapper, LinkStore links, PushRecordStore pushes, SyncLogStore logs) {
        this.json = json;
        this.mapper = mapper;
        this.links = links;
        this.pushes = pushes;
        this.logs = logs;
    }

    public void prepare(Exchange exchange) throws Exception {
        Push push = exchange.getProperty(Push.PROPERTY, Push.class);
        ChannelSettings channel = push.channel().settings();
        Map<String, Object> body = body(push);
        String base = productsUrl(channel);
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, push.creates() ? "POST" : "PUT");
        exchange.getIn().setHeader(Exchange.HTTP_URI, push.creates() ? base : base + "/" + push.link().orElseThrow().externalId());
        setJsonHeaders(exchange, channel);
        Map<ProductField, Object> pushed = echoValues(body);
        exchange.setProperty(PUSHED, pushed);
        exchange.setProperty(PUSH_RECORD, pushes.begin(push.product().id(), push.channel().id(), pushed));
        exchange.getIn().setBody(json.writeValueAsString(body));
    }

    static String productsUrl(ChannelSettings channel) {
        return channel.getBaseUrl().replaceAll("/+$", "") + "/wp-json/wc/v3/products";
    }

    /** JSON in and out, and the channel's REST API keys as WooCommerce takes them (set method and address first). */
    static void setJsonHeaders(Exchange exchange, ChannelSettings channel) {
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getIn().setHeader("Accept", "application/json");
        WooAuthentication.authenticate(exchange, channel);
    }

    /**
     * The product as WooCommerce receives it, from the hub's current state: a new product with all the fields
     * docs/architecture.md gives WooCommerce ("What each platform receives"), an update with those of them the job names.
     */
    Map<String, Object> body(Push push) {
        ProductSnapshot p = push.product().snapshot();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", text(p.value(ProductField.NAME)));
        body.put("description", text(p.value(ProductField.DESCRIPTION)));
        body.put("status", Boolean.TRUE.equals(p.value(ProductField.IS_ACTIVE)) ? "publish" : "draft");
        BigDecimal price = (BigDecimal) p.value(ProductField.PRICE);
        BigDecimal compareAt = (BigDecimal) p.value(ProductField.COMPARE_AT_PRICE);
        boolean onSale = price != null && compareAt != null && compareAt.compareTo(price) > 0;
        body.put("regular_price", onSale ? compareAt.toPlainString() : price == null ? "" : price.toPlainString());
        body.put("sale_price", onSale ? price.toPlainString() : "");
        body.put("tax_status", Boolean.TRUE.equals(p.value(ProductField.TAXABLE)) ? "taxable" : "none");
        body.put("tags", names(p.value(ProductField.TAGS)));
        body.put("categories", names(p.value(ProductField.CATEGORIES)));
        body.put("images", images(p));
        if (push.creates()) {
            Object sku = p.value(ProductField.SKU);
            if (sku != null) {
                body.put("sku", sku);
            }
            if (p.value(ProductField.GTIN) != null) {
                body.put("global_unique_id", p.value(ProductField.GTIN));
            }
        }
        if (push.creates() || push.changed().contains(ProductField.AVAILABLE)) { // stock only when it changed
            body.put("manage_stock", true);
            body.put("stock_quantity", p.value(ProductField.AVAILABLE));
        }
        if (!push.creates()) {
            // an update sends only what changed: a whole product would overwrite a merchant's edit of another
            // field made since the hub last heard from the shop, and WooCommerce's webhook (built when it is
            // delivered) would then report the hub's value back, so the edit would be lost without a trace
            body.keySet().removeIf(key -> SENT_WITH.containsKey(key)
                    && SENT_WITH.get(key).stream().noneMatch(push.changed()::contains));
        }
        return body;
    }


    /** The pushed values as WooCommerce's echo webhook will show them: the body read back by the inbound mapper. */
    Map<ProductField, Object> echoValues(Map<String, Object> body) {
        Map<String, Object> asEcho = new LinkedHashMap<>(body);
        asEcho.put("id", 0);
        asEcho.put("type", "simple");
        asEcho.put("date_modified_gmt", LocalDateTime.now(ZoneOffset.UTC).withNano(0).toString());
        InboundEvent.ProductChanged read = (InboundEvent.ProductChanged) mapper.map("product.updated", write(asEcho));
        return read.items().get(0).fields();
    }

    public void handle(Exchange exchange) {
        Push push = exchange.getProperty(Push.PROPERTY, Push.class);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String answer = exchange.getMessage().getBody(String.class);
        if (!PushFailedException.isSuccess(status)) {
            throw PushFailedException.forStatus("WooCommerce", status,
                    exchange.getMessage().getHeader("Retry-After", String.class), message(answer));
        }
        @SuppressWarnings("unchecked")
        Map<ProductField, Object> pushed = exchange.getProperty(PUSHED, Map.class);
        recordPushed(push, read(answer), pushed, exchange.getProperty(PUSH_RECORD, Long.class));
    }

    /** Records WooCommerce's answer for one pushed product: the link, the push (echo detection) and the sync log. */
    void recordPushed(Push push, JsonNode product, Map<ProductField, Object> pushed, long pushRecordId) {
        String id = product.path("id").asText();
        long parent = product.path("parent_id").asLong(0);
        links.upsert(push.product().id(), push.channel().id(), id, parent > 0 ? String.valueOf(parent) : id, null,
                Map.of("type", product.path("type").asText("simple")));
        String modified = product.path("date_modified_gmt").asText(null);
        pushes.finish(pushRecordId, push.product().id(), push.channel().id(), pushed,
                modified == null ? null : LocalDateTime.parse(modified).toInstant(ZoneOffset.UTC));
        Map<String, Object> values = new LinkedHashMap<>();
        pushed.forEach((field, value) -> values.put(field.key(), value));
        logs.append(List.of(SyncLogStore.Entry.of(push.product().id(), push.job().clientId(), "push",
                        com.nolimits.synchub.merge.Origin.valueOf(push.job().triggerOrigin()))
                .to(Platform.WOOCOMMERCE.name().toLowerCase(), push.channel().id()).fields(push.job().fields()).after(values)
                .note((push.creates() ? "created" : "updated") + " WooCommerce product " + id)));
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static List<Map<String, Object>> names(Object values) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object name : (List<?>) values) {
            out.add(Map.of("name", name));
        }
        return out;
    }

    private static List<Map<String, Object>> images(ProductSnapshot p) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<?> images = (List<?>) p.value(ProductField.IMAGES);
        if (images.isEmpty() && p.value(ProductField.IMAGE_URL) != null) {
            out.add(Map.of("src", p.value(ProductField.IMAGE_URL)));
        }
        images.forEach(src -> out.add(Map.of("src", src)));
        return out;
    }

    JsonNode read(String answer) {
        try {
            return json.readTree(answer == null ? "{}" : answer);
        } catch (Exception e) {
            throw new PushFailedException(true, "WooCommerce answered with a body that is not JSON", 0);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String message(String answer) {
        try {
            JsonNode node = json.readTree(answer);
            return node.path("message").asText(answer);
        } catch (Exception e) {
            return answer == null ? "" : answer.length() > 300 ? answer.substring(0, 300) : answer;
        }
    }
}
