package com.nolimits.synchub.ingress;

import com.nolimits.synchub.camel.RouteGateway;
import com.nolimits.synchub.channel.Channel;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.function.Function;

/**
 * The calls of {@link WebhookRegistration} to a platform's webhook subscriptions API, each made by the HTTP
 * step of routes/webhook-subscriptions.camel.yaml (call-webhook-subscriptions-api): a failure or a platform
 * that does not answer is a {@link SubscriptionRefusedException}.
 */
@Component
class SubscriptionCalls {

    static final String CALL_ROUTE = "direct:call-webhook-subscriptions-api";

    private final RouteGateway routes;

    SubscriptionCalls(RouteGateway routes) {
        this.routes = routes;
    }

    /** Fills the exchange with the request (its HTTP headers and body). */
    interface Prepare {
        void on(Exchange exchange) throws Exception;
    }

    /** One call through the route's HTTP step: prepared here, sent there, read here. */
    <T> T call(Channel channel, Prepare prepare, Function<Exchange, T> read) {
        Exchange exchange = routes.newExchange();
        try {
            prepare.on(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SubscriptionRefusedException("interrupted");
        } catch (Exception e) {
            throw new SubscriptionRefusedException(e.getMessage());
        }
        Exchange answered = routes.send(CALL_ROUTE, exchange);
        if (answered.getException() != null) {
            throw new SubscriptionRefusedException(channel.platform() + " did not answer: " + answered.getException().getMessage());
        }
        return read.apply(answered);
    }
}
