package com.nolimits.synchub.outbound;

import com.nolimits.synchub.camel.RouteGateway;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.channel.SyncProperties;
import com.nolimits.synchub.merge.MergeResult;
import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.merge.ProductSnapshot;
import com.nolimits.synchub.store.JobStore;
import com.nolimits.synchub.store.NewJob;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The steps of routes/fan-out-change.camel.yaml: a merged change goes, through a recipient list, to the
 * queue route of each platform whose channels must hear of it (routes/queue-push-&lt;platform&gt;.camel.yaml),
 * and each queues its channels' jobs, in the transaction of the change itself (a transactional outbox:
 * the jobs commit with the product or not at all).
 */
@Component("changeFanOut")
public class ChangeFanOut {

    static final String ROUTE = "direct:fan-out-change";

    /**
     * The pushes a merged change asks for: the body of the fan-out route, which a step in YAML can read
     * ({@code ${body.clientId()}}, {@code ${body.field('vendor')}}).
     *
     * @param eventId the platform event that caused it (null for hub edits)
     * @param product the product as the change left it
     */
    public record Pushes(UUID productId, String clientId, Origin origin, String eventId, List<MergeResult.Push> pushes,
                         ProductSnapshot product) {

        public boolean isEmpty() {
            return pushes.isEmpty();
        }

        /** The product's value of the field (by its key, e.g. "vendor"), as the change left it. */
        public Object field(String key) {
            return ProductField.byKey(key).map(product::value).orElseThrow(() ->
                    new IllegalArgumentException("no product field " + key));
        }
    }

    private final RouteGateway routes;
    private final ClientDirectory directory;
    private final JobStore jobs;
    private final int maxAttempts;

    public ChangeFanOut(RouteGateway routes, ClientDirectory directory, JobStore jobs, SyncProperties properties) {
        this.routes = routes;
        this.directory = directory;
        this.jobs = jobs;
        this.maxAttempts = properties.getQueue().getMaxRetries();
    }

    /** Fans the change out through the route, for a change made from Java (the management API, the JTL poll). */
    public void send(Pushes pushes) {
        if (!pushes.isEmpty()) {
            routes.callWith(ROUTE, pushes);
        }
    }

    /** The recipient list: one queue route per platform with a channel to push to, in the order of the pushes. */
    public List<String> recipients(Pushes pushes) {
        return pushes.pushes().stream().map(push -> directory.channel(push.channelId())).flatMap(Optional::stream)
                .map(channel -> "direct:queue-push-" + channel.platform().name().toLowerCase()).distinct().toList();
    }

    /**
     * Queues a job for each of the platform's channels that must hear of the change.
     *
     * @param platformName the platform as the route names it ({@code queue(${body}, SHOPIFY)}): taken as text
     *                     because Camel converts a route's literal to an enum through its converter registry on
     *                     every call, which the profile of a saturated hub showed at 3.7% of its CPU
     */
    public void queue(Pushes pushes, String platformName) {
        Platform platform = Platform.valueOf(platformName);
        for (MergeResult.Push push : pushes.pushes()) {
            Optional<Channel> channel = directory.channel(push.channelId()).filter(c -> c.platform() == platform);
            channel.ifPresent(c -> jobs.enqueue(NewJob.of(pushes.productId(), c.id(), pushes.clientId(), platform)
                    .fields(push.fields().stream().map(ProductField::key).toList()).correction(push.correction())
                    .triggeredBy(pushes.origin(), pushes.eventId()).attempts(maxAttempts)));
        }
    }
}
