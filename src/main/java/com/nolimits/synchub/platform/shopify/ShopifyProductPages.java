package com.nolimits.synchub.platform.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.outbound.ChannelRateLimiter;
import com.nolimits.synchub.reconcile.ProductPages;
import com.nolimits.synchub.reconcile.Sweep;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reconciliation reads of a Shopify channel: the GraphQL products query filtered on updated_at, 50 a
 * page, each product turned into the REST shape of a products/update webhook.
 */
@Component
public class ShopifyProductPages implements ProductPages {

    private static final int PAGE = 50;
    private static final String QUERY = ShopifyDocuments.load("products-page");

    private final ObjectMapper json;
    private final ChannelRateLimiter rateLimiter;

    public ShopifyProductPages(ObjectMapper json, ChannelRateLimiter rateLimiter) {
        this.json = json;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public Platform platform() {
        return Platform.SHOPIFY;
    }

    @Override
    public void request(Exchange exchange, Sweep sweep) throws Exception {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("first", PAGE);
        variables.put("after", sweep.next().isEmpty() ? null : sweep.next());
        variables.put("query", "updated_at:>='" + sweep.from() + "'");
        rateLimiter.acquire(sweep.channel(), 2 + PAGE);
        ShopifyAdminApi.prepare(exchange, json, sweep.channel(), QUERY, variables);
    }

    @Override
    public List<ReadProduct> read(Exchange exchange, Sweep sweep) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        JsonNode answer;
        try {
            answer = json.readTree(exchange.getMessage().getBody(String.class));
        } catch (Exception e) {
            throw new IllegalStateException(sweep + ": Shopify answered " + status + " with a body that is not JSON");
        }
        ShopifyAdminApi.observeCost(rateLimiter, exchange, answer);
        if (status != 200 || answer.path("errors").size() > 0) {
            throw new IllegalStateException(sweep + ": Shopify answered " + status + " " + answer.path("errors"));
        }
        JsonNode products = answer.path("data").path("products");
        List<ReadProduct> out = new ArrayList<>();
        for (JsonNode node : products.path("nodes")) {
            Map<String, Object> rest = rest(node);
            out.add(new ReadProduct(rest.get("id").toString(), "products/update", write(rest)));
        }
        boolean more = products.path("pageInfo").path("hasNextPage").asBoolean(false);
        sweep.setNext(more ? products.path("pageInfo").path("endCursor").asText() : null);
        return out;
    }

    /** The GraphQL product in the REST shape of Shopify's webhooks (what ShopifyPayloadMapper reads). */
    private static Map<String, Object> rest(JsonNode p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", ShopifyInputs.id(p.path("id")));
        out.put("title", text(p, "title"));
        out.put("body_html", text(p, "descriptionHtml"));
        out.put("vendor", text(p, "vendor"));
        out.put("product_type", text(p, "productType"));
        out.put("status", p.path("status").asText("ACTIVE").toLowerCase());
        List<String> tags = new ArrayList<>();
        p.path("tags").forEach(t -> tags.add(t.asText()));
        out.put("tags", String.join(", ", tags));
        out.put("updated_at", text(p, "updatedAt"));
        List<Map<String, Object>> images = new ArrayList<>();
        p.path("images").path("nodes").forEach(i -> images.add(Map.of("src", i.path("url").asText())));
        out.put("images", images);
        List<Map<String, Object>> variants = new ArrayList<>();
        for (JsonNode v : p.path("variants").path("nodes")) {
            Map<String, Object> variant = new LinkedHashMap<>();
            variant.put("id", ShopifyInputs.id(v.path("id")));
            variant.put("sku", text(v, "sku"));
            variant.put("barcode", text(v, "barcode"));
            variant.put("price", text(v, "price"));
            variant.put("compare_at_price", text(v, "compareAtPrice"));
            variant.put("taxable", v.path("taxable").asBoolean(true));
            variant.put("inventory_quantity", v.path("inventoryQuantity").isNumber() ? v.path("inventoryQuantity").asInt() : null);
            variant.put("inventory_item_id", ShopifyInputs.id(v.path("inventoryItem").path("id")));
            variant.put("updated_at", text(v, "updatedAt"));
            variants.add(variant);
        }
        out.put("variants", variants);
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
