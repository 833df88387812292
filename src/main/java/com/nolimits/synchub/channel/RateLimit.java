package com.nolimits.synchub.channel;

import com.nolimits.synchub.merge.Platform;

/**
 * A channel's API budget as a token bucket ({@code rate-limit.bucket-size} points, refilled at
 * {@code rate-limit.restore-rate} points per second). Unset, Shopify gets its Standard plan's GraphQL
 * bucket (2000 points, 100/s); WooCommerce and JTL-FFN document no limit, so none is applied unless
 * configured (they still answer 429 with Retry-After, which the job retry honours).
 */
public class RateLimit {

    private Integer bucketSize;
    private Integer restoreRate;

    public Integer getBucketSize() { return bucketSize; }
    public void setBucketSize(Integer bucketSize) { this.bucketSize = bucketSize; }
    public Integer getRestoreRate() { return restoreRate; }
    public void setRestoreRate(Integer restoreRate) { this.restoreRate = restoreRate; }

    public int bucketSizeOr(Platform platform) {
        return bucketSize != null ? bucketSize : platform == Platform.SHOPIFY ? 2000 : 0;
    }

    public int restoreRateOr(Platform platform) {
        return restoreRate != null ? restoreRate : platform == Platform.SHOPIFY ? 100 : 0;
    }
}
