package com.nolimits.synchub.platform.jtl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.outbound.ProductLookup;
import com.nolimits.synchub.outbound.PushFailedException;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * JTL-FFN's answer for {@link ProductLookup}: GET /v1/merchant/products filtered on the merchant sku
 * with the API's OData {@code $filter} (the same OData paging as its other lists). JTL-FFN products are
 * never deleted through the hub.
 */
@Component
public class JtlLookup implements ProductLookup {

    private final ObjectMapper json;
    private final JtlTokens tokens;

    public JtlLookup(ObjectMapper json, JtlTokens tokens) {
        this.json = json;
        this.tokens = tokens;
    }

    @Override
    public Platform platform() {
        return Platform.JTL;
    }

    @Override
    public void skuRequest(Exchange exchange, Channel channel, String sku) {
        String filter = "merchantSku eq '" + sku.replace("'", "''") + "'";
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(null);
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, "GET");
        exchange.getIn().setHeader(Exchange.HTTP_URI, channel.settings().getBaseUrl().replaceAll("/+$", "")
                + "/v1/merchant/products?$top=10&$filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"));
        exchange.getIn().setHeader("Accept", "application/json");
        exchange.getIn().setHeader("Authorization", "Bearer " + tokens.accessToken(channel));
    }

    @Override
    public Optional<Found> found(Exchange exchange, Channel channel, String sku) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status == 401) {
            tokens.invalidate(channel); // as a push does: the next attempt asks for a new access token
            throw new PushFailedException(true, "JTL-FFN refused the access token", 0);
        }
        JsonNode answer = null;
        try {
            answer = status == 200 ? json.readTree(exchange.getMessage().getBody(String.class)) : null;
        } catch (Exception e) {
            // below
        }
        if (answer == null) {
            throw new PushFailedException(true, "JTL-FFN's lookup answered " + status, 0);
        }
        for (JsonNode product : answer.path("items")) {
            if (sku.equals(product.path("merchantSku").asText(null))) {
                String jfsku = product.path("jfsku").asText();
                return Optional.of(new Found(jfsku, jfsku, null));
            }
        }
        return Optional.empty();
    }
}
