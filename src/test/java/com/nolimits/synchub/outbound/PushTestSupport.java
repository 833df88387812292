package com.nolimits.synchub.outbound;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** What the push tests share: a sandbox's journal and waiting for a channel's jobs to settle. */
final class PushTestSupport {

    private PushTestSupport() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> journal(RestClient sandbox) {
        return (List<Map<String, Object>>) sandbox.get().uri("/journal").retrieve().body(Map.class).get("entries");
    }

    /** Waits until no job of the product for the channel is pending or processing. */
    static void jobsDone(JdbcTemplate jdbc, UUID productId, String channelId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject("select count(*) from sync_job "
                + "where product_id = ? and channel_id = ? and status in ('pending', 'processing')",
                Long.class, productId, channelId) == 0);
    }
}
