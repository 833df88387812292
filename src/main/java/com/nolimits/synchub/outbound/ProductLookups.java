package com.nolimits.synchub.outbound;

import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.camel.RouteGateway;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.merge.Platform;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Asks a channel's platform through routes/find-product-by-sku.camel.yaml and routes/confirm-platform-delete.camel.yaml
 * (the routes' steps call back into this bean, which hands them to the platform's {@link ProductLookup}).
 */
@Component("productLookups")
public class ProductLookups {

    static final String CHANNEL = ExchangeKeys.LOOKUP_CHANNEL;
    static final String KEY = ExchangeKeys.LOOKUP_KEY;

    private final Map<Platform, ProductLookup> lookups;
    private final RouteGateway routes;

    public ProductLookups(List<ProductLookup> lookups, RouteGateway routes) {
        this.lookups = lookups.stream().collect(Collectors.toMap(ProductLookup::platform, Function.identity()));
        this.routes = routes;
    }

    /** The product already holding this sku on the channel, if any. */
    public Optional<ProductLookup.Found> bySku(Channel channel, String sku) {
        @SuppressWarnings("unchecked")
        Optional<ProductLookup.Found> found = ask("direct:find-product-by-sku", channel, sku).getMessage().getBody(Optional.class);
        return found;
    }

    /** Whether the platform confirms that its product is gone. */
    public boolean isGone(Channel channel, String productId) {
        return ask("direct:confirm-platform-delete", channel, productId).getMessage().getBody(Boolean.class);
    }

    private Exchange ask(String route, Channel channel, String key) {
        Exchange exchange = routes.newExchange();
        exchange.setProperty(CHANNEL, channel);
        exchange.setProperty(KEY, key);
        return routes.call(route, exchange);
    }

    // ---- the routes' steps

    public void skuRequest(Exchange exchange) throws Exception {
        lookup(exchange).skuRequest(exchange, channel(exchange), exchange.getProperty(KEY, String.class));
    }

    public void found(Exchange exchange) {
        exchange.getMessage().setBody(lookup(exchange).found(exchange, channel(exchange), exchange.getProperty(KEY, String.class)));
    }

    public void productRequest(Exchange exchange) throws Exception {
        lookup(exchange).productRequest(exchange, channel(exchange), exchange.getProperty(KEY, String.class));
    }

    public void gone(Exchange exchange) {
        exchange.getMessage().setBody(lookup(exchange).gone(exchange, channel(exchange)));
    }

    private static Channel channel(Exchange exchange) {
        return exchange.getProperty(CHANNEL, Channel.class);
    }

    private ProductLookup lookup(Exchange exchange) {
        return lookups.get(channel(exchange).platform());
    }
}
