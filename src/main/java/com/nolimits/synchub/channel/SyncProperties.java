package com.nolimits.synchub.channel;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DataSizeUnit;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.util.unit.DataUnit;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code sync.*} settings, one typed tree validated at start-up: a wrong value stops it, naming the
 * key. The defaults here are the ones src/main/resources/application.yaml documents (each key there also
 * names its environment variable; ConfigurationDefaultsTest keeps both the same). A duration takes a unit
 * ({@code 5s}, {@code 2m}); a bare number is read in the unit its field names, which keeps the variables
 * that end in _MS or _SECONDS working. The configuration processor turns the comments into the metadata
 * that completes {@code sync.*} keys in an editor.
 * <p>
 * Over 250 lines: it is the one place every setting is declared, group by group, as Spring Boot reads them.
 */
@ConfigurationProperties(prefix = "sync")
@Validated
public class SyncProperties {

    public static final String DEFAULT_FIELD_OWNERSHIP_FILE = "config/field-ownership.yaml";

    /** Replaces the packaged field-ownership rules when it exists; relative to the working directory unless absolute. */
    private String fieldOwnershipFile = DEFAULT_FIELD_OWNERSHIP_FILE;
    /** The folder of the YAML routes, used when it exists (else the routes packaged in the jar). */
    private String routesDir = "routes";
    /** The hub's address as the platforms reach it (webhooks, the JTL-FFN connect); unset: http://127.0.0.1:<port>. */
    private String publicUrl = "";
    /** This instance's name among several (cluster mode); unset: the host name and the process id. */
    private String instanceId = "";
    /** Fallback webhook secret of Shopify channels that set none (the app's client secret). */
    private String shopifyWebhookSecret;
    private Map<String, Client> clients = new LinkedHashMap<>();
    @Valid
    private final EmbeddedDb embeddedDb = new EmbeddedDb();
    @Valid
    private final Shutdown shutdown = new Shutdown();
    @Valid
    private final Secrets secrets = new Secrets();
    @Valid
    private final Queue queue = new Queue();
    @Valid
    private final Monitoring monitoring = new Monitoring();
    @Valid
    private final Cleanup cleanup = new Cleanup();
    @Valid
    private final ChangeEvents changeEvents = new ChangeEvents();
    @Valid
    private final WooCommerce woocommerce = new WooCommerce();
    @Valid
    private final Jtl jtl = new Jtl();
    @Valid
    private final Reconcile reconcile = new Reconcile();
    @Valid
    private final Webhooks webhooks = new Webhooks();

    public String getFieldOwnershipFile() { return fieldOwnershipFile; }
    public void setFieldOwnershipFile(String fieldOwnershipFile) { this.fieldOwnershipFile = fieldOwnershipFile; }
    public String getRoutesDir() { return routesDir; }
    public void setRoutesDir(String routesDir) { this.routesDir = routesDir; }
    public String getPublicUrl() { return publicUrl; }
    public void setPublicUrl(String publicUrl) { this.publicUrl = publicUrl; }
    public String getInstanceId() { return instanceId; }
    public void setInstanceId(String instanceId) { this.instanceId = instanceId; }
    public String getShopifyWebhookSecret() { return shopifyWebhookSecret; }
    public void setShopifyWebhookSecret(String shopifyWebhookSecret) { this.shopifyWebhookSecret = shopifyWebhookSecret; }
    public Map<String, Client> getClients() { return clients; }
    public void setClients(Map<String, Client> clients) { this.clients = clients; }
    public EmbeddedDb getEmbeddedDb() { return embeddedDb; }
    public Shutdown getShutdown() { return shutdown; }
    public Secrets getSecrets() { return secrets; }
    public Queue getQueue() { return queue; }
    public Monitoring getMonitoring() { return monitoring; }
    public Cleanup getCleanup() { return cleanup; }
    public ChangeEvents getChangeEvents() { return changeEvents; }
    public WooCommerce getWoocommerce() { return woocommerce; }
    public Jtl getJtl() { return jtl; }
    public Reconcile getReconcile() { return reconcile; }
    public Webhooks getWebhooks() { return webhooks; }

    @Override
    public String toString() { // never the secrets: clients print their channels' settings, which hide theirs
        return "SyncProperties{fieldOwnershipFile=" + fieldOwnershipFile + ", clients=" + clients + "}";
    }

    /** The embedded PostgreSQL, used when spring.datasource.url is not set. */
    public static class EmbeddedDb {
        /** Its data folder, kept across runs; delete it for a fresh database. */
        @NotBlank
        private String dataDir = "data/postgres";
        /** Its port; 0 = any free port. */
        @Min(0)
        @Max(65535)
        private int port;

        public String getDataDir() { return dataDir; }
        public void setDataDir(String dataDir) { this.dataDir = dataDir; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
    }

    /** The stop at SIGTERM. */
    public static class Shutdown {
        /** The process ends at the latest this long after SIGTERM, whatever is still in flight. */
        private Duration deadline = Duration.ofSeconds(25);

        public Duration getDeadline() { return deadline; }
        public void setDeadline(Duration deadline) { this.deadline = deadline; }
    }

