package com.nolimits.synchub.outbound;

import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ChannelSettings;
import com.nolimits.synchub.channel.RateLimit;
import com.nolimits.synchub.merge.Platform;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelRateLimiterTest {

    final ChannelRateLimiter limiter = new ChannelRateLimiter();

    static Channel channel(Platform platform, Integer bucket, Integer rate) {
        ChannelSettings settings = new ChannelSettings();
        settings.setPlatform(platform);
        RateLimit limit = new RateLimit();
        limit.setBucketSize(bucket);
        limit.setRestoreRate(rate);
        settings.setRateLimit(limit);
        return new Channel("c-" + platform + bucket + rate, "client", settings);
    }

    static long millis(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    void acquire(Channel channel, int cost) {
        try {
            limiter.acquire(channel, cost);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFullBucketIsSpentAtOnceThenCallsWaitForItToRefill() {
        Channel channel = channel(Platform.SHOPIFY, 20, 100); // 20 points, 100 points per second
        assertThat(millis(() -> { acquire(channel, 10); acquire(channel, 10); })).isLessThan(50);
        assertThat(millis(() -> acquire(channel, 10))).isGreaterThanOrEqualTo(80); // 10 points take 100 ms to come back
    }

    @Test
    void theDispatcherIsToldHowManyCallsEachBudgetPaysForNow() {
        Channel channel = channel(Platform.SHOPIFY, 30, 1); // 30 points, slow to refill
        acquire(channel, 10);
        assertThat(limiter.callsAffordable()).containsEntry(channel.id(), 2);
        acquire(channel, 10);
        acquire(channel, 10);
        assertThat(limiter.callsAffordable()).containsEntry(channel.id(), 0);
    }

    @Test
    void whatThePlatformReportsReplacesTheHubsEstimate() {
        Channel channel = channel(Platform.SHOPIFY, 1000, 100);
        limiter.observe(channel, 0); // another app on the same shop spent the bucket
        assertThat(millis(() -> acquire(channel, 10))).isGreaterThanOrEqualTo(80);
    }

    @Test
    void shopifyHasTheStandardPlanBudgetByDefaultAndTheOthersNone() {
        assertThat(new RateLimit().bucketSizeOr(Platform.SHOPIFY)).isEqualTo(2000);
        assertThat(new RateLimit().restoreRateOr(Platform.SHOPIFY)).isEqualTo(100);
        Channel woo = channel(Platform.WOOCOMMERCE, null, null);
        assertThat(millis(() -> { for (int i = 0; i < 10_000; i++) acquire(woo, 1); })).isLessThan(1000);
    }
}
