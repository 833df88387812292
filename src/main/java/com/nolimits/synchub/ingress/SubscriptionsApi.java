package com.nolimits.synchub.ingress;

import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.merge.Platform;
import org.apache.camel.Exchange;

import java.util.List;
import java.util.Map;

/**
 * One platform's webhook subscription API, as steps of routes/webhook-subscriptions.camel.yaml: each request
 * is prepared on the exchange, sent by the route's HTTP step, and its answer read here.
 */
public interface SubscriptionsApi {

    Platform platform();

    /** The topics the hub needs, each with the path (under the public URL) where the hub receives it. */
    Map<String, String> topics();

    void listRequest(Exchange exchange, Channel channel) throws Exception;

    List<WebhookSubscription> listed(Exchange exchange);

    void createRequest(Exchange exchange, Channel channel, String topic, String address) throws Exception;

    /** Points the subscription at the address and makes it active. */
    void updateRequest(Exchange exchange, Channel channel, WebhookSubscription subscription, String address) throws Exception;

    void deleteRequest(Exchange exchange, Channel channel, WebhookSubscription subscription) throws Exception;

    /**
     * @return the subscription a create or update answered
     * @throws SubscriptionRefusedException with the platform's words when it refused
     */
    WebhookSubscription saved(Exchange exchange);

    /** @throws SubscriptionRefusedException when the platform refused the delete */
    void deleted(Exchange exchange);
}
