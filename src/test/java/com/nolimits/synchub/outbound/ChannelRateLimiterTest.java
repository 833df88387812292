package com.nolimits.synchub.outbound;

import com.nolimits.synchub.HubTest;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ChannelSettings;
import com.nolimits.synchub.channel.RateLimit;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.store.ChannelBudgetStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API budget against the real database: one bucket per channel that every hub instance spends from
 * (each instance is a limiter of its own here, as in a cluster).
 */
@HubTest
class ChannelRateLimiterTest {

    @Autowired
    JdbcTemplate jdbc;

    ChannelRateLimiter instance() {
        return new ChannelRateLimiter(new ChannelBudgetStore(jdbc));
    }

    /** A channel of its own per test, so no test spends another's bucket. */
    static Channel channel(Platform platform, Integer bucket, Integer rate) {
        ChannelSettings settings = new ChannelSettings();
        settings.setPlatform(platform);
        RateLimit limit = new RateLimit();
        limit.setBucketSize(bucket);
        limit.setRestoreRate(rate);
        settings.setRateLimit(limit);
        return new Channel("c-" + UUID.randomUUID(), "client", settings);
    }

    static long millis(Runnable r) {
        long start = System.nanoTime();
        r.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    static void acquire(ChannelRateLimiter limiter, Channel channel, int cost) {
        try {
            limiter.acquire(channel, cost);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFullBucketIsSpentAtOnceThenCallsWaitForItToRefill() {
        ChannelRateLimiter limiter = instance();
        Channel channel = channel(Platform.SHOPIFY, 20, 100); // 20 points, 100 points per second
        assertThat(millis(() -> { acquire(limiter, channel, 10); acquire(limiter, channel, 10); })).isLessThan(500);
        assertThat(millis(() -> acquire(limiter, channel, 10))).isGreaterThanOrEqualTo(80); // 10 points take 100 ms to come back
    }

    @Test
    void twoInstancesSpendFromOneBucketAndTogetherStayWithinIt() throws Exception {
        Channel channel = channel(Platform.SHOPIFY, 20, 20); // 20 points, 20 points per second
        int cost = 5;
        AtomicInteger taken = new AtomicInteger();
        List<AtomicInteger> perInstance = List.of(new AtomicInteger(), new AtomicInteger());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        long started = System.nanoTime();
        long until = started + 1_500_000_000L;
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // two threads on each of two instances
            ChannelRateLimiter limiter = instance();
            AtomicInteger mine = perInstance.get(i % 2);
            running.add(threads.submit(() -> {
                while (System.nanoTime() < until) {
                    acquire(limiter, channel, cost);
                    taken.addAndGet(cost);
                    mine.addAndGet(cost);
                }
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        threads.shutdown();

        // what a single bucket allows over the run: its size, plus its refill, and no more
        assertThat((double) taken.get()).isLessThanOrEqualTo(20 + 20 * seconds);
        assertThat(taken.get()).isGreaterThanOrEqualTo(20 + cost); // it did refill and was spent again
        assertThat(perInstance).allSatisfy(points -> assertThat(points.get()).isPositive());
    }

    @Test
    void theDispatcherIsToldHowManyCallsEachBudgetPaysForNow() {
        ChannelRateLimiter limiter = instance();
        Channel channel = channel(Platform.SHOPIFY, 30, 1); // 30 points, slow to refill
        acquire(limiter, channel, 10);
        assertThat(instance().callsAffordable()).containsEntry(channel.id(), 2); // any instance sees it
        acquire(limiter, channel, 10);
        acquire(limiter, channel, 10);
        assertThat(limiter.callsAffordable()).containsEntry(channel.id(), 0);
    }

    @Test
    void whatThePlatformReportsToOneInstanceCorrectsTheBucketForAll() {
        Channel channel = channel(Platform.SHOPIFY, 1000, 100);
        ChannelRateLimiter first = instance();
        acquire(first, channel, 1);
        instance().observe(channel, 0); // another app on the same shop spent the bucket, seen by the other instance
        assertThat(millis(() -> acquire(first, channel, 10))).isGreaterThanOrEqualTo(80);
    }

    @Test
    void aReportOfMoreThanTheHubCountedDoesNotRaiseTheBucket() {
        Channel channel = channel(Platform.SHOPIFY, 20, 1); // slow to refill
        ChannelRateLimiter first = instance();
        acquire(first, channel, 20); // spent; another instance's call may be on its way
        first.observe(channel, 20); // an answer that cannot count the calls still on their way

        assertThat(first.callsAffordable()).containsEntry(channel.id(), 0);
    }

    @Test
    void shopifyHasTheStandardPlanBudgetByDefaultAndTheOthersNone() {
        assertThat(new RateLimit().bucketSizeOr(Platform.SHOPIFY)).isEqualTo(2000);
        assertThat(new RateLimit().restoreRateOr(Platform.SHOPIFY)).isEqualTo(100);
        Channel woo = channel(Platform.WOOCOMMERCE, null, null);
        ChannelRateLimiter limiter = instance();
        for (int i = 0; i < 100; i++) {
            acquire(limiter, woo, 1);
        }
        assertThat(jdbc.queryForObject("select count(*) from channel_budget where channel_id = ?", Integer.class, woo.id()))
                .isZero(); // an unlimited channel costs no statement
    }
}
