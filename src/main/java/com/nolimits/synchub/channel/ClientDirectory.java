package com.nolimits.synchub.channel;

import com.nolimits.synchub.merge.ChannelRef;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.merge.OwnershipRules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The clients and channels of application.yaml, checked once at start-up; a mistake stops the
 * hub with a message naming the property. Lookups used by webhooks (shop domain, source URL) and pushes.
 */
public class ClientDirectory {

    private final Map<String, SyncProperties.Client> clients;
    private final Map<String, Channel> channels = new LinkedHashMap<>();

    public ClientDirectory(SyncProperties properties, OwnershipRules rules) {
        this.clients = Map.copyOf(properties.getClients());
        properties.getClients().forEach((clientId, client) -> client.getChannels().forEach((channelId, settings) -> {
            String at = "sync.clients." + clientId + ".channels." + channelId;
            check(settings, at);
            if (settings.getPlatform() == Platform.SHOPIFY && blank(settings.getWebhookSecret())) {
                settings.setWebhookSecret(properties.getShopifyWebhookSecret());
            }
            Channel before = channels.put(channelId, new Channel(channelId, clientId, settings));
            if (before != null) {
                throw new IllegalStateException(at + ": channel id '" + channelId
                        + "' is already used by client " + before.clientId() + " (channel ids are global)");
            }
        }));
        for (String client : rules.clientOverrides().keySet()) {
            if (!clients.containsKey(client)) {
                throw new IllegalStateException(properties.getFieldOwnershipFile() + ": client-overrides." + client
                        + ": no such client under sync.clients");
            }
        }
    }

    private static void check(ChannelSettings s, String at) {
        if (s.getPlatform() == null) {
            throw new IllegalStateException(at + ".platform is required (SHOPIFY, WOOCOMMERCE or JTL)");
        }
        if (blank(s.getBaseUrl())) {
            throw new IllegalStateException(at + ".base-url is required");
        }
        if (s.getPlatform() == Platform.SHOPIFY && blank(s.getShopDomain())) {
            throw new IllegalStateException(at + ".shop-domain is required for SHOPIFY");
        }
        if (s.getPlatform() == Platform.WOOCOMMERCE && blank(s.getSourceUrl())) {
            throw new IllegalStateException(at + ".source-url is required for WOOCOMMERCE");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public boolean hasClient(String clientId) {
        return clients.containsKey(clientId);
    }

    public Map<String, SyncProperties.Client> clients() {
        return clients;
    }

    public Collection<Channel> channels() {
        return channels.values();
    }

    public Optional<Channel> channel(String channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }

    /** The enabled channels of a client. */
    public List<Channel> channelsOf(String clientId) {
        List<Channel> out = new ArrayList<>();
        for (Channel channel : channels.values()) {
            if (channel.clientId().equals(clientId) && channel.settings().isEnabled()) {
                out.add(channel);
            }
        }
        return out;
    }

    /** The enabled channels of a client, as the merge sees them. */
    public List<ChannelRef> channelRefs(String clientId) {
        return channelsOf(clientId).stream().map(Channel::ref).toList();
    }

    /** The Shopify channel that signs webhooks with this X-Shopify-Shop-Domain. */
    public Optional<Channel> byShopDomain(String shopDomain) {
        if (shopDomain == null) {
            return Optional.empty();
        }
        String wanted = shopDomain.trim().toLowerCase(Locale.ROOT);
        return channels.values().stream()
                .filter(c -> c.platform() == Platform.SHOPIFY && c.settings().isEnabled()
                        && wanted.equals(c.settings().getShopDomain().trim().toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /** The WooCommerce channel whose X-WC-Webhook-Source this is; trailing slashes do not matter. */
    public Optional<Channel> bySourceUrl(String sourceUrl) {
        if (sourceUrl == null) {
            return Optional.empty();
        }
        String wanted = stripSlash(sourceUrl.trim().toLowerCase(Locale.ROOT));
        return channels.values().stream()
                .filter(c -> c.platform() == Platform.WOOCOMMERCE && c.settings().isEnabled()
                        && wanted.equals(stripSlash(c.settings().getSourceUrl().trim().toLowerCase(Locale.ROOT))))
                .findFirst();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
