package com.nolimits.synchub.ingress;

/**
 * A webhook subscription as the platform lists it: its id there, topic (Shopify's enum, WooCommerce's
 * resource.event), delivery address and status (Shopify's are always active; WooCommerce's may be
 * paused or disabled).
 */
public record WebhookSubscription(String id, String topic, String address, String status) {

    /** The hub's webhook endpoints are all under this path: a subscription to another address is not the hub's. */
    static final String HUB_PATH = "/api/integrations/webhooks/";

    public boolean active() {
        return "active".equals(status);
    }

    /** Made by the hub (for this or an earlier address of it): the hub may update or delete it. */
    public boolean hubs() {
        return address != null && address.contains(HUB_PATH);
    }
}
