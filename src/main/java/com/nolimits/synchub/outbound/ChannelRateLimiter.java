package com.nolimits.synchub.outbound;

import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.store.ChannelBudgetStore;
import com.nolimits.synchub.store.ChannelBudgetStore.Bucket;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Keeps the hub inside each channel's API budget (channel/RateLimit), so a full sync waits for the
 * bucket instead of running into 429s or THROTTLED. The bucket lives in PostgreSQL
 * (store/ChannelBudgetStore): with several hub instances they all spend from it, and a platform that
 * reports less left than the hub thought (Shopify's throttleStatus, when another app spends from the same
 * shop) lowers it for all of them.
 */
@Component
public class ChannelRateLimiter {

    /** Exchange property: what the next call costs (Shopify's query cost points); unset, one point. */
    public static final String COST = ExchangeKeys.CALL_COST;

    private final ChannelBudgetStore budgets;

    public ChannelRateLimiter(ChannelBudgetStore budgets) {
        this.budgets = budgets;
    }

    /**
     * Route step before each platform call (routes/push-*.camel.yaml; a batch call's pushes all go to one
     * channel): waits until the channel's bucket holds the call's cost, then takes it.
     */
    public void acquire(Exchange exchange) throws InterruptedException {
        Push push = exchange.getProperty(Push.PROPERTY, Push.class);
        if (push == null) {
            @SuppressWarnings("unchecked")
            List<Push> batch = exchange.getProperty(Push.BATCH_PROPERTY, List.class);
            push = batch.get(0);
        }
        acquire(push.channel(), exchange.getProperty(COST, 1, Integer.class));
    }

    /** Blocks until the channel's bucket holds {@code cost} points (at most its size), then takes them. */
    public void acquire(Channel channel, int cost) throws InterruptedException {
        Bucket bucket = bucket(channel);
        if (bucket == null) {
            return;
        }
        double needed = Math.min(cost, bucket.size());
        long waitMs;
        while ((waitMs = budgets.take(channel.id(), bucket, needed)) > 0) {
            Thread.sleep(waitMs);
        }
    }

    /**
     * How many calls each rate-limited channel can pay for right now, counting the cost of its last call
     * (the dispatcher claims no more of its jobs than that).
     */
    public Map<String, Integer> callsAffordable() {
        return budgets.callsAffordable();
    }

    /**
     * What the platform says is left (Shopify: extensions.cost.throttleStatus.currentlyAvailable): the
     * bucket drops to it when the hub thought there was more.
     */
    public void observe(Channel channel, double currentlyAvailable) {
        if (bucket(channel) != null) {
            budgets.lowerTo(channel.id(), currentlyAvailable);
        }
    }

    private static Bucket bucket(Channel channel) {
        int size = channel.settings().getRateLimit().bucketSizeOr(channel.platform());
        int rate = channel.settings().getRateLimit().restoreRateOr(channel.platform());
        return size <= 0 || rate <= 0 ? null : new Bucket(size, rate);
    }
}
