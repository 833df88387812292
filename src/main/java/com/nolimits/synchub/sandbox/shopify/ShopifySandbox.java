package com.nolimits.synchub.sandbox.shopify;

import com.nolimits.synchub.sandbox.SandboxProperties;
import com.nolimits.synchub.sandbox.common.Faults;
import com.nolimits.synchub.sandbox.common.Hmac;
import com.nolimits.synchub.sandbox.common.HubAddress;
import com.nolimits.synchub.sandbox.common.Journal;
import com.nolimits.synchub.sandbox.common.Sandbox;
import com.nolimits.synchub.sandbox.common.SandboxJson;
import com.nolimits.synchub.sandbox.common.WebhookSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** The simulated Shopify shops: their state, faults, journals and signed webhooks. */
@Component
@Profile("sandbox")
public class ShopifySandbox implements Sandbox, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShopifySandbox.class);
    static final int RETRIES = 8;
    static final int FAILED_DELIVERIES_BEFORE_REMOVAL = 8;

    /** One shop with everything the sandbox keeps for it. */
    public static final class Instance {
        final ShopifyShop shop;
        final SandboxProperties.Shop settings;
        final Faults faults = new Faults();
        final Journal journal = new Journal();
        final WebhookSender sender = new WebhookSender(faults);
        final AtomicInteger consecutiveFailedDeliveries = new AtomicInteger();
        volatile boolean subscribed = true;
        volatile String webhookUrl;

        Instance(String name, SandboxProperties.Shop settings) {
            this.settings = settings;
            String domain = settings.getDomain() == null ? name + ".myshopify.com" : settings.getDomain();
            this.shop = new ShopifyShop(name, domain, settings.getLocationId(), settings.getBucketSize(),
                    settings.getRestoreRate());
            this.webhookUrl = settings.getWebhookUrl();
        }
    }

    private final Map<String, Instance> shops = new LinkedHashMap<>();
    private final HubAddress hub;

    public ShopifySandbox(SandboxProperties properties, HubAddress hub) {
        this.hub = hub;
        properties.getShopify().forEach((name, settings) -> shops.put(name, new Instance(name, settings)));
    }

    @Override
    public String platform() {
        return "shopify";
    }

    @Override
    public Optional<Controls> controls(String name) {
        return shop(name).map(i -> new Controls(i.faults, i.journal));
    }

    public Optional<Instance> shop(String name) {
        return Optional.ofNullable(shops.get(name));
    }

    public Instance reset(String name) {
        Instance old = shops.get(name);
        old.sender.close();
        Instance fresh = new Instance(name, old.settings);
        shops.put(name, fresh);
        return fresh;
    }

    String webhookBase(Instance instance) {
        return instance.webhookUrl != null && !instance.webhookUrl.isBlank() ? instance.webhookUrl
                : hub.baseUrl() + "/api/integrations/webhooks/shopify-enhanced";
    }

    /** Fires a webhook as Shopify does: the payload as of now, signed, retried on failure. */
    void fire(Instance instance, String topic, Map<String, Object> payload) {
        if (!instance.subscribed || instance.settings.getWebhookSecret() == null) {
            return;
        }
        byte[] body = WebhookSender.utf8(SandboxJson.write(payload));
        String url = webhookBase(instance) + "/" + topic;
        String eventId = UUID.randomUUID().toString();
        Instant triggeredAt = Instant.now();
        instance.sender.submit(new WebhookSender.Delivery() {
            @Override
            public WebhookSender.Request build(int attempt) {
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("X-Shopify-Topic", topic);
                headers.put("X-Shopify-Hmac-Sha256", Hmac.base64Sha256(instance.settings.getWebhookSecret(), body));
                headers.put("X-Shopify-Shop-Domain", instance.shop.domain);
                headers.put("X-Shopify-API-Version", "2026-04");
                headers.put("X-Shopify-Webhook-Id", UUID.randomUUID().toString());
                headers.put("X-Shopify-Event-Id", eventId);
                headers.put("X-Shopify-Triggered-At", triggeredAt.toString());
                return new WebhookSender.Request(url, "application/json", body, headers);
            }

            @Override
            public void finished(int attempt, int status) {
                if (status >= 200 && status < 300) {
                    instance.consecutiveFailedDeliveries.set(0);
                } else if (attempt <= RETRIES) {
                    long delay = instance.settings.getRetryBaseMs() << (attempt - 1);
                    instance.sender.schedule(this, attempt + 1, delay);
                } else if (instance.consecutiveFailedDeliveries.incrementAndGet() >= FAILED_DELIVERIES_BEFORE_REMOVAL) {
                    instance.subscribed = false;
                    log.warn("Sandbox shop {} removed its webhook subscription after {} failed deliveries",
                            instance.shop.name, FAILED_DELIVERIES_BEFORE_REMOVAL);
                }
            }
        });
    }

    void fireEffects(Instance instance, ShopifyGraphql.Effects effects) {
        effects.created().forEach(p -> fire(instance, "products/create", ShopifyJson.rest(instance.shop, p)));
        effects.updated().stream().distinct().forEach(p -> fire(instance, "products/update", ShopifyJson.rest(instance.shop, p)));
        for (long[] change : effects.inventoryChanges()) {
            fire(instance, "inventory_levels/update", inventoryLevel(change[0], change[1], (int) change[2]));
        }
    }

    static Map<String, Object> inventoryLevel(long item, long location, int available) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("inventory_item_id", item);
        payload.put("location_id", location);
        payload.put("available", available);
        payload.put("updated_at", ShopifyShop.now().toString());
        payload.put("admin_graphql_api_id", "gid://shopify/InventoryLevel/" + location + "?inventory_item_id=" + item);
        return payload;
    }

    @Override
    public void close() {
        shops.values().forEach(i -> i.sender.close());
    }
}