    /** The key that seals the JTL-FFN tokens kept in the database. */
    public static class Secrets {
        /** AES-256 key, base64 of 32 bytes (openssl rand -base64 32); unset: no tokens are kept. */
        private String key = "";
        /** Make a key up for this run when none is set (the sandbox profile: tokens of earlier runs are then unreadable). */
        private boolean makeUpKey;

        public String getKey() { return key; }
        public void setKey(String key) { this.key = key; }
        public boolean isMakeUpKey() { return makeUpKey; }
        public void setMakeUpKey(boolean makeUpKey) { this.makeUpKey = makeUpKey; }

        @Override
        public String toString() {
            return "Secrets{key=" + (key == null || key.isBlank() ? "unset" : "set") + ", makeUpKey=" + makeUpKey + "}";
        }
    }

    /** The outbound job queue. */
    public static class Queue {
        /** False: jobs are queued but not pushed (maintenance). */
        private boolean dispatchEnabled = true;
        /** Jobs claimed per dispatcher round. */
        @Min(1)
        private int batchSize = 10;
        /** A claimed job's lease; a dead instance's jobs are taken over this long after its last renewal. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration lease = Duration.ofSeconds(120);
        /** How often this instance renews the leases of the jobs it holds (a third of the lease or less). */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration leaseRenewInterval = Duration.ofSeconds(30);
        /** Safety-net poll of the queue; a queued job wakes the dispatcher at once. */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration pollInterval = Duration.ofSeconds(5);
        /** Attempts before a job is failed. */
        @Min(1)
        private int maxRetries = 3;
        /** First retry delay, doubled each attempt. */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration retryDelay = Duration.ofSeconds(60);
        /** A job out of attempts on transient errors is queued again this long after it failed. */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration recoveryDelay = Duration.ofMinutes(5);
        /** How often a failed job is queued again that way. */
        @Min(0)
        private int maxRecoveries = 3;

        public boolean isDispatchEnabled() { return dispatchEnabled; }
        public void setDispatchEnabled(boolean dispatchEnabled) { this.dispatchEnabled = dispatchEnabled; }
        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
        public Duration getLease() { return lease; }
        public void setLease(Duration lease) { this.lease = lease; }
        public Duration getLeaseRenewInterval() { return leaseRenewInterval; }
        public void setLeaseRenewInterval(Duration leaseRenewInterval) { this.leaseRenewInterval = leaseRenewInterval; }
        public Duration getPollInterval() { return pollInterval; }
        public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
        public int getMaxRetries() { return maxRetries; }
        public void setMaxRetries(int maxRetries) { this.maxRetries = maxRetries; }
        public Duration getRetryDelay() { return retryDelay; }
        public void setRetryDelay(Duration retryDelay) { this.retryDelay = retryDelay; }
        public Duration getRecoveryDelay() { return recoveryDelay; }
        public void setRecoveryDelay(Duration recoveryDelay) { this.recoveryDelay = recoveryDelay; }
        public int getMaxRecoveries() { return maxRecoveries; }
        public void setMaxRecoveries(int maxRecoveries) { this.maxRecoveries = maxRecoveries; }
    }

    /** The health components "queue" and "channels". */
    public static class Monitoring {
        /** Warn when the oldest due job waited longer. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration queueWarnAfter = Duration.ofMinutes(10);
        /** List a channel as failing after this many failures in a row. */
        @Min(1)
        private int channelFailuresWarn = 3;

        public Duration getQueueWarnAfter() { return queueWarnAfter; }
        public void setQueueWarnAfter(Duration queueWarnAfter) { this.queueWarnAfter = queueWarnAfter; }
        public int getChannelFailuresWarn() { return channelFailuresWarn; }
        public void setChannelFailuresWarn(int channelFailuresWarn) { this.channelFailuresWarn = channelFailuresWarn; }
    }

    /** The daily clean-up (routes/daily-cleanup.camel.yaml). */
    public static class Cleanup {
        /** Finished jobs, processed webhooks, dedup keys and replaced push records older than this many days are deleted. */
        @Min(value = 1, message = "must be 1 or more: a smaller value would delete work finished moments ago")
        private int afterDays = 7;
        /** When the clean-up runs (Quartz cron). */
        @NotBlank
        private String cron = "0 30 3 * * ?";

        public int getAfterDays() { return afterDays; }
        public void setAfterDays(int afterDays) { this.afterDays = afterDays; }
        public String getCron() { return cron; }
        public void setCron(String cron) { this.cron = cron; }
    }

    /** The change_event outbox (routes/change-events.camel.yaml). */
    public static class ChangeEvents {
        /** Where every change of a hub product is published: any Camel endpoint. */
        @NotBlank
        private String uri = "log:com.nolimits.synchub.change-events?level=DEBUG";
        /** How often the outbox is published. */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration interval = Duration.ofSeconds(1);
        /** Events per transaction. */
        @Min(1)
        private int batchSize = 500;

        public String getUri() { return uri; }
        public void setUri(String uri) { this.uri = uri; }
        public Duration getInterval() { return interval; }
        public void setInterval(Duration interval) { this.interval = interval; }
        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
    }

