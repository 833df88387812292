package com.nolimits.synchub.channel;

import com.nolimits.synchub.merge.Platform;

/**
 * One connected shop or warehouse account, bound from
 * {@code sync.clients.<clientId>.channels.<channelId>} in application.yaml. Secrets come from the
 * environment through placeholders and are left out of {@link #toString()} so they never reach a log.
 */
public class ChannelSettings {

    private Platform platform;
    private String baseUrl;
    /** Shopify: name.myshopify.com, sent as X-Shopify-Shop-Domain. */
    private String shopDomain;
    /** WooCommerce: the site URL sent as X-WC-Webhook-Source. */
    private String sourceUrl;
    /** Shopify: the location whose stock the hub sets. */
    private String locationId;
    /** Shopify Admin API version, e.g. 2026-04. */
    private String apiVersion = "2026-04";
    private boolean enabled = true;
    /** Shopify, WooCommerce: the hub registers (and keeps) its webhook subscriptions at start-up. */
    private boolean registerWebhooks;
    /** The platform's API budget the hub keeps inside; unset = the platform's default (see {@link RateLimit}). */
    private RateLimit rateLimit = new RateLimit();
    /** JTL-FFN: the OAuth2 token endpoint; default: base-url with its trailing /api replaced by /oauth2/token. */
    private String tokenUrl;
    /** JTL-FFN: where the merchant allows the hub (the connect flow); default: token-url's /token replaced by /authorize. */
    private String authorizeUrl;
    /** JTL-FFN: the scopes the connect flow asks for. */
    private String scope = "ffn.merchant.read ffn.merchant.write";
    // secrets
    private String webhookSecret;
    private String accessToken;
    private String consumerKey;
    private String consumerSecret;
    private String clientId;
    private String clientSecret;
    private String refreshToken;

    public Platform getPlatform() { return platform; }
    public void setPlatform(Platform platform) { this.platform = platform; }
    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getShopDomain() { return shopDomain; }
    public void setShopDomain(String shopDomain) { this.shopDomain = shopDomain; }
    public String getSourceUrl() { return sourceUrl; }
    public void setSourceUrl(String sourceUrl) { this.sourceUrl = sourceUrl; }
    public String getLocationId() { return locationId; }
    public void setLocationId(String locationId) { this.locationId = locationId; }
    public String getApiVersion() { return apiVersion; }
    public void setApiVersion(String apiVersion) { this.apiVersion = apiVersion; }
    public String getTokenUrl() {
        return tokenUrl != null && !tokenUrl.isBlank() ? tokenUrl
                : baseUrl.replaceAll("/+$", "").replaceAll("/api$", "") + "/oauth2/token";
    }
    public void setTokenUrl(String tokenUrl) { this.tokenUrl = tokenUrl; }
    public String getAuthorizeUrl() {
        return authorizeUrl != null && !authorizeUrl.isBlank() ? authorizeUrl : getTokenUrl().replaceAll("/token$", "/authorize");
    }
    public void setAuthorizeUrl(String authorizeUrl) { this.authorizeUrl = authorizeUrl; }
    public String getScope() { return scope; }
    public void setScope(String scope) { this.scope = scope; }
    public RateLimit getRateLimit() { return rateLimit; }
    public void setRateLimit(RateLimit rateLimit) { this.rateLimit = rateLimit; }
    public boolean isRegisterWebhooks() { return registerWebhooks; }
    public void setRegisterWebhooks(boolean registerWebhooks) { this.registerWebhooks = registerWebhooks; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getWebhookSecret() { return webhookSecret; }
    public void setWebhookSecret(String webhookSecret) { this.webhookSecret = webhookSecret; }
    public String getAccessToken() { return accessToken; }
    public void setAccessToken(String accessToken) { this.accessToken = accessToken; }
    public String getConsumerKey() { return consumerKey; }
    public void setConsumerKey(String consumerKey) { this.consumerKey = consumerKey; }
    public String getConsumerSecret() { return consumerSecret; }
    public void setConsumerSecret(String consumerSecret) { this.consumerSecret = consumerSecret; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getClientSecret() { return clientSecret; }
    public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
    public String getRefreshToken() { return refreshToken; }
    public void setRefreshToken(String refreshToken) { this.refreshToken = refreshToken; }

    @Override
    public String toString() {
        return "ChannelSettings{platform=" + platform + ", baseUrl=" + baseUrl + ", shopDomain=" + shopDomain
                + ", sourceUrl=" + sourceUrl + ", locationId=" + locationId + ", enabled=" + enabled + "}";
    }
}
