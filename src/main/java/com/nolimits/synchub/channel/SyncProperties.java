package com.nolimits.synchub.channel;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code sync.*} settings of config/application.yaml. */
@ConfigurationProperties(prefix = "sync")
public class SyncProperties {

    /** config/field-ownership.yaml, relative to the working directory unless absolute. */
    private String fieldOwnershipFile = "config/field-ownership.yaml";
    /** Fallback webhook secret of Shopify channels that set none (the app's client secret). */
    private String shopifyWebhookSecret;
    private Map<String, Client> clients = new LinkedHashMap<>();
    private final Queue queue = new Queue();
    private final Jtl jtl = new Jtl();

    public String getFieldOwnershipFile() { return fieldOwnershipFile; }
    public void setFieldOwnershipFile(String fieldOwnershipFile) { this.fieldOwnershipFile = fieldOwnershipFile; }
    public String getShopifyWebhookSecret() { return shopifyWebhookSecret; }
    public void setShopifyWebhookSecret(String shopifyWebhookSecret) { this.shopifyWebhookSecret = shopifyWebhookSecret; }
    public Queue getQueue() { return queue; }
    public Jtl getJtl() { return jtl; }
    public Map<String, Client> getClients() { return clients; }
    public void setClients(Map<String, Client> clients) { this.clients = clients; }

    @Override
    public String toString() {
        return "SyncProperties{fieldOwnershipFile=" + fieldOwnershipFile + ", clients=" + clients + "}";
    }

    /** The outbound job queue (SYNC_QUEUE_* and SYNC_MAX_RETRIES). */
    public static class Queue {
        private int batchSize = 10;
        private long pollIntervalMs = 5000;
        private int maxRetries = 3;
        private long retryDelayMs = 60000;

        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
        public long getPollIntervalMs() { return pollIntervalMs; }
        public void setPollIntervalMs(long pollIntervalMs) { this.pollIntervalMs = pollIntervalMs; }
        public int getMaxRetries() { return maxRetries; }
        public void setMaxRetries(int maxRetries) { this.maxRetries = maxRetries; }
        public long getRetryDelayMs() { return retryDelayMs; }
        public void setRetryDelayMs(long retryDelayMs) { this.retryDelayMs = retryDelayMs; }
    }

    /** JTL-FFN polling (JTL_POLL_INTERVAL_MS). */
    public static class Jtl {
        private long pollIntervalMs = 120000;

        public long getPollIntervalMs() { return pollIntervalMs; }
        public void setPollIntervalMs(long pollIntervalMs) { this.pollIntervalMs = pollIntervalMs; }
    }

    /** A merchant (tenant) and its channels. */
    public static class Client {
        private String name;
        /** The client's own management API key (X-API-Key): reaches only this client's data. */
        private String apiKey;
        private Map<String, ChannelSettings> channels = new LinkedHashMap<>();

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getApiKey() { return apiKey; }
        public void setApiKey(String apiKey) { this.apiKey = apiKey; }
        public Map<String, ChannelSettings> getChannels() { return channels; }
        public void setChannels(Map<String, ChannelSettings> channels) { this.channels = channels; }

        @Override
        public String toString() {
            return "Client{name=" + name + ", channels=" + channels + "}";
        }
    }
}
