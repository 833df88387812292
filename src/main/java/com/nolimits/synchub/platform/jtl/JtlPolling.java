package com.nolimits.synchub.platform.jtl;

import com.nolimits.synchub.channel.SyncProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.store.WatermarkStore;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Called by routes/jtl-polling.camel.yaml: JTL-FFN has no webhooks, so each JTL channel's stock and
 * product update feeds are read from a watermark kept in the database, chunk by chunk
 * (nextChunkUrl), each chunk applied in its own transaction (JtlChanges); the watermark moves to the
 * window's end only after the last chunk is committed. Reading starts a minute before the watermark:
 * a change the platform recorded late is still seen, and one seen twice is skipped (stockVersion, echo).
 */
@Component
public class JtlPolling {

    private static final Logger log = LoggerFactory.getLogger(JtlPolling.class);
    static final Duration OVERLAP = Duration.ofMinutes(1);

    private final ClientDirectory directory;
    private final WatermarkStore watermarks;
    private final JtlTokens tokens;
    private final JtlChanges changes;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration firstLookback;
    /** Quartz fires a new trigger at once; polling starts only this long after start-up. */
    private final Instant firstPollAt;

    public JtlPolling(ClientDirectory directory, WatermarkStore watermarks, JtlTokens tokens, JtlChanges changes,
                      ObjectMapper json, Clock clock,
                      SyncProperties properties) {
        this.directory = directory;
        this.watermarks = watermarks;
        this.tokens = tokens;
        this.changes = changes;
        this.json = json;
        this.clock = clock;
        this.firstLookback = properties.getJtl().getFirstPollLookback();
        this.firstPollAt = clock.instant().plus(properties.getJtl().getFirstPollDelay());
    }

    /** The feeds to read this round: stock, then products, of every enabled JTL channel. */
    public List<JtlFeed> feeds() {
        List<JtlFeed> feeds = new ArrayList<>();
        if (clock.instant().isBefore(firstPollAt)) {
            return feeds;
        }
        for (Channel channel : directory.channels()) {
            // a channel that needs to be connected again is not polled: no token call until then
            if (channel.platform() == Platform.JTL && channel.settings().isEnabled() && tokens.connected(channel)) {
                feeds.add(new JtlFeed(channel, JtlFeed.Kind.STOCK));
                feeds.add(new JtlFeed(channel, JtlFeed.Kind.PRODUCTS));
            }
        }
        return feeds;
    }

    public void start(Exchange exchange) {
        JtlFeed feed = exchange.getIn().getBody(JtlFeed.class);
        Instant from = watermarks.readUntil(feed.watermark()).map(w -> w.minus(OVERLAP))
                .orElseGet(() -> clock.instant().minus(firstLookback));
        feed.nextUrl = feed.channel.settings().getBaseUrl().replaceAll("/+$", "") + "/v1/merchant/" + feed.kind.path
                + "?fromDate=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8);
        exchange.setProperty(JtlFeed.PROPERTY, feed);
    }

    public void request(Exchange exchange) {
        JtlFeed feed = exchange.getProperty(JtlFeed.PROPERTY, JtlFeed.class);
        exchange.getIn().removeHeaders("*");
        exchange.getIn().setBody(null);
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, "GET");
        exchange.getIn().setHeader(Exchange.HTTP_URI, feed.nextUrl);
        exchange.getIn().setHeader("Accept", "application/json");
        exchange.getIn().setHeader("Authorization", "Bearer " + tokens.accessToken(feed.channel));
    }

    /** Applies the chunk just read and points at the next one, if any. */
    public void read(Exchange exchange) throws Exception {
        JtlFeed feed = exchange.getProperty(JtlFeed.PROPERTY, JtlFeed.class);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        if (status == 401) {
            tokens.invalidate(feed.channel);
        }
        if (status < 200 || status > 299) {
            throw new JtlPollFailedException(feed + ": JTL-FFN answered " + status + " (the watermark stays; next poll retries)");
        }
        JsonNode chunk = json.readTree(body);
        JsonNode data = chunk.path("data");
        int applied = changes.apply(feed, data);
        feed.chunks++;
        feed.applied += applied;
        feed.skipped += data.size() - applied;
        feed.windowEnd = Instant.parse(chunk.path("to").asText());
        String next = chunk.path("moreDataAvailable").asBoolean(false) ? chunk.path("nextChunkUrl").asText(null) : null;
        if (next != null && next.startsWith("/")) { // a relative link: same host
            java.net.URI current = java.net.URI.create(feed.nextUrl);
            next = current.getScheme() + "://" + current.getRawAuthority() + next;
        }
        feed.nextUrl = next;
    }

    /** After the last chunk: the window is committed, so the watermark may move to its end. */
    public void finish(Exchange exchange) {
        JtlFeed feed = exchange.getProperty(JtlFeed.PROPERTY, JtlFeed.class);
        if (feed.windowEnd != null) {
            watermarks.advance(feed.watermark(), feed.windowEnd);
        }
        if (feed.applied > 0 || feed.skipped > 0) {
            log.info("JTL poll of {}: {} change(s) applied, {} skipped (already applied, echo or unknown product), {} chunk(s), read until {}",
                    feed, feed.applied, feed.skipped, feed.chunks, feed.windowEnd);
        }
    }

    /** A poll that could not be read; the watermark did not move, so the next poll reads the window again. */
    public static class JtlPollFailedException extends RuntimeException {
        public JtlPollFailedException(String message) {
            super(message);
        }
    }
}
