package com.nolimits.synchub.platform.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.outbound.ChannelRateLimiter;
import com.nolimits.synchub.outbound.ProductLookup;
import com.nolimits.synchub.outbound.PushFailedException;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Shopify's answers for {@link ProductLookup}: variants by sku through the productVariants query (its search
 * syntax, the sku quoted), and a product by id through the product query, which is null once it is deleted.
 */
@Component
public class ShopifyLookup implements ProductLookup {

    private static final String BY_SKU = ShopifyDocuments.load("variants-by-sku");
    private static final String PRODUCT = ShopifyDocuments.load("product");

    private final ObjectMapper json;
    private final ChannelRateLimiter rateLimiter;

    public ShopifyLookup(ObjectMapper json, ChannelRateLimiter rateLimiter) {
        this.json = json;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public Platform platform() {
        return Platform.SHOPIFY;
    }

    @Override
    public void skuRequest(Exchange exchange, Channel channel, String sku) throws Exception {
        rateLimiter.acquire(channel, 12);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("query", "sku:\"" + sku.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        ShopifyAdminApi.prepare(exchange, json, channel, BY_SKU, variables);
    }

    @Override
    public Optional<Found> found(Exchange exchange, Channel channel, String sku) {
        for (JsonNode variant : answer(exchange).path("productVariants").path("nodes")) {
            if (sku.equals(variant.path("sku").asText(null))) { // Shopify's search also matches by prefix
                return Optional.of(new Found(ShopifyInputs.id(variant.path("id")), ShopifyInputs.id(variant.path("product").path("id")),
                        ShopifyInputs.id(variant.path("inventoryItem").path("id"))));
            }
        }
        return Optional.empty();
    }

    @Override
    public void productRequest(Exchange exchange, Channel channel, String productId) throws Exception {
        rateLimiter.acquire(channel, 3);
        ShopifyAdminApi.prepare(exchange, json, channel, PRODUCT, Map.of("id", "gid://shopify/Product/" + productId));
    }

    @Override
    public boolean gone(Exchange exchange, Channel channel) {
        JsonNode product = answer(exchange).path("product");
        return product.isNull() || product.isMissingNode();
    }

    /** The answer's data; a throttled, failed or refused call is a transient failure of the lookup. */
    private JsonNode answer(Exchange exchange) {
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
            throw new PushFailedException(true, "Shopify's lookup answered " + status + ": "
                    + (answer == null ? "a body that is not JSON" : ShopifyGraphqlErrors.brief(body)), 0);
        }
        return answer.path("data");
    }
}
