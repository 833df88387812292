package com.nolimits.synchub;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** What the tests that push to the demo sandboxes share: a clean start, the sandboxes' journals, waiting for quiet. */
public final class Sandboxes {

    private final JdbcTemplate jdbc;
    private final com.nolimits.synchub.platform.jtl.JtlTokens jtlTokens;
    public final RestClient shopify;
    public final RestClient woo;
    public final RestClient jtl;

    public Sandboxes(int port, JdbcTemplate jdbc, com.nolimits.synchub.platform.jtl.JtlTokens jtlTokens) {
        this.jdbc = jdbc;
        this.jtlTokens = jtlTokens;
        this.shopify = client(port, "shopify");
        this.woo = client(port, "woocommerce");
        this.jtl = client(port, "jtl");
    }

    private static RestClient client(int port, String platform) {
        return RestClient.create("http://127.0.0.1:" + port + "/sandbox/" + platform + "/demo");
    }

    /**
     * Empty sandboxes, empty tables, nothing in flight. The order matters: the hub's background work
     * (stored webhooks, queued pushes, possibly left by an earlier test class whose dispatcher was
     * off) first finishes, the sandboxes are reset (they stop sending), the tables emptied once
     * nothing runs any more, and the sandboxes reset again, so no push of a leftover reaches them.
     * Before that, what only waits goes: an earlier test's jobs scheduled for a later retry (the acme
     * client's channels point nowhere) and the JTL-FFN token backoffs they grew, which would otherwise
     * carry over into the next test's retries.
     */
    public void freshStart() {
        jdbc.update("delete from sync_job where status = 'pending' and scheduled_for > now()");
        jtlTokens.forgetBackoffs();
        quiet();
        reset();
        quiet();
        TestDatabase.clear(jdbc);
        reset();
    }

    private void reset() {
        for (RestClient sandbox : List.of(shopify, woo, jtl)) {
            sandbox.post().uri("/reset").retrieve().toBodilessEntity();
        }
    }

    /** Waits until no stored webhook and no job is open (but those waiting for their channel to be connected). */
    public void quiet() {
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select (select count(*) from webhook_inbox where status in ('pending', 'processing')) "
                        + "+ (select count(*) from sync_job j where status in ('pending', 'processing') and not exists "
                        + "(select 1 from channel c where c.id = j.channel_id and c.connection = 'needs-connect'))", Long.class) == 0);
    }

    /** Waits until no job of the product for the channel is pending or processing. */
    public void jobsDone(UUID productId, String channelId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject("select count(*) from sync_job "
                + "where product_id = ? and channel_id = ? and status in ('pending', 'processing')",
                Long.class, productId, channelId) == 0);
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> journal(RestClient sandbox) {
        return (List<Map<String, Object>>) sandbox.get().uri("/journal").retrieve().body(Map.class).get("entries");
    }

    public void clearJournals() {
        for (RestClient sandbox : List.of(shopify, woo, jtl)) {
            sandbox.delete().uri("/journal").retrieve().toBodilessEntity();
        }
    }

    public static void faults(RestClient sandbox, String json) {
        sandbox.put().uri("/faults").header("Content-Type", "application/json").body(json).retrieve().toBodilessEntity();
    }
}
