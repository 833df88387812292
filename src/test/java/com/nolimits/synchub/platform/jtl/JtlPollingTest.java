package com.nolimits.synchub.platform.jtl;

import com.nolimits.synchub.OutboundTest;
import com.nolimits.synchub.Sandboxes;
import com.nolimits.synchub.api.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * routes/jtl-polling.camel.yaml against the JTL-FFN sandbox over real HTTP: a poll every second, feeds in
 * chunks of two, stock reaching both shops (the warehouse's stock flow), warehouse product data as ops changes.
 */
@OutboundTest
@TestPropertySource(properties = {"sync.jtl.poll-interval=1000", "sync.jtl.first-poll-delay=500", "sandbox.jtl.demo.chunk-size=2"})
@SuppressWarnings("unchecked")
class JtlPollingTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.apache.camel.CamelContext camel;
    @Autowired
    JtlTokens tokens;
    @Autowired
    com.nolimits.synchub.channel.ClientDirectory directory;

    @Autowired
    ApiClient api;
    @Autowired
    Sandboxes sandboxes;
    RestClient jtl;
    RestClient shopify;
    RestClient woo;

    @BeforeEach
    void clean() throws Exception {
        // no poll round may straddle the clean-up (it would read what the last test left behind)
        camel.getRouteController().stopRoute("jtl-polling");
        jtl = sandboxes.jtl;
        shopify = sandboxes.shopify;
        woo = sandboxes.woo;
        sandboxes.freshStart();
        camel.getRouteController().startRoute("jtl-polling");
    }

    void quiet() {
        sandboxes.quiet();
    }

    List<Map<String, Object>> journal(RestClient sandbox) {
        return Sandboxes.journal(sandbox);
    }

    void clearJournals() {
        sandboxes.clearJournals();
    }

    void book(String json) {
        jtl.post().uri("/warehouse/stock").header("Content-Type", "application/json").body(json).retrieve().toBodilessEntity();
    }

    UUID productEverywhere(String sku) {
        UUID id = UUID.fromString((String) ApiClient.data(api.post("/create", "{\"clientId\": \"demo\", \"name\": \"Crate\", "
                + "\"sku\": \"" + sku + "\", \"quantity\": 10, \"weightInKg\": 1.5}")).get("id"));
        quiet();
        return id;
    }

    Map<String, Object> product(UUID id) {
        return ApiClient.data(api.get("/product/" + id));
    }

    @Test
    void warehouseStockReachesBothShopsWithinOnePollAsOnePushEach() {
        UUID id = productEverywhere("CRATE-1");
        clearJournals();
        book("{\"merchantSku\": \"CRATE-1\", \"stockLevel\": 6, \"stockLevelReserved\": 2, \"stockLevelAnnounced\": 5}");
        book("{\"merchantSku\": \"CRATE-1\", \"warehouseId\": \"WH02\", \"stockLevel\": 3.5}");
        await().atMost(Duration.ofSeconds(5)).until(() -> ((Number) product(id).get("available")).intValue() == 9);
        quiet();
        Map<String, Object> product = product(id);
        assertThat(product).containsEntry("reserved", 2).containsEntry("announced", 5).containsEntry("lastUpdatedBy", "JTL");
        assertThat(jdbc.queryForObject("select warehouse_stock->'WH02'->>'stockLevel' from product where id = ?",
                String.class, id)).isEqualTo("3.5");

        List<Map<String, Object>> shopCalls = journal(shopify);
        assertThat(shopCalls).extracting(c -> c.get("operation")).containsExactly("inventorySetQuantities");
        assertThat(shopCalls.get(0).get("body").toString()).contains("quantity=9").contains("changeFromQuantity=10");
        List<Map<String, Object>> wooCalls = journal(woo);
        assertThat(wooCalls).singleElement().satisfies(call -> {
            assertThat(call).containsEntry("method", "PUT");
            assertThat((Map<String, Object>) call.get("body")).containsEntry("stock_quantity", 9);
        });
        // stock that came from the warehouse is not pushed back to it
        assertThat(journal(jtl)).extracting(c -> c.get("method")).containsOnly("GET"); // only the feeds were read
    }

    @Test
    void feedsAreReadInChunksFromAWatermarkAndAReReadChangeIsNotAppliedTwice() {
        UUID id = productEverywhere("CRATE-2");
        clearJournals();
        for (int level = 1; level <= 5; level++) {
            book("{\"merchantSku\": \"CRATE-2\", \"stockLevel\": " + level + "}");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> ((Number) product(id).get("available")).intValue() == 5);
        quiet();
        List<Object> feedCalls = journal(jtl).stream().filter(c -> "stock updates".equals(c.get("operation")))
                .map(c -> c.get("query")).toList();
        assertThat(feedCalls).anySatisfy(q -> assertThat(q.toString()).contains("offset=2"))
                .anySatisfy(q -> assertThat(q.toString()).contains("offset=4"));
        Instant watermark = jdbc.queryForObject("select read_until from sync_watermark where name = 'jtl-stock:demo-jtl'",
                java.sql.Timestamp.class).toInstant();
        assertThat(watermark).isAfter(Instant.now().minusSeconds(5));

        // later polls read the last minute again (the overlap): nothing is applied or pushed twice
        int shopCalls = journal(shopify).size();
        long logRows = jdbc.queryForObject("select count(*) from sync_log where product_id = ?", Long.class, id);
        await().pollDelay(Duration.ofMillis(2500)).until(() -> true);
        quiet();
        assertThat(journal(shopify)).hasSize(shopCalls);
        assertThat(jdbc.queryForObject("select count(*) from sync_log where product_id = ?", Long.class, id)).isEqualTo(logRows);
        assertThat(jdbc.queryForObject("select warehouse_stock->'WH01'->>'stockVersion' from product where id = ?",
                String.class, id)).isEqualTo("5");
    }

    @Test
    void aFeedThatCannotBeReadKeepsItsWatermarkAndIsReadAgainOnTheNextPoll() {
        UUID id = productEverywhere("CRATE-4");
        Sandboxes.faults(jtl, "{\"errorRate\": 1}"); // every JTL-FFN API call answers 500
        await().pollDelay(Duration.ofMillis(1500)).until(() -> true); // the poll that started before is over
        java.sql.Timestamp before = jdbc.queryForObject("select max(read_until) from sync_watermark "
                + "where name = 'jtl-stock:demo-jtl'", java.sql.Timestamp.class);
        book("{\"merchantSku\": \"CRATE-4\", \"stockLevel\": 4}");
        await().pollDelay(Duration.ofMillis(2500)).until(() -> true); // two failed polls
        assertThat(product(id)).containsEntry("available", 10);
        assertThat(jdbc.queryForObject("select max(read_until) from sync_watermark where name = 'jtl-stock:demo-jtl'",
                java.sql.Timestamp.class)).isEqualTo(before);

        Sandboxes.faults(jtl, "{\"reset\": true}");
        await().atMost(Duration.ofSeconds(5)).until(() -> ((Number) product(id).get("available")).intValue() == 4);
    }

    @Test
    void aMeasuredWeightIsAnOpsChangeFromJtlAndThePushesOwnEchoIsSkipped() {
        UUID id = productEverywhere("CRATE-3");
        String jfsku = (String) product(id).get("jtlProductId");
        assertThat(jfsku).isNotNull();
        await().pollDelay(Duration.ofMillis(1500)).until(() -> true); // a poll has read the creation: an echo
        quiet();
        assertThat(product(id)).containsEntry("lastUpdatedBy", "NOLIMITS");
        clearJournals();
        // hub edits are older than the conflict window: the warehouse's later measurement wins
        jdbc.update("update product set last_field_updates = '{}' where id = ?", id);

        jtl.patch().uri("/warehouse/products/" + jfsku).header("Content-Type", "application/json")
                .body("{\"weight\": 1.62, \"dimensions\": {\"length\": 0.4, \"width\": 0.3, \"height\": 0.25}}")
                .retrieve().toBodilessEntity();
        await().atMost(Duration.ofSeconds(5)).until(() -> "1.62".equals(String.valueOf(product(id).get("weightInKg"))));
        quiet();
        Map<String, Object> product = product(id);
        assertThat(product).containsEntry("lastUpdatedBy", "JTL");
        assertThat(String.valueOf(product.get("lengthInCm"))).isEqualTo("40");
        assertThat(journal(shopify)).isEmpty(); // weight and dimensions are not the shops'
        assertThat(journal(woo)).isEmpty();
        assertThat(journal(jtl)).noneMatch(c -> "PATCH".equals(c.get("method"))); // nor sent back to the warehouse
    }

    @Test
    void aProductCreatedInTheWarehouseIsCreatedInTheHub() {
        jtl.post().uri("/api/v1/merchant/products")
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .body("{\"merchantSku\": \"WH-ONLY\", \"name\": \"Pallet wrap\", \"weight\": 2}")
                .retrieve().toBodilessEntity();
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "select count(*) from product where sku = 'WH-ONLY' and last_updated_by = 'JTL'", Long.class) == 1);
        assertThat(jdbc.queryForObject("select name from product where sku = 'WH-ONLY'", String.class)).isEqualTo("Pallet wrap");
    }

    String token() { // the hub's own token: JTL refresh tokens are single-use, the hub holds the current one
        var channel = directory.channel("demo-jtl").orElseThrow();
        tokens.invalidate(channel); // the sandbox reset revoked the access token the hub holds
        return tokens.accessToken(channel);
    }

    @Test
    void aChannelThatNeedsToBeConnectedAgainIsNotPolled() {
        jdbc.update("update channel set connection = 'needs-connect', connection_problem = 'invalid_client: JTL-FFN refused "
                + "the client id or secret', connection_changed_at = now() where id = 'demo-jtl'");
        try {
            clearJournals();
            await().pollDelay(Duration.ofSeconds(3)).until(() -> true); // three poll rounds
            assertThat(journal(jtl)).isEmpty(); // no token call, no feed read
        } finally {
            jdbc.update("update channel set connection = 'connected', connection_problem = null where id = 'demo-jtl'");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> journal(jtl).stream().anyMatch(call -> "stock updates".equals(call.get("operation"))
                || String.valueOf(call.get("path")).endsWith("/stocks/updates")));
    }
}
