package com.nolimits.synchub.platform.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.outbound.ChannelRateLimiter;
import com.nolimits.synchub.outbound.ProductLookup;
import com.nolimits.synchub.outbound.PushFailedException;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * WooCommerce's answers for {@link ProductLookup}: GET /products?sku= (an exact match; variations are
 * products of their own there), and GET /products/{id}, which answers 404 once a product is deleted
 * for good and status "trash" while it is in the bin.
 */
@Component
public class WooLookup implements ProductLookup {

    private final ObjectMapper json;
    private final ChannelRateLimiter rateLimiter;

    public WooLookup(ObjectMapper json, ChannelRateLimiter rateLimiter) {
        this.json = json;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public Platform platform() {
        return Platform.WOOCOMMERCE;
    }

    @Override
    public void skuRequest(Exchange exchange, Channel channel, String sku) throws Exception {
        get(exchange, channel, WooPush.productsUrl(channel.settings()) + "?sku=" + URLEncoder.encode(sku, StandardCharsets.UTF_8));
    }

    @Override
    public Optional<Found> found(Exchange exchange, Channel channel, String sku) {
        for (JsonNode product : answer(exchange, false)) {
            if (sku.equals(product.path("sku").asText(null))) {
                String id = product.path("id").asText();
                long parent = product.path("parent_id").asLong(0);
                return Optional.of(new Found(id, parent > 0 ? String.valueOf(parent) : id, null));
            }
        }
        return Optional.empty();
    }

    @Override
    public void productRequest(Exchange exchange, Channel channel, String productId) throws Exception {
        get(exchange, channel, WooPush.productsUrl(channel.settings()) + "/" + URLEncoder.encode(productId, StandardCharsets.UTF_8));
    }

    @Override
    public boolean gone(Exchange exchange, Channel channel) {
        JsonNode product = answer(exchange, true);
        return product == null || "trash".equals(product.path("status").asText());
    }

    private void get(Exchange exchange, Channel channel, String url) throws InterruptedException {
        rateLimiter.acquire(channel, 1);
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(null);
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, "GET");
        exchange.getIn().setHeader(Exchange.HTTP_URI, url);
        WooPush.setJsonHeaders(exchange, channel.settings());
    }

    /** The answer's JSON; null for a 404 when that means "gone"; anything else unclear is a transient failure. */
    private JsonNode answer(Exchange exchange, boolean notFoundIsAnswer) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status == 404 && notFoundIsAnswer) {
            return null;
        }
        try {
            if (status == 200) {
                return json.readTree(exchange.getMessage().getBody(String.class));
            }
        } catch (Exception e) {
            // below
        }
        throw new PushFailedException(true, "WooCommerce's lookup answered " + status, 0);
    }
}
