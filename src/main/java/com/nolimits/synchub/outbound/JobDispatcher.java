package com.nolimits.synchub.outbound;

import com.nolimits.synchub.channel.SyncProperties;
import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.camel.RouteGateway;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.Job;
import com.nolimits.synchub.store.JobClaims;
import com.nolimits.synchub.store.JobStore;
import com.nolimits.synchub.store.LinkStore;
import com.nolimits.synchub.store.Product;
import com.nolimits.synchub.store.ProductStore;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Called by routes/outbound-dispatch.camel.yaml: claims a batch of due jobs and tells the recipient list
 * which push route each one goes to (direct:push-shopify, direct:push-woocommerce, direct:push-jtl).
 */
@Component
public class JobDispatcher {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JobDispatcher.class);

    public static final String ENDPOINT_HEADER = ExchangeKeys.PUSH_ENDPOINT;
    /** Set by {@link #claim}: a channel got no jobs because its API budget is spent for the moment. */
    public static final String BUDGET_HELD_BACK_HEADER = ExchangeKeys.BUDGET_HELD_BACK;

    private final JobClaims claims;
    private final RouteGateway routes;
    private final ProductStore products;
    private final LinkStore links;
    private final ClientDirectory directory;
    private final ChannelRateLimiter rateLimiter;
    private final CreateOnce createOnce;
    private final JobLeases leases;
    private final int batchSize;
    private final int leaseSeconds;
    private final boolean enabled;

    public JobDispatcher(JobClaims claims, RouteGateway routes, ProductStore products, LinkStore links,
                         ClientDirectory directory, ChannelRateLimiter rateLimiter, CreateOnce createOnce, JobLeases leases,
                         SyncProperties properties) {
        this.claims = claims;
        this.routes = routes;
        this.products = products;
        this.links = links;
        this.directory = directory;
        this.rateLimiter = rateLimiter;
        this.createOnce = createOnce;
        this.leases = leases;
        this.batchSize = properties.getQueue().getBatchSize();
        this.leaseSeconds = (int) properties.getQueue().getLease().toSeconds();
        this.enabled = properties.getQueue().isDispatchEnabled();
    }

    /**
     * Claims due jobs of the platforms whose push route (routes/push-&lt;platform&gt;.camel.yaml) is deployed;
     * jobs of a platform without one stay pending, visible in queue-status, until it is.
     */
    public List<Job> claim(org.apache.camel.Exchange exchange) {
        List<String> operations = java.util.Arrays.stream(com.nolimits.synchub.merge.Platform.values())
                .filter(p -> routes.isDeployed("push-" + p.name().toLowerCase()))
                .map(JobStore::operation).toList();
        if (!enabled || operations.isEmpty()) {
            return List.of();
        }
        // full-sync jobs of a platform with a deployed batch route (routes/push-<platform>-batch.camel.yaml) go there
        List<String> batched = java.util.Arrays.stream(com.nolimits.synchub.merge.Platform.values())
                .filter(p -> routes.isDeployed("push-" + p.name().toLowerCase() + "-batch"))
                .map(JobStore::operation).toList();
        java.util.Map<String, Integer> budget = rateLimiter.callsAffordable();
        exchange.getIn().setHeader(BUDGET_HELD_BACK_HEADER, budget.containsValue(0));
        List<Job> claimed = claims.claim(batchSize, leaseSeconds, operations, batched, budget);
        leases.hold(claimed);
        if (!claimed.isEmpty()) {
            log.debug("Claimed {} job(s): {}", claimed.size(), claimed.stream().map(Job::id).toList());
        }
        return claimed;
    }

    /**
     * Renews the job's lease (its push starts now; {@link JobTakenOverException} when another claim took it
     * while it waited in the batch), loads what the push needs and picks the push route by the channel's platform.
     */
    public void route(Exchange exchange) {
        Job job = exchange.getIn().getBody(Job.class);
        // the push's log lines carry product, channel and origin; JobOutcome clears them when the job ends
        com.nolimits.synchub.sync.SyncMdc.of(job.productId(), job.channelId(), job.triggerOrigin());
        leases.start(job);
        Push push = load(job);
        exchange.setProperty(Push.PROPERTY, push);
        exchange.getIn().setHeader(ENDPOINT_HEADER, "direct:push-" + push.channel().platform().name().toLowerCase());
    }

    /**
     * The job with its channel, the product's current state and its link (found on the platform by sku when an
     * earlier create went unanswered: {@link CreateOnce}); permanent failure if the product or channel is gone.
     */
    public Push load(Job job) {
        Channel channel = directory.channel(job.channelId()).orElseThrow(() ->
                PushFailedException.permanent("channel " + job.channelId() + " is no longer configured"));
        Product product = products.find(job.productId()).orElseThrow(() ->
                PushFailedException.permanent("product " + job.productId() + " no longer exists"));
        Set<ProductField> changed = EnumSet.noneOf(ProductField.class);
        job.fields().forEach(key -> ProductField.byKey(key).ifPresent(changed::add));
        Push push = new Push(job, channel, product, links.of(product.id(), channel.id()), changed, System.nanoTime());
        return push.creates() ? new Push(job, channel, product, createOnce.link(push), changed, push.startedNanos()) : push;
    }
}
