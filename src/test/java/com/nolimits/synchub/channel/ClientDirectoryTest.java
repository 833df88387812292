package com.nolimits.synchub.channel;

import com.nolimits.synchub.merge.FieldOwnershipFile;
import com.nolimits.synchub.merge.OwnershipRules;
import com.nolimits.synchub.merge.Platform;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientDirectoryTest {

    private static final OwnershipRules RULES = FieldOwnershipFile.loadPackaged();

    private static ChannelSettings channel(Platform platform) {
        ChannelSettings s = new ChannelSettings();
        s.setPlatform(platform);
        s.setBaseUrl("http://localhost");
        s.setShopDomain("Acme.myshopify.com");
        s.setSourceUrl("https://shop.example/");
        s.setWebhookSecret("secret-value");
        s.setAccessToken("token-value");
        return s;
    }

    private static SyncProperties properties(String clientId, String channelId, ChannelSettings settings) {
        SyncProperties properties = new SyncProperties();
        SyncProperties.Client client = new SyncProperties.Client();
        client.getChannels().put(channelId, settings);
        properties.getClients().put(clientId, client);
        return properties;
    }

    @Test
    void findsChannelsByTheirWebhookIdentity() {
        SyncProperties properties = properties("acme", "acme-shopify", channel(Platform.SHOPIFY));
        properties.getClients().get("acme").getChannels().put("acme-woo", channel(Platform.WOOCOMMERCE));
        ClientDirectory directory = new ClientDirectory(properties, RULES);

        assertThat(directory.byShopDomain("acme.MYSHOPIFY.com")).map(Channel::id).contains("acme-shopify");
        assertThat(directory.byShopDomain("other.myshopify.com")).isEmpty();
        assertThat(directory.byShopDomain(null)).isEmpty();
        assertThat(directory.bySourceUrl("https://shop.example")).map(Channel::id).contains("acme-woo");
        assertThat(directory.bySourceUrl(null)).isEmpty();
        assertThat(directory.channelRefs("acme")).hasSize(2);
        assertThat(directory.channelRefs("other")).isEmpty();
    }

    @Test
    void shopifyChannelsWithoutASecretUseTheAppSecret() {
        ChannelSettings settings = channel(Platform.SHOPIFY);
        settings.setWebhookSecret(null);
        SyncProperties properties = properties("acme", "acme-shopify", settings);
        properties.setShopifyWebhookSecret("app-secret");
        new ClientDirectory(properties, RULES);
        assertThat(settings.getWebhookSecret()).isEqualTo("app-secret");
    }

    @Test
    void secretsNeverAppearInToString() {
        ChannelSettings settings = channel(Platform.SHOPIFY);
        settings.setConsumerSecret("cs-value");
        settings.setClientSecret("client-secret-value");
        settings.setRefreshToken("refresh-value");
        String text = properties("acme", "c", settings).toString() + new Channel("c", "acme", settings);
        assertThat(text).contains("Acme.myshopify.com")
                .doesNotContain("secret-value", "token-value", "cs-value", "client-secret-value", "refresh-value");
    }

    @Test
    void aBadChannelNamesTheProperty() {
        ChannelSettings noPlatform = channel(Platform.SHOPIFY);
        noPlatform.setPlatform(null);
        assertThatThrownBy(() -> new ClientDirectory(properties("acme", "x", noPlatform), RULES))
                .hasMessage("sync.clients.acme.channels.x.platform is required (SHOPIFY, WOOCOMMERCE or JTL)");
        ChannelSettings noUrl = channel(Platform.JTL);
        noUrl.setBaseUrl(" ");
        assertThatThrownBy(() -> new ClientDirectory(properties("acme", "x", noUrl), RULES))
                .hasMessage("sync.clients.acme.channels.x.base-url is required");
        ChannelSettings noDomain = channel(Platform.SHOPIFY);
        noDomain.setShopDomain(null);
        assertThatThrownBy(() -> new ClientDirectory(properties("acme", "x", noDomain), RULES))
                .hasMessage("sync.clients.acme.channels.x.shop-domain is required for SHOPIFY");
        ChannelSettings noSource = channel(Platform.WOOCOMMERCE);
        noSource.setSourceUrl(null);
        assertThatThrownBy(() -> new ClientDirectory(properties("acme", "x", noSource), RULES))
                .hasMessage("sync.clients.acme.channels.x.source-url is required for WOOCOMMERCE");
    }

    @Test
    void channelIdsAreGlobalAndOverridesNeedAClient() {
        SyncProperties properties = properties("acme", "shared-id", channel(Platform.JTL));
        SyncProperties.Client other = new SyncProperties.Client();
        other.getChannels().put("shared-id", channel(Platform.JTL));
        properties.getClients().put("other", other);
        assertThatThrownBy(() -> new ClientDirectory(properties, RULES)).hasMessageContaining("already used by client acme");

        OwnershipRules withOverride = new OwnershipRules(RULES.defaults(),
                java.util.Map.of("ghost", java.util.Map.of()), RULES.conflictWindow());
        assertThatThrownBy(() -> new ClientDirectory(properties("acme", "x", channel(Platform.JTL)), withOverride))
                .hasMessage("config/field-ownership.yaml: client-overrides.ghost: no such client under sync.clients");
    }
}