    /** WooCommerce's batch endpoint. */
    public static class WooCommerce {
        /** Full-sync products per POST /products/batch (WooCommerce takes at most 100). */
        @Min(1)
        @Max(100)
        private int batchSize = 100;

        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
    }

    /** JTL-FFN, which has no webhooks: polled. */
    public static class Jtl {
        /** How often the warehouse is polled. */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration pollInterval = Duration.ofMinutes(2);
        /** How far back a channel's first poll reads. */
        @DurationUnit(ChronoUnit.HOURS)
        private Duration firstPollLookback = Duration.ofHours(24);
        /** After start-up, before the first poll. */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration firstPollDelay = Duration.ofSeconds(10);
        /** A token endpoint that failed for now is not asked again before this, doubled after each failure up to 5 minutes. */
        private Duration tokenBackoff = Duration.ofSeconds(5);

        public Duration getPollInterval() { return pollInterval; }
        public void setPollInterval(Duration pollInterval) { this.pollInterval = pollInterval; }
        public Duration getFirstPollLookback() { return firstPollLookback; }
        public void setFirstPollLookback(Duration firstPollLookback) { this.firstPollLookback = firstPollLookback; }
        public Duration getFirstPollDelay() { return firstPollDelay; }
        public void setFirstPollDelay(Duration firstPollDelay) { this.firstPollDelay = firstPollDelay; }
        public Duration getTokenBackoff() { return tokenBackoff; }
        public void setTokenBackoff(Duration tokenBackoff) { this.tokenBackoff = tokenBackoff; }
    }

    /** The sweep that repairs lost webhooks (routes/reconciliation.camel.yaml). */
    public static class Reconcile {
        /** How often the commerce channels are swept. */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration interval = Duration.ofMinutes(15);
        /** After start-up, before the first sweep. */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration firstSweepDelay = Duration.ofMinutes(1);

        public Duration getInterval() { return interval; }
        public void setInterval(Duration interval) { this.interval = interval; }
        public Duration getFirstSweepDelay() { return firstSweepDelay; }
        public void setFirstSweepDelay(Duration firstSweepDelay) { this.firstSweepDelay = firstSweepDelay; }
    }

    /** Incoming webhooks: their size, age, hand-off and merge, and the subscriptions the hub keeps. */
    public static class Webhooks {
        /** Larger bodies are answered 413, while they stream. */
        @DataSizeUnit(DataUnit.BYTES)
        private DataSize maxBodySize = DataSize.ofMegabytes(1);
        /** A Shopify delivery older than this (X-Shopify-Triggered-At) is answered 200 and not merged. */
        private Duration maxAge = Duration.ofHours(48);
        /** Where a stored webhook is handed to its merge: SEDA here, a Kafka topic in cluster mode. */
        @NotBlank
        private String eventsUri = "seda:webhook-events?size=10000&blockWhenFull=false&discardWhenFull=true&waitForTaskToComplete=Never";
        /** The safety-net poll leaves younger pending events to the hand-off. */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration handOffGrace = Duration.ofSeconds(3);
        /** The safety-net poll of stored webhooks. */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration inboxPoll = Duration.ofSeconds(1);
        /** Stored webhooks claimed at a time. */
        @Min(1)
        private int batchSize = 50;
        /** After this a crashed instance's events are taken over. */
        @DurationUnit(ChronoUnit.SECONDS)
        private Duration lease = Duration.ofSeconds(60);
        /** Then an event that keeps failing is marked failed. */
        @Min(1)
        private int maxAttempts = 5;
        /** How often the webhook subscriptions the hub keeps are checked and restored. */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration checkInterval = Duration.ofHours(1);
        /** No check sooner after start-up (it registers by itself). */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration firstCheckDelay = Duration.ofMinutes(5);

        public DataSize getMaxBodySize() { return maxBodySize; }
        public void setMaxBodySize(DataSize maxBodySize) { this.maxBodySize = maxBodySize; }
        public Duration getMaxAge() { return maxAge; }
        public void setMaxAge(Duration maxAge) { this.maxAge = maxAge; }
        public String getEventsUri() { return eventsUri; }
        public void setEventsUri(String eventsUri) { this.eventsUri = eventsUri; }
        public Duration getHandOffGrace() { return handOffGrace; }
        public void setHandOffGrace(Duration handOffGrace) { this.handOffGrace = handOffGrace; }
        public Duration getInboxPoll() { return inboxPoll; }
        public void setInboxPoll(Duration inboxPoll) { this.inboxPoll = inboxPoll; }
        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
        public Duration getLease() { return lease; }
        public void setLease(Duration lease) { this.lease = lease; }
        public int getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
        public Duration getCheckInterval() { return checkInterval; }
        public void setCheckInterval(Duration checkInterval) { this.checkInterval = checkInterval; }
        public Duration getFirstCheckDelay() { return firstCheckDelay; }
        public void setFirstCheckDelay(Duration firstCheckDelay) { this.firstCheckDelay = firstCheckDelay; }
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
