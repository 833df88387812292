package com.nolimits.synchub.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code sandbox.*} settings (src/main/resources/application-sandbox.yaml): which simulated shops, sites and
 * warehouse accounts exist, their credentials and where their webhooks go.
 */
@ConfigurationProperties(prefix = "sandbox")
public class SandboxProperties {

    /** Where webhooks go when a shop sets no webhook-url; empty = this process's own port. */
    private String hubUrl;
    private Map<String, Shop> shopify = new LinkedHashMap<>();
    private Map<String, Site> woocommerce = new LinkedHashMap<>();
    private Map<String, Merchant> jtl = new LinkedHashMap<>();

    public String getHubUrl() { return hubUrl; }
    public void setHubUrl(String hubUrl) { this.hubUrl = hubUrl; }
    public Map<String, Shop> getShopify() { return shopify; }
    public void setShopify(Map<String, Shop> shopify) { this.shopify = shopify; }
    public Map<String, Site> getWoocommerce() { return woocommerce; }
    public void setWoocommerce(Map<String, Site> woocommerce) { this.woocommerce = woocommerce; }
    public Map<String, Merchant> getJtl() { return jtl; }
    public void setJtl(Map<String, Merchant> jtl) { this.jtl = jtl; }

    public static class Shop {
        private String domain;
        private String accessToken;
        private String webhookSecret;
        private String webhookUrl;
        private long locationId = 1;
        private int bucketSize = 2000;
        private int restoreRate = 100;
        private long retryBaseMs = 1000;

        public String getDomain() { return domain; }
        public void setDomain(String domain) { this.domain = domain; }
        public String getAccessToken() { return accessToken; }
        public void setAccessToken(String accessToken) { this.accessToken = accessToken; }
        public String getWebhookSecret() { return webhookSecret; }
        public void setWebhookSecret(String webhookSecret) { this.webhookSecret = webhookSecret; }
        public String getWebhookUrl() { return webhookUrl; }
        public void setWebhookUrl(String webhookUrl) { this.webhookUrl = webhookUrl; }
        public long getLocationId() { return locationId; }
        public void setLocationId(long locationId) { this.locationId = locationId; }
        public int getBucketSize() { return bucketSize; }
        public void setBucketSize(int bucketSize) { this.bucketSize = bucketSize; }
        public int getRestoreRate() { return restoreRate; }
        public void setRestoreRate(int restoreRate) { this.restoreRate = restoreRate; }
        public long getRetryBaseMs() { return retryBaseMs; }
        public void setRetryBaseMs(long retryBaseMs) { this.retryBaseMs = retryBaseMs; }
    }

    public static class Site {
        private String siteUrl;
        private String consumerKey;
        private String consumerSecret;
        private String webhookSecret;
        private String webhookUrl;
        private long deliveryDelayMs = 100;

        public String getSiteUrl() { return siteUrl; }
        public void setSiteUrl(String siteUrl) { this.siteUrl = siteUrl; }
        public String getConsumerKey() { return consumerKey; }
        public void setConsumerKey(String consumerKey) { this.consumerKey = consumerKey; }
        public String getConsumerSecret() { return consumerSecret; }
        public void setConsumerSecret(String consumerSecret) { this.consumerSecret = consumerSecret; }
        public String getWebhookSecret() { return webhookSecret; }
        public void setWebhookSecret(String webhookSecret) { this.webhookSecret = webhookSecret; }
        public String getWebhookUrl() { return webhookUrl; }
        public void setWebhookUrl(String webhookUrl) { this.webhookUrl = webhookUrl; }
        public long getDeliveryDelayMs() { return deliveryDelayMs; }
        public void setDeliveryDelayMs(long deliveryDelayMs) { this.deliveryDelayMs = deliveryDelayMs; }
    }

    public static class Merchant {
        private String clientId;
        private String clientSecret;
        private String refreshToken;
        private long accessTokenTtlSeconds = 1800;
        private int chunkSize = 50;
        private String warehouseId = "WH01";

        public String getClientId() { return clientId; }
        public void setClientId(String clientId) { this.clientId = clientId; }
        public String getClientSecret() { return clientSecret; }
        public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
        public String getRefreshToken() { return refreshToken; }
        public void setRefreshToken(String refreshToken) { this.refreshToken = refreshToken; }
        public long getAccessTokenTtlSeconds() { return accessTokenTtlSeconds; }
        public void setAccessTokenTtlSeconds(long accessTokenTtlSeconds) { this.accessTokenTtlSeconds = accessTokenTtlSeconds; }
        public int getChunkSize() { return chunkSize; }
        public void setChunkSize(int chunkSize) { this.chunkSize = chunkSize; }
        public String getWarehouseId() { return warehouseId; }
        public void setWarehouseId(String warehouseId) { this.warehouseId = warehouseId; }
    }
}
