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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The simulated Shopify shops: their state, faults, journals and signed webhooks. */
@Component
@Profile("sandbox")
public class ShopifySandbox implements Sandbox, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShopifySandbox.class);
    static final int RETRIES = 8;
    /** Shopify removes an API subscription whose delivery failed this often in a row (about 4 hours of retries). */
    static final int FAILED_ATTEMPTS_BEFORE_REMOVAL = 8;
    static final List<String> TOPICS = List.of("products/create", "products/update", "products/delete", "inventory_levels/update");

    /** One shop with everything the sandbox keeps for it. */
    public static final class Instance {
        final ShopifyShop shop;
        final SandboxProperties.Shop settings;
        final Faults faults = new Faults();
        final Journal journal = new Journal();
        final WebhookSender sender = new WebhookSender(faults);

        Instance(String name, SandboxProperties.Shop settings) {
            this.settings = settings;
            String domain = settings.getDomain() == null ? name + ".myshopify.com" : settings.getDomain();
            this.shop = new ShopifyShop(name, domain, settings.getLocationId(), settings.getBucketSize(),
                    settings.getRestoreRate());
        }
    }

    private final Map<String, Instance> shops = new LinkedHashMap<>();
    private final HubAddress hub;

    public ShopifySandbox(SandboxProperties properties, HubAddress hub) {
        this.hub = hub;
        properties.getShopify().forEach((name, settings) -> shops.put(name, withAdminSubscriptions(new Instance(name, settings))));
    }

    /** Subscriptions made in the shop's admin: only where the sandbox is told the address (webhook-url, hub-url). */
    private Instance withAdminSubscriptions(Instance instance) {
        String base = instance.settings.getWebhookUrl() != null && !instance.settings.getWebhookUrl().isBlank()
                ? instance.settings.getWebhookUrl() : hub.adminWebhookBase("/api/integrations/webhooks/shopify-enhanced").orElse(null);
        if (base != null && instance.settings.getWebhookSecret() != null) {
            for (String topic : TOPICS) {
                instance.shop.subscriptions.add(new ShopifyShop.Subscription(instance.shop.nextId(), true,
                        ShopifyShop.Subscription.apiTopic(topic), base.replaceAll("/+$", "") + "/" + topic));
            }
        }
        return instance;
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

    /**
     * Forgets the shop's products, journal and faults. Its webhook subscriptions stay (they are the app's
     * configuration, not the shop's data), with their failure counts cleared.
     */
    public Instance reset(String name) {
        Instance old = shops.get(name);
        old.sender.close();
        Instance fresh = new Instance(name, old.settings);
        old.shop.subscriptions.forEach(s -> s.failedInARow.set(0));
        fresh.shop.subscriptions.addAll(old.shop.subscriptions);
        shops.put(name, fresh);
        return fresh;
    }

    /** Fires a webhook as Shopify does: to each subscription of its topic, the payload as of now, signed, retried on failure. */
    void fire(Instance instance, String topic, Map<String, Object> payload) {
        if (instance.settings.getWebhookSecret() == null) {
            return;
        }
        for (ShopifyShop.Subscription subscription : instance.shop.subscriptions) {
            if (subscription.topic.equals(ShopifyShop.Subscription.apiTopic(topic))) {
                deliver(instance, subscription, topic, payload);
            }
        }
    }

    private void deliver(Instance instance, ShopifyShop.Subscription subscription, String topic, Map<String, Object> payload) {
        byte[] body = WebhookSender.utf8(SandboxJson.write(payload));
        String eventId = UUID.randomUUID().toString();
        Instant triggeredAt = Instant.now();
        instance.sender.submit(new WebhookSender.Delivery() {
            @Override
            public WebhookSender.Request build(int attempt) {
                if (!instance.shop.subscriptions.contains(subscription)) {
                    return null; // removed (or deleted by the app) while this delivery waited
                }
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("X-Shopify-Topic", topic);
                headers.put("X-Shopify-Hmac-Sha256", Hmac.base64Sha256(instance.settings.getWebhookSecret(), body));
                headers.put("X-Shopify-Shop-Domain", instance.shop.domain);
                headers.put("X-Shopify-API-Version", "2026-04");
                headers.put("X-Shopify-Webhook-Id", UUID.randomUUID().toString());
                headers.put("X-Shopify-Event-Id", eventId);
                headers.put("X-Shopify-Triggered-At", triggeredAt.toString());
                return new WebhookSender.Request(subscription.uri, "application/json", body, headers);
            }

            @Override
            public void finished(int attempt, int status) {
                if (status >= 200 && status < 300) {
                    subscription.failedInARow.set(0);
                    return;
                }
                // one delivery failing every attempt of its retry schedule (with nothing delivered meanwhile)
                // costs an API subscription its existence; the admin's are kept
                if (subscription.failedInARow.incrementAndGet() >= FAILED_ATTEMPTS_BEFORE_REMOVAL
                        && attempt >= FAILED_ATTEMPTS_BEFORE_REMOVAL && !subscription.madeInAdmin) {
                    if (instance.shop.subscriptions.remove(subscription)) {
                        log.warn("Sandbox shop {} removed webhook subscription {} ({} to {}) after {} failed deliveries in a row",
                                instance.shop.name, subscription.id, subscription.topic, subscription.uri, FAILED_ATTEMPTS_BEFORE_REMOVAL);
                    }
                } else if (attempt <= RETRIES) {
                    instance.sender.schedule(this, attempt + 1, instance.settings.getRetryBaseMs() << (attempt - 1));
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
