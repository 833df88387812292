package com.nolimits.synchub.outbound;

import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.channel.Channel;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the hub inside each channel's API budget (channel/RateLimit), so a full sync waits for the
 * bucket instead of running into 429s or THROTTLED. The bucket is this instance's view; a platform
 * that reports its real state (Shopify's throttleStatus) corrects it after every call.
 */
@Component
public class ChannelRateLimiter {

    /** Exchange property: what the next call costs (Shopify's query cost points); unset, one point. */
    public static final String COST = ExchangeKeys.CALL_COST;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * Route step before each platform call (routes/push-*.camel.yaml; a batch call's pushes all go to one
     * channel): waits until the channel's bucket holds the call's cost, then takes it.
     */
    public void acquire(Exchange exchange) throws InterruptedException {
        Push push = exchange.getProperty(Push.PROPERTY, Push.class);
        if (push == null) {
            @SuppressWarnings("unchecked")
            java.util.List<Push> batch = exchange.getProperty(Push.BATCH_PROPERTY, java.util.List.class);
            push = batch.get(0);
        }
        acquire(push.channel(), exchange.getProperty(COST, 1, Integer.class));
    }

    /** Blocks until the channel's bucket holds {@code cost} points, then takes them. */
    public void acquire(Channel channel, int cost) throws InterruptedException {
        Bucket bucket = bucket(channel);
        if (bucket == null) {
            return;
        }
        long waitMs;
        while ((waitMs = bucket.take(cost)) > 0) {
            Thread.sleep(waitMs);
        }
    }

    /**
     * How many calls each rate-limited channel can pay for right now, counting the cost of its last call
     * (the dispatcher claims no more of its jobs than that).
     */
    public Map<String, Integer> callsAffordable() {
        Map<String, Integer> calls = new java.util.HashMap<>();
        buckets.forEach((channelId, bucket) -> calls.put(channelId, bucket.callsAffordable()));
        return calls;
    }

    /** What the platform says is left (Shopify: extensions.cost.throttleStatus.currentlyAvailable). */
    public void observe(Channel channel, double currentlyAvailable) {
        Bucket bucket = bucket(channel);
        if (bucket != null) {
            bucket.set(currentlyAvailable);
        }
    }

    private Bucket bucket(Channel channel) {
        int size = channel.settings().getRateLimit().bucketSizeOr(channel.platform());
        int rate = channel.settings().getRateLimit().restoreRateOr(channel.platform());
        if (size <= 0 || rate <= 0) {
            return null;
        }
        return buckets.computeIfAbsent(channel.id(), id -> new Bucket(size, rate));
    }

    private static final class Bucket {
        private final double size;
        private final double perMs;
        private double available;
        private double lastCost = 1;
        private long at = System.nanoTime();

        Bucket(int size, int perSecond) {
            this.size = size;
            this.perMs = perSecond / 1000.0;
            this.available = size;
        }

        /** @return 0 when taken, else how long to wait before trying again */
        synchronized long take(int cost) {
            refill();
            double needed = Math.min(cost, size);
            lastCost = needed;
            if (available >= needed) {
                available -= needed;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((needed - available) / perMs));
        }

        synchronized int callsAffordable() {
            refill();
            return (int) Math.floor(available / lastCost);
        }

        synchronized void set(double current) {
            refill();
            available = Math.min(size, current);
        }

        private void refill() {
            long now = System.nanoTime();
            available = Math.min(size, available + (now - at) / 1_000_000.0 * perMs);
            at = now;
        }
    }
}
