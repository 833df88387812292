package com.nolimits.synchub.sandbox.woocommerce;

import com.nolimits.synchub.sandbox.SandboxProperties;
import com.nolimits.synchub.sandbox.common.Hmac;
import com.nolimits.synchub.sandbox.common.HubAddress;
import com.nolimits.synchub.sandbox.common.Sandbox;
import com.nolimits.synchub.sandbox.common.SandboxJson;
import com.nolimits.synchub.sandbox.common.WebhookSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated WooCommerce sites and their webhooks: built at delivery time from the product's
 * current state, merged while one for the same product is pending, never retried, and disabled after
 * more than five consecutive failures.
 */
@Component
@Profile("sandbox")
public class WooSandbox implements Sandbox, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WooSandbox.class);
    static final List<String> TOPICS = List.of("product.created", "product.updated", "product.deleted", "product.restored");

    private final Map<String, WooSite> sites = new LinkedHashMap<>();
    private final SandboxProperties properties;
    private final HubAddress hub;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public WooSandbox(SandboxProperties properties, HubAddress hub) {
        this.properties = properties;
        this.hub = hub;
        properties.getWoocommerce().forEach((name, settings) -> sites.put(name, newSite(name, settings)));
    }

    /**
     * A new site. Webhooks made by hand in its admin (one per product topic) only where the sandbox is
     * told the address (webhook-url, hub-url); otherwise it has none until an app registers them.
     */
    private WooSite newSite(String name, SandboxProperties.Site settings) {
        WooSite site = new WooSite(name, settings);
        String base = settings.getWebhookUrl() != null && !settings.getWebhookUrl().isBlank() ? settings.getWebhookUrl()
                : hub.adminWebhookBase("/api/integrations/webhooks/woocommerce-enhanced").orElse(null);
        if (base != null && settings.getWebhookSecret() != null) {
            for (String topic : TOPICS) {
                WooSite.Webhook webhook = new WooSite.Webhook();
                webhook.id = site.nextWebhookId();
                webhook.name = "Product sync (" + topic + ")";
                webhook.topic = topic;
                webhook.secret = settings.getWebhookSecret();
                webhook.deliveryUrl = base.replaceAll("/+$", "") + "/" + topic;
                site.webhooks.add(webhook);
            }
        }
        return site;
    }

    @Override
    public String platform() {
        return "woocommerce";
    }

    @Override
    public Optional<Controls> controls(String name) {
        return site(name).map(s -> new Controls(s.faults, s.journal));
    }

    public Optional<WooSite> site(String name) {
        return Optional.ofNullable(sites.get(name));
    }

    /**
     * Forgets the site's products, journal and faults. Its webhooks stay (they are the site's
     * configuration), active again with no failures counted.
     */
    public WooSite reset(String name) {
        WooSite old = sites.get(name);
        old.sender.close();
        WooSite fresh = new WooSite(name, properties.getWoocommerce().get(name));
        synchronized (old.webhooks) {
            for (WooSite.Webhook webhook : old.webhooks) {
                webhook.status = "active";
                webhook.failureCount = 0;
                fresh.webhooks.add(webhook);
                fresh.nextWebhookId(webhook.id);
            }
        }
        sites.put(name, fresh);
        return fresh;
    }

    /** Queues the webhooks of a product event; a delivery already pending for the product absorbs it. */
    void fire(WooSite site, String topic, long productId) {
        for (WooSite.Webhook webhook : List.copyOf(site.webhooks)) {
            if (!webhook.topic.equals(topic) || !webhook.status.equals("active")) {
                continue;
            }
            String key = webhook.id + ":" + productId;
            if (!site.pendingDeliveries.add(key)) {
                continue; // WooCommerce merges repeats for one resource while one is queued
            }
            site.sender.submit(new WebhookSender.Delivery() {
                @Override
                public WebhookSender.Request build(int attempt) {
                    site.pendingDeliveries.remove(key);
                    if (!webhook.status.equals("active") || !site.webhooks.contains(webhook)) {
                        return null; // disabled or deleted while the delivery was queued
                    }
                    Object payload;
                    synchronized (site) {
                        Map<String, Object> product = site.products.get(productId);
                        payload = topic.equals("product.deleted") || product == null ? Map.of("id", productId) : product;
                    }
                    byte[] body = WebhookSender.utf8(SandboxJson.write(payload));
                    Map<String, String> headers = new LinkedHashMap<>();
                    headers.put("User-Agent", "WooCommerce/9.4.0 Hookshot (WordPress/6.7)");
                    headers.put("X-WC-Webhook-Source", site.siteUrl);
                    headers.put("X-WC-Webhook-Topic", topic);
                    headers.put("X-WC-Webhook-Resource", "product");
                    headers.put("X-WC-Webhook-Event", topic.substring(topic.indexOf('.') + 1));
                    headers.put("X-WC-Webhook-Signature", Hmac.base64Sha256(webhook.secret, body));
                    headers.put("X-WC-Webhook-ID", String.valueOf(webhook.id));
                    headers.put("X-WC-Webhook-Delivery-ID", String.valueOf(site.deliveryIds.incrementAndGet()));
                    return new WebhookSender.Request(webhook.deliveryUrl, "application/json", body, headers);
                }

                @Override
                public void finished(int attempt, int status) {
                    recordOutcome(site, webhook, status);
                }
            }, site.settings.getDeliveryDelayMs());
        }
    }

    /** 200 to 302 is success; anything else counts, and more than five failures in a row disable the webhook. */
    private void recordOutcome(WooSite site, WooSite.Webhook webhook, int status) {
        synchronized (webhook) {
            if (status >= 200 && status <= 302) {
                webhook.failureCount = 0;
            } else if (++webhook.failureCount > WooSite.MAX_FAILURES) {
                webhook.status = "disabled";
                log.warn("Sandbox site {} disabled webhook {} ({}) after {} failed deliveries", site.name, webhook.id,
                        webhook.topic, webhook.failureCount);
            }
        }
    }

    /**
     * Registers a webhook as WooCommerce does: first a ping (form body webhook_id=N, no signature) to an
     * active one; unless the delivery URL answers 2xx the webhook is not saved.
     */
    WooSite.Webhook register(WooSite site, String name, String topic, String deliveryUrl, String secret, String status) {
        WooSite.Webhook webhook = new WooSite.Webhook();
        webhook.id = site.nextWebhookId();
        webhook.name = name;
        webhook.topic = topic;
        webhook.deliveryUrl = deliveryUrl;
        webhook.secret = secret;
        webhook.status = status;
        if ("active".equals(status)) {
            ping(webhook);
        }
        site.webhooks.add(webhook);
        return webhook;
    }

    /** The ping WooCommerce sends to a delivery URL before it keeps an active webhook. */
    void ping(WooSite.Webhook webhook) {
        String deliveryUrl = webhook.deliveryUrl;
        int status;
        try {
            HttpRequest ping = HttpRequest.newBuilder(URI.create(deliveryUrl)).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("webhook_id=" + webhook.id)).build();
            status = http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            status = -1;
        }
        if (status < 200 || status > 299) {
            throw new WooSite.RestError("woocommerce_rest_webhook_ping_failed",
                    "Error: Delivery URL returned response code: " + status, 400);
        }
    }

    @Override
    public void close() {
        sites.values().forEach(s -> s.sender.close());
    }
}
