package com.nolimits.synchub.platform.shopify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.outbound.ChannelRateLimiter;
import org.apache.camel.Exchange;

import java.util.Map;

/** A GraphQL Admin API call of a channel: {base-url}/admin/api/{api-version}/graphql.json with its access token. */
final class ShopifyAdminApi {

    private ShopifyAdminApi() {
    }

    static void prepare(Exchange exchange, ObjectMapper json, Channel channel, String query, Map<String, Object> variables)
            throws JsonProcessingException {
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
        exchange.getIn().setHeader(Exchange.HTTP_URI, channel.settings().getBaseUrl().replaceAll("/+$", "")
                + "/admin/api/" + channel.settings().getApiVersion() + "/graphql.json");
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getIn().setHeader("Accept", "application/json");
        exchange.getIn().setHeader("X-Shopify-Access-Token", channel.settings().getAccessToken());
        exchange.getIn().setBody(json.writeValueAsString(Map.of("query", query, "variables", variables)));
        exchange.setProperty(ExchangeKeys.CALLED_CHANNEL, channel);
    }

    /**
     * What Shopify says is left in the shop's bucket (extensions.cost.throttleStatus) lowers the channel's
     * budget when the hub counted more: its calls reach Shopify later than it takes their cost, and other
     * apps spend from the same bucket.
     */
    static void observeCost(ChannelRateLimiter limiter, Exchange exchange, JsonNode answer) {
        JsonNode throttle = answer == null ? null : answer.path("extensions").path("cost").path("throttleStatus");
        Channel channel = exchange.getProperty(ExchangeKeys.CALLED_CHANNEL, Channel.class);
        if (throttle != null && throttle.has("currentlyAvailable") && channel != null) {
            limiter.observe(channel, throttle.path("currentlyAvailable").asDouble());
        }
    }
}
