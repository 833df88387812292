package com.nolimits.synchub.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.DefaultExchange;
import org.springframework.stereotype.Component;

/**
 * The one way Java code reaches into the routes (ArchitectureTest keeps every other class from it): the
 * routes call beans, and where a bean needs a route (a platform call, the fan-out of a change, a wake-up
 * of the outbound queue) it names the route's endpoint here, so every such place can be found from this
 * class's callers. Calls to {@code direct:} endpoints run in the caller's thread, and so in its database
 * transaction.
 */
@Component
public class RouteGateway {

    private final ProducerTemplate producer;
    private final CamelContext camel;

    public RouteGateway(ProducerTemplate producer, CamelContext camel) {
        this.producer = producer;
        this.camel = camel;
    }

    /** An empty exchange to fill and {@link #send}. */
    public Exchange newExchange() {
        return new DefaultExchange(camel);
    }

    /** Runs the exchange through the route and returns it answered, its failure (if any) on it. */
    public Exchange send(String endpoint, Exchange exchange) {
        return producer.send(endpoint, exchange);
    }

    /** Runs the exchange through the route; a failure there is thrown here (and rolls the caller's transaction back). */
    public Exchange call(String endpoint, Exchange exchange) {
        Exchange answered = producer.send(endpoint, exchange);
        Exception failure = answered.getException();
        if (failure != null) {
            throw failure instanceof RuntimeException runtime ? runtime : new RuntimeCamelException(failure);
        }
        return answered;
    }

    /** Calls the route with this body (see {@link #call}). */
    public void callWith(String endpoint, Object body) {
        Exchange exchange = newExchange();
        exchange.getIn().setBody(body);
        call(endpoint, exchange);
    }

    /** Sends a one-way nudge (a SEDA endpoint that drops it when one is already waiting). */
    public void wake(String endpoint) {
        producer.sendBody(endpoint, "wake");
    }

    /** Whether a route of this id is deployed: some routes are optional (a push route, the batch route). */
    public boolean isDeployed(String routeId) {
        return camel.getRoute(routeId) != null;
    }
}
