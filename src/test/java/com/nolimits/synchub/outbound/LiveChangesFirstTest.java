package com.nolimits.synchub.outbound;

import com.nolimits.synchub.OutboundTest;
import com.nolimits.synchub.Sandboxes;
import com.nolimits.synchub.api.ApiClient;
import com.nolimits.synchub.store.JobPriority;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A full sync queues its jobs behind live changes: on a Shopify channel whose budget pays for about ten
 * products a second (the sandbox shop's and the hub's bucket set low), a merchant's edit made while a full
 * sync of 60 products runs is pushed before the full sync's remaining jobs, whether its product was new
 * (a job of its own) or part of the full sync (its pending job lifted).
 */
@OutboundTest
@TestPropertySource(properties = {
        "sync.clients.demo.channels.demo-shopify.rate-limit.bucket-size=40",
        "sync.clients.demo.channels.demo-shopify.rate-limit.restore-rate=100",
        "sandbox.shopify.demo.bucket-size=40", "sandbox.shopify.demo.restore-rate=100"})
class LiveChangesFirstTest {

    static final int PRODUCTS = 60;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApiClient api;
    @Autowired
    Sandboxes sandboxes;

    @BeforeEach
    void products() {
        sandboxes.freshStart();
        jdbc.update("""
                insert into product (client_id, name, sku, price, available)
                select 'demo', 'Bulk ' || i, 'BULK-' || i, 10 + i, 5 from generate_series(1, ?) i""", PRODUCTS);
    }

    @Test
    void liveEditsGoAheadOfAFullSyncsRemainingJobs() {
        Map<String, Object> sync = ApiClient.data(api.post("/client/demo/full-sync", "{\"channelIds\": [\"demo-shopify\"]}"));
        long syncId = ((Number) sync.get("id")).longValue();
        assertThat(jdbc.queryForList("select distinct priority from sync_job where full_sync_id = ?", Integer.class, syncId))
                .containsExactly(JobPriority.BULK);

        // a product of the full sync, the last in its order: its pending job is lifted by the edit
        UUID lifted = jdbc.queryForObject("""
                select product_id from sync_job where full_sync_id = ? order by priority desc, scheduled_for desc, id desc
                limit 1""", UUID.class, syncId);
        api.patch("/product/" + lifted, "{\"name\": \"Bulk, renamed live\"}");
        // and a product no full sync knows: a job of its own
        UUID fresh = UUID.fromString((String) ApiClient.data(api.post("/create", "{\"clientId\": \"demo\", \"name\": \"Live Tee\", "
                + "\"sku\": \"LIVE-1\", \"channelIds\": [\"demo-shopify\"]}")).get("id"));
        assertThat(jdbc.queryForObject("select priority from sync_job where product_id = ? and full_sync_id = ?", Integer.class,
                lifted, syncId)).as("lifted, still counted in the full sync").isEqualTo(JobPriority.LIVE);

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("""
                select count(*) from sync_job where product_id in (?, ?) and channel_id = 'demo-shopify' and status = 'completed'""",
                Long.class, lifted, fresh) == 2);
        long remaining = jdbc.queryForObject(
                "select count(*) from sync_job where full_sync_id = ? and status in ('pending', 'processing')", Long.class, syncId);
        assertThat(remaining).as("full-sync jobs still to push when both live ones were done").isGreaterThan(PRODUCTS / 2);

        // the full sync then finishes with every product, the lifted one included
        await().atMost(Duration.ofSeconds(60)).until(() -> Boolean.TRUE.equals(ApiClient.data(
                api.get("/client/demo/full-sync/" + syncId)).get("finished")));
        assertThat(ApiClient.data(api.get("/client/demo/full-sync/" + syncId))).containsEntry("done", PRODUCTS).containsEntry("failed", 0);
    }
}
