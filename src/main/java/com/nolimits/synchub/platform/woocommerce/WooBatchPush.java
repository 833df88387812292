package com.nolimits.synchub.platform.woocommerce;

import com.nolimits.synchub.channel.SyncProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.outbound.JobDispatcher;
import com.nolimits.synchub.outbound.JobLeases;
import com.nolimits.synchub.outbound.JobOutcome;
import com.nolimits.synchub.outbound.Push;
import com.nolimits.synchub.outbound.JobTakenOverException;
import com.nolimits.synchub.outbound.PushFailedException;
import com.nolimits.synchub.store.Job;
import com.nolimits.synchub.store.JobClaims;
import com.nolimits.synchub.store.JobStore;
import com.nolimits.synchub.store.LinkConflictException;
import com.nolimits.synchub.store.PushRecordStore;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Called by routes/push-woocommerce-batch.camel.yaml: sends a full sync's WooCommerce jobs of one channel
 * through {@code POST /products/batch}, up to 100 products per call (docs/platforms.md), with the same
 * product body as a single push. WooCommerce answers each item on its own, in request order: a product
 * it rejected carries an {@code error} inside the 200, and only that job fails or is retried. A failed
 * call as a whole goes to the shared error handling, which retries every job still in the batch.
 */
@Component
public class WooBatchPush {

    /** WooCommerce accepts at most 100 items per batch call. */
    static final int MAX_ITEMS = 100;
    private static final String ITEMS = ExchangeKeys.BATCH_ITEMS;

    private final JobClaims claims;
    private final JobDispatcher dispatcher;
    private final JobOutcome outcome;
    private final JobLeases leases;
    private final WooPush single;
    private final PushRecordStore pushes;
    private final ObjectMapper json;
    private final int batchSize;
    private final int leaseSeconds;
    private final boolean enabled;

    public WooBatchPush(JobClaims claims, JobDispatcher dispatcher, JobOutcome outcome, JobLeases leases, WooPush single,
                        PushRecordStore pushes, ObjectMapper json,
                        SyncProperties properties) {
        int batchSize = properties.getWoocommerce().getBatchSize(); // 1 to MAX_ITEMS: SyncProperties validates it
        int leaseSeconds = (int) properties.getQueue().getLease().toSeconds();
        boolean enabled = properties.getQueue().isDispatchEnabled();
        this.claims = claims;
        this.dispatcher = dispatcher;
        this.outcome = outcome;
        this.leases = leases;
        this.single = single;
        this.pushes = pushes;
        this.json = json;
        this.batchSize = batchSize;
        this.leaseSeconds = leaseSeconds;
        this.enabled = enabled;
    }

    /** One product of the batch: its push, the values sent (as the echo will show them) and its in-flight push record. */
    private record Item(Push push, Map<ProductField, Object> pushed, long pushRecordId) {
    }

    /** Leases up to sync.woocommerce.batch-size due full-sync jobs of one WooCommerce channel. */
    public List<Job> claim() {
        if (!enabled) {
            return List.of();
        }
        List<Job> claimed = claims.claimFullSyncBatch(batchSize, leaseSeconds, JobStore.operation(Platform.WOOCOMMERCE));
        leases.hold(claimed);
        return claimed;
    }

    /**
     * Builds {"create": [...], "update": [...]} from the products' current state. A job whose product or
     * channel is gone fails on its own here and is left out.
     */
    public void prepare(Exchange exchange) throws Exception {
        @SuppressWarnings("unchecked")
        List<Job> claimed = exchange.getIn().getBody(List.class);
        List<Item> creates = new ArrayList<>();
        List<Item> updates = new ArrayList<>();
        List<Map<String, Object>> createBodies = new ArrayList<>();
        List<Map<String, Object>> updateBodies = new ArrayList<>();
        for (Job job : claimed) {
            Push push;
            try {
                leases.start(job);
                push = dispatcher.load(job);
            } catch (PushFailedException | JobTakenOverException e) {
                outcome.retryOrFail(job, null, e);
                continue;
            }
            Map<String, Object> body = single.body(push);
            Map<ProductField, Object> pushed = single.echoValues(body);
            Item item = new Item(push, pushed, pushes.begin(push.product().id(), push.channel().id(), pushed));
            if (push.creates()) {
                creates.add(item);
                createBodies.add(body);
            } else {
                Map<String, Object> update = new LinkedHashMap<>();
                update.put("id", Long.parseLong(push.link().orElseThrow().externalId()));
                update.putAll(body);
                updates.add(item);
                updateBodies.add(update);
            }
        }
        List<Item> items = new ArrayList<>(creates);
        items.addAll(updates);
        // the error handler retries every push still listed here; handle() takes each out once answered
        exchange.setProperty(Push.BATCH_PROPERTY, new ArrayList<>(items.stream().map(Item::push).toList()));
        exchange.setProperty(ITEMS, items);
        exchange.getIn().removeHeaders("*");
        if (!items.isEmpty()) {
            var channel = items.get(0).push().channel().settings();
            exchange.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
            exchange.getIn().setHeader(Exchange.HTTP_URI, WooPush.productsUrl(channel) + "/batch");
            WooPush.setJsonHeaders(exchange, channel);
        }
        exchange.getIn().setBody(json.writeValueAsString(Map.of("create", createBodies, "update", updateBodies)));
    }

    /** Whether prepare() left anything to send. */
    public boolean hasItems(Exchange exchange) {
        List<?> items = exchange.getProperty(ITEMS, List.class);
        return items != null && !items.isEmpty();
    }

    /** Maps WooCommerce's per-item answers back to their jobs, in request order: creates first, then updates. */
    public void handle(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String answer = exchange.getMessage().getBody(String.class);
        if (!PushFailedException.isSuccess(status)) {
            throw PushFailedException.forStatus("WooCommerce", status,
                    exchange.getMessage().getHeader("Retry-After", String.class), single.message(answer));
        }
        JsonNode results = single.read(answer);
        Iterator<JsonNode> created = results.path("create").elements();
        Iterator<JsonNode> updated = results.path("update").elements();
        @SuppressWarnings("unchecked")
        List<Item> items = exchange.getProperty(ITEMS, List.class);
        @SuppressWarnings("unchecked")
        List<Push> unanswered = exchange.getProperty(Push.BATCH_PROPERTY, List.class);
        for (Item item : items) {
            Iterator<JsonNode> answers = item.push().creates() ? created : updated;
            JsonNode result = answers.hasNext() ? answers.next() : null;
            if (result == null) {
                outcome.retryOrFail(item.push().job(), item.push(),
                        new PushFailedException(true, "WooCommerce's batch answer has no result for this product", 0));
            } else if (result.has("error")) {
                JsonNode error = result.path("error");
                outcome.retryOrFail(item.push().job(), item.push(), PushFailedException.forStatus("WooCommerce",
                        error.path("data").path("status").asInt(400), 0, error.path("message").asText(error.toString())));
            } else {
                recordPushed(item, result);
            }
            unanswered.remove(item.push());
        }
    }

    /** One item on its own: a problem recording it (a link held by another product) fails this job, not the batch. */
    private void recordPushed(Item item, JsonNode result) {
        try {
            single.recordPushed(item.push(), result, item.pushed(), item.pushRecordId());
        } catch (LinkConflictException e) {
            outcome.retryOrFail(item.push().job(), item.push(), PushFailedException.permanent(e.getMessage()));
            return;
        } catch (RuntimeException e) {
            outcome.retryOrFail(item.push().job(), item.push(), e);
            return;
        }
        outcome.complete(item.push());
    }
}
