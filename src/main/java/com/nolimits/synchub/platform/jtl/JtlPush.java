package com.nolimits.synchub.platform.jtl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.merge.ProductSnapshot;
import com.nolimits.synchub.outbound.Push;
import com.nolimits.synchub.outbound.PushFailedException;
import com.nolimits.synchub.store.LinkStore;
import com.nolimits.synchub.store.PushRecordStore;
import com.nolimits.synchub.store.SyncLogStore;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Called by routes/push-jtl.camel.yaml: the product's warehouse data as a JTL-FFN merchant product
 * (POST /v1/merchant/products to create, PATCH /v1/merchant/products/{jfsku} after), dimensions
 * converted from the hub's centimetres to JTL's metres; then the jfsku kept in the link and product.
 */
@Component
public class JtlPush {

    private static final String PUSHED = ExchangeKeys.PUSHED_VALUES;
    private static final String PUSH_RECORD = ExchangeKeys.PUSH_RECORD_ID;
    private static final BigDecimal CM_PER_M = new BigDecimal("100");

    private final ObjectMapper json;
    private final JtlTokens tokens;
    private final LinkStore links;
    private final SyncLogStore logs;
    private final JdbcTemplate jdbc;
    private final JtlProductMapper mapper;
    private final PushRecordStore pushes;
    private final Clock clock;

    public JtlPush(ObjectMapper json, JtlTokens tokens, LinkStore links, SyncLogStore logs, JdbcTemplate jdbc,
                   JtlProductMapper mapper, PushRecordStore pushes, Clock clock) {
        this.json = json;
        this.tokens = tokens;
        this.links = links;
        this.logs = logs;
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.pushes = pushes;
        this.clock = clock;
    }

    public void prepare(Exchange exchange) throws Exception {
        Push push = exchange.getProperty(Push.PROPERTY, Push.class);
        ProductSnapshot p = push.product().snapshot();
        Object sku = p.value(ProductField.SKU);
        if (push.creates() && sku == null) {
            throw PushFailedException.permanent("JTL-FFN needs a merchant sku: give the product a sku");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (sku != null) {
            body.put("merchantSku", sku);
        }
        if (push.creates() || push.changed().contains(ProductField.NAME)) {
            body.put("name", p.value(ProductField.NAME) == null ? sku : p.value(ProductField.NAME));
        }
        body.put("manufacturer", p.value(ProductField.MANUFACTURER));
        body.put("originCountry", p.value(ProductField.COUNTRY_OF_ORIGIN));
        body.put("weight", p.value(ProductField.WEIGHT_IN_KG));
        Map<String, Object> dimensions = new LinkedHashMap<>();
        dimensions.put("length", metres(p.value(ProductField.LENGTH_IN_CM)));
        dimensions.put("width", metres(p.value(ProductField.WIDTH_IN_CM)));
        dimensions.put("height", metres(p.value(ProductField.HEIGHT_IN_CM)));
        body.put("dimensions", dimensions);
        Map<String, Object> identifier = new LinkedHashMap<>();
        identifier.put("ean", p.value(ProductField.GTIN)); // no GTIN, no EAN: never the sku
        Map<String, Object> mpn = new LinkedHashMap<>();
        mpn.put("manufacturer", p.value(ProductField.MANUFACTURER));
        mpn.put("partNumber", p.value(ProductField.HAN));
        identifier.put("mpn", mpn);
        body.put("identifier", identifier);
        Map<String, Object> specifications = new LinkedHashMap<>();
        specifications.put("taric", p.value(ProductField.CUSTOMS_CODE));
        specifications.put("hazardIdentifier", Boolean.TRUE.equals(p.value(ProductField.HAZMAT))
                ? p.value(ProductField.HAZMAT_CLASS) : null);
        body.put("specifications", specifications);
        body.put("note", p.value(ProductField.WAREHOUSE_NOTES));

        String base = push.channel().settings().getBaseUrl().replaceAll("/+$", "") + "/v1/merchant/products";
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, push.creates() ? "POST" : "PATCH");
        exchange.getIn().setHeader(Exchange.HTTP_URI, push.creates() ? base : base + "/" + push.link().orElseThrow().externalId());
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getIn().setHeader("Authorization", "Bearer " + tokens.accessToken(push.channel()));
        exchange.getIn().setBody(json.writeValueAsString(body));
        Map<ProductField, Object> pushed = mapper.map(json.valueToTree(body)); // as the product feed will show it
        exchange.setProperty(PUSHED, pushed);
        exchange.setProperty(PUSH_RECORD, pushes.begin(push.product().id(), push.channel().id(), pushed));
    }

    public void handle(Exchange exchange) {
        Push push = exchange.getProperty(Push.PROPERTY, Push.class);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String answer = exchange.getMessage().getBody(String.class);
        if (status == 401) {
            tokens.invalidate(push.channel());
            throw new PushFailedException(true, "JTL-FFN refused the access token", 0);
        }
        if (!PushFailedException.isSuccess(status)) {
            throw PushFailedException.forStatus("JTL-FFN", status,
                    exchange.getMessage().getHeader("Retry-After", String.class), message(answer));
        }
        String jfsku = push.creates() ? read(answer).path("jfsku").asText() : push.link().orElseThrow().externalId();
        links.upsert(push.product().id(), push.channel().id(), jfsku, jfsku, null, Map.of());
        @SuppressWarnings("unchecked")
        Map<ProductField, Object> pushed = exchange.getProperty(PUSHED, Map.class);
        pushes.finish(exchange.getProperty(PUSH_RECORD, Long.class), push.product().id(), push.channel().id(), pushed,
                clock.instant()); // JTL answers 204: no version
        jdbc.update("update product set jtl_product_id = ?, jtl_sync_status = 'SYNCED' where id = ?", jfsku, push.product().id());
        logs.append(List.of(SyncLogStore.Entry.of(push.product().id(), push.job().clientId(), "push", Origin.valueOf(push.job().triggerOrigin()))
                .to("jtl", push.channel().id()).fields(push.job().fields())
                .note((push.creates() ? "created" : "updated") + " JTL-FFN product " + jfsku)));
    }

    private static BigDecimal metres(Object centimetres) {
        return centimetres == null ? null
                : ((BigDecimal) centimetres).divide(CM_PER_M, 6, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private JsonNode read(String answer) {
        try {
            return json.readTree(answer);
        } catch (Exception e) {
            throw new PushFailedException(true, "JTL-FFN answered with a body that is not JSON", 0);
        }
    }

    private String message(String answer) {
        try {
            JsonNode node = json.readTree(answer);
            return node.path("errorCode").path("description").asText(answer);
        } catch (Exception e) {
            return answer == null ? "" : answer;
        }
    }
}
