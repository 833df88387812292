package com.nolimits.synchub.platform.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.outbound.ChannelRateLimiter;
import com.nolimits.synchub.reconcile.ProductPages;
import com.nolimits.synchub.reconcile.Sweep;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reconciliation reads of a WooCommerce channel: GET /products?modified_after=...&dates_are_gmt=true,
 * 100 a page; the REST product is the same shape as a product.updated webhook body.
 */
@Component
public class WooProductPages implements ProductPages {

    private static final int PAGE = 100;
    private final ObjectMapper json;
    private final ChannelRateLimiter rateLimiter;

    public WooProductPages(ObjectMapper json, ChannelRateLimiter rateLimiter) {
        this.json = json;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public Platform platform() {
        return Platform.WOOCOMMERCE;
    }

    @Override
    public void request(Exchange exchange, Sweep sweep) throws Exception {
        int page = sweep.next().isEmpty() ? 1 : Integer.parseInt(sweep.next());
        String after = sweep.from().atOffset(ZoneOffset.UTC).toLocalDateTime().withNano(0).toString();
        rateLimiter.acquire(sweep.channel(), 1);
        var settings = sweep.channel().settings();
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(null);
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, "GET");
        exchange.getIn().setHeader(Exchange.HTTP_URI, settings.getBaseUrl().replaceAll("/+$", "")
                + "/wp-json/wc/v3/products?modified_after=" + after + "&dates_are_gmt=true&orderby=id&order=asc&per_page="
                + PAGE + "&page=" + page);
        exchange.getIn().setHeader("Accept", "application/json");
        WooAuthentication.authenticate(exchange, settings);
        exchange.setProperty(ExchangeKeys.WOO_PAGE, page);
    }

    @Override
    public List<ReadProduct> read(Exchange exchange, Sweep sweep) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status != 200) {
            throw new IllegalStateException(sweep + ": WooCommerce answered " + status);
        }
        JsonNode products;
        try {
            products = json.readTree(exchange.getMessage().getBody(String.class));
        } catch (Exception e) {
            throw new IllegalStateException(sweep + ": WooCommerce answered with a body that is not JSON");
        }
        List<ReadProduct> out = new ArrayList<>();
        for (JsonNode product : products) {
            out.add(new ReadProduct(product.path("id").asText(), "product.updated", product.toString()));
        }
        int page = exchange.getProperty(ExchangeKeys.WOO_PAGE, 1, Integer.class);
        int pages = exchange.getMessage().getHeader("X-WP-TotalPages", 1, Integer.class);
        sweep.setNext(page < pages ? String.valueOf(page + 1) : null);
        return out;
    }
}
