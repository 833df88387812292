package com.nolimits.synchub.platform.jtl;

import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.channel.Channel;

import java.time.Instant;

/**
 * One JTL-FFN update feed of one channel being read in routes/jtl-polling.camel.yaml (exchange property
 * {@link ExchangeKeys#JTL_FEED}): where the next chunk is, and the end of the window read so far.
 */
public final class JtlFeed {

    public static final String PROPERTY = ExchangeKeys.JTL_FEED;

    public enum Kind {
        STOCK("stocks/updates"), PRODUCTS("products/updates");

        final String path;

        Kind(String path) {
            this.path = path;
        }
    }

    final Channel channel;
    final Kind kind;
    String nextUrl;
    Instant windowEnd;
    int chunks;
    int applied;
    int skipped;

    JtlFeed(Channel channel, Kind kind) {
        this.channel = channel;
        this.kind = kind;
    }

    /** The sync_watermark row of this feed. */
    String watermark() {
        return "jtl-" + kind.name().toLowerCase() + ":" + channel.id();
    }

    public boolean hasMore() {
        return nextUrl != null;
    }

    @Override
    public String toString() {
        return kind + " feed of " + channel.id();
    }
}
