package com.nolimits.synchub.reconcile;

import com.nolimits.synchub.channel.SyncProperties;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.ingress.InboxStore;
import com.nolimits.synchub.ingress.WebhookRequest;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.store.WatermarkStore;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Called by routes/reconciliation.camel.yaml: webhooks get lost (WooCommerce never retries, Shopify gives
 * up after hours), so each commerce channel's products modified since the sweep's watermark are read
 * and stored in the webhook inbox as if they had come as webhooks. The same pipeline handles them:
 * an echo of the hub's own push is skipped, a state already applied merges to nothing, and a lost
 * change is applied once and pushed once. A product state is stored once: the dedup key is a hash of
 * the state, not its updated_at, which has whole seconds (two changes in one second are two states).
 */
@Component
public class Reconciliation {

    private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);
    /** Each sweep reads a minute before its watermark: a change the platform indexed late is still seen. */
    static final Duration OVERLAP = Duration.ofMinutes(1);

    private final ClientDirectory directory;
    private final Map<Platform, ProductPages> pages;
    private final WatermarkStore watermarks;
    private final InboxStore inbox;
    private final IdempotentRepository dedup;
    private final TransactionTemplate transaction;
    private final Clock clock;
    /** Quartz fires a new trigger at once; sweeps start only this long after start-up. */
    private final java.time.Instant firstSweepAt;

    public Reconciliation(ClientDirectory directory, List<ProductPages> pages, WatermarkStore watermarks, InboxStore inbox,
                          @Qualifier("webhookEventRepository") IdempotentRepository dedup, TransactionTemplate transaction,
                          Clock clock, SyncProperties properties) {
        this.directory = directory;
        this.pages = pages.stream().collect(Collectors.toMap(ProductPages::platform, Function.identity()));
        this.watermarks = watermarks;
        this.inbox = inbox;
        this.dedup = dedup;
        this.transaction = transaction;
        this.clock = clock;
        this.firstSweepAt = clock.instant().plus(properties.getReconcile().getFirstSweepDelay());
    }

    /** One sweep per enabled Shopify and WooCommerce channel. */
    public List<Sweep> sweeps() {
        List<Sweep> sweeps = new ArrayList<>();
        if (clock.instant().isBefore(firstSweepAt)) {
            return sweeps;
        }
        for (Channel channel : directory.channels()) {
            if (pages.containsKey(channel.platform()) && channel.settings().isEnabled()) {
                sweeps.add(new Sweep(channel));
            }
        }
        return sweeps;
    }

    /** A sweep of one channel now, whatever the schedule (the webhook check after it restored a subscription). */
    public Sweep sweepOf(Channel channel) {
        return new Sweep(channel);
    }

    public void start(Exchange exchange) {
        Sweep sweep = exchange.getIn().getBody(Sweep.class);
        sweep.until = clock.instant();
        // a channel's first sweep starts now: what happened before is what a full sync is for
        sweep.from = watermarks.readUntil(sweep.watermark()).orElse(sweep.until).minus(OVERLAP);
        sweep.next = "";
        exchange.setProperty(Sweep.PROPERTY, sweep);
    }

    public void request(Exchange exchange) throws Exception {
        Sweep sweep = exchange.getProperty(Sweep.PROPERTY, Sweep.class);
        pages.get(sweep.channel.platform()).request(exchange, sweep);
    }

    /** Stores the page's products in the inbox, each state once, in one transaction. */
    public void store(Exchange exchange) {
        Sweep sweep = exchange.getProperty(Sweep.PROPERTY, Sweep.class);
        List<ProductPages.ReadProduct> products = pages.get(sweep.channel.platform()).read(exchange, sweep);
        sweep.read += products.size();
        transaction.executeWithoutResult(status -> {
            for (ProductPages.ReadProduct product : products) {
                String key = "reconcile:" + sweep.channel.id() + ":" + product.resourceId() + ":"
                        + WebhookRequest.sha256(product.payload().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (dedup.add(key)) {
                    inbox.storeRead(sweep.channel, product.topic(), key, product.resourceId(), product.payload());
                    sweep.stored++;
                }
            }
        });
    }

    public void finish(Exchange exchange) {
        Sweep sweep = exchange.getProperty(Sweep.PROPERTY, Sweep.class);
        watermarks.advance(sweep.watermark(), sweep.until);
        if (sweep.stored > 0) {
            log.info("{}: {} product(s) modified since {}, {} new state(s) handed to the inbound pipeline", sweep,
                    sweep.read, sweep.from, sweep.stored);
        }
    }
}
