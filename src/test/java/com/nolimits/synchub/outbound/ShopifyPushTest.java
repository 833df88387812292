package com.nolimits.synchub.outbound;

import com.nolimits.synchub.OutboundTest;
import com.nolimits.synchub.Sandboxes;
import com.nolimits.synchub.api.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Hub changes pushed to the Shopify sandbox over the GraphQL Admin API, asserted on the sandbox's journal. */
@OutboundTest
@SuppressWarnings("unchecked")
class ShopifyPushTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApiClient api;
    @Autowired
    Sandboxes sandboxes;
    RestClient shopify;

    @BeforeEach
    void clean() {
        shopify = sandboxes.shopify;
        sandboxes.freshStart();
    }

    UUID create(String json) {
        return UUID.fromString((String) ApiClient.data(api.post("/create", json)).get("id"));
    }

    List<Map<String, Object>> journal() {
        return Sandboxes.journal(shopify);
    }

    List<Object> operations() {
        return journal().stream().map(call -> call.get("operation")).toList();
    }

    static Map<String, Object> variables(Map<String, Object> call) {
        return (Map<String, Object>) ((Map<String, Object>) call.get("body")).get("variables");
    }

    void jobsDone(UUID id) {
        sandboxes.jobsDone(id, "demo-shopify");
    }

    void quiet() { // the echoes of the last push have been handled
        sandboxes.quiet();
    }

    Map<String, Object> shopProduct(String productId) {
        return (Map<String, Object>) shopify.get().uri("/merchant/products/" + productId).retrieve().body(Map.class).get("product");
    }

    String link(UUID id, String column) {
        return jdbc.queryForObject("select " + column + " from product_link where product_id = ? and channel_id = 'demo-shopify'",
                String.class, id);
    }

    @Test
    void aHubProductIsCreatedWithOneProductSetAndItsEchoesAreSkipped() {
        UUID id = create("{\"clientId\": \"demo\", \"name\": \"Hub Cap\", \"sku\": \"CAP-1\", \"gtin\": \"4006381333931\", "
                + "\"price\": 15, \"compareAtPrice\": 20, \"quantity\": 7, \"tags\": [\"summer\"], \"vendor\": \"ACME\", "
                + "\"warehouseNotes\": \"fragile\", \"channelIds\": [\"demo-shopify\"]}");
        jobsDone(id);
        quiet();
        assertThat(journal()).singleElement().satisfies(call -> {
            assertThat(call).containsEntry("operation", "productSet").containsEntry("status", 200);
            Map<String, Object> input = (Map<String, Object>) variables(call).get("input");
            assertThat(input).containsEntry("title", "Hub Cap").containsEntry("vendor", "ACME").containsEntry("status", "ACTIVE")
                    .containsEntry("tags", List.of("summer")).doesNotContainKey("id");
            assertThat(call.get("body").toString()).doesNotContain("fragile"); // warehouse notes never reach Shopify
            Map<String, Object> variant = ((List<Map<String, Object>>) input.get("variants")).get(0);
            assertThat(variant).containsEntry("price", "15").containsEntry("compareAtPrice", "20")
                    .containsEntry("barcode", "4006381333931");
            assertThat((Map<String, Object>) variant.get("inventoryItem")).containsEntry("sku", "CAP-1");
            assertThat((List<Map<String, Object>>) variant.get("inventoryQuantities")).singleElement()
                    .satisfies(q -> assertThat(q).containsEntry("quantity", 7).containsEntry("locationId", "gid://shopify/Location/1"));
        });
        String productId = link(id, "external_parent_id");
        Map<String, Object> shop = shopProduct(productId);
        assertThat(shop).containsEntry("title", "Hub Cap");
        Map<String, Object> variant = ((List<Map<String, Object>>) shop.get("variants")).get(0);
        assertThat(variant).containsEntry("sku", "CAP-1").containsEntry("price", "15.00").containsEntry("inventory_quantity", 7);
        assertThat(link(id, "external_id")).isEqualTo(variant.get("id").toString());
        assertThat(link(id, "inventory_item_id")).isEqualTo(variant.get("inventory_item_id").toString());
        assertThat(link(id, "platform_data->>'inventoryQuantity'")).isEqualTo("7");
        assertThat(jdbc.queryForObject("select sync_status from product where id = ?", String.class, id)).isEqualTo("SYNCED");
        // the shop reports the creation back: an echo, skipped, nothing pushed again
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox where error = 'Skipping echo from our own update' and channel_id = 'demo-shopify'",
                Long.class)).isEqualTo(1);
        assertThat(journal()).hasSize(1);
    }

    @Test
    void anUpdateSendsOnlyWhatChangedOneCallEach() {
        UUID id = create("{\"clientId\": \"demo\", \"name\": \"Mug\", \"sku\": \"MUG-1\", \"price\": 9, \"quantity\": 5, "
                + "\"channelIds\": [\"demo-shopify\"]}");
        jobsDone(id);
        quiet();
        shopify.delete().uri("/journal").retrieve().toBodilessEntity();

        api.patch("/product/" + id, "{\"name\": \"Big Mug\"}");
        jobsDone(id);
        quiet();
        assertThat(operations()).containsExactly("productSet");
        Map<String, Object> input = (Map<String, Object>) variables(journal().get(0)).get("input");
        assertThat(input).containsEntry("title", "Big Mug").containsKey("id").doesNotContainKeys("variants", "productOptions", "files");

        api.patch("/product/" + id, "{\"price\": 11.5}");
        jobsDone(id);
        quiet();
        assertThat(operations()).containsExactly("productSet", "productVariantsBulkUpdate");
        assertThat((List<Map<String, Object>>) variables(journal().get(1)).get("variants")).singleElement()
                .satisfies(v -> assertThat(v).containsEntry("price", "11.5").containsEntry("id", "gid://shopify/ProductVariant/"
                        + link(id, "external_id")));

        api.patch("/product/" + id, "{\"warehouseNotes\": \"top shelf\", \"weightInKg\": 0.4}"); // ops fields: not Shopify's
        api.patch("/product/" + id, "{\"available\": 3}");
        jobsDone(id);
        quiet();
        assertThat(operations()).containsExactly("productSet", "productVariantsBulkUpdate", "inventorySetQuantities");
        Map<String, Object> stock = ((List<Map<String, Object>>) ((Map<String, Object>) variables(journal().get(2)).get("input"))
                .get("quantities")).get(0);
        assertThat(stock).containsEntry("quantity", 3).containsEntry("changeFromQuantity", 5);
        assertThat(((List<Map<String, Object>>) shopProduct(link(id, "external_parent_id")).get("variants")).get(0))
                .containsEntry("inventory_quantity", 3).containsEntry("price", "11.50");
        assertThat(jdbc.queryForObject("select count(*) from webhook_inbox where error = 'Skipping echo from our own update' and channel_id = 'demo-shopify'",
                Long.class)).isEqualTo(4); // create, title, price, stock
    }

    @Test
    void aPushForOneVariantLeavesItsSiblingsAlone() {
        Map<String, Object> created = (Map<String, Object>) shopify.post().uri("/merchant/products")
                .header("Content-Type", "application/json").body("""
                        {"title": "Tee", "variants": [{"sku": "TEE-S", "price": "10.00", "option1": "S", "inventory_quantity": 0},
                                                      {"sku": "TEE-M", "price": "10.00", "option1": "M", "inventory_quantity": 0}]}""")
                .retrieve().body(Map.class).get("product");
        String productId = created.get("id").toString();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from product where sku in ('TEE-S', 'TEE-M')", Long.class) == 2);
        quiet();
        UUID small = jdbc.queryForObject("select id from product where sku = 'TEE-S'", UUID.class);
        // outside the conflict window: Shopify's own recent price would otherwise win over the hub's edit
        jdbc.update("update product set last_field_updates = '{}' where id = ?", small);
        shopify.delete().uri("/journal").retrieve().toBodilessEntity();

        api.patch("/product/" + small, "{\"price\": 12, \"name\": \"Tee (small)\"}");
        jobsDone(small);
        quiet();
        assertThat(operations()).containsExactly("productSet", "productVariantsBulkUpdate");
        List<Map<String, Object>> variants = (List<Map<String, Object>>) shopProduct(productId).get("variants");
        assertThat(variants).extracting(v -> v.get("sku")).containsExactly("TEE-S", "TEE-M");
        assertThat(variants).extracting(v -> v.get("price")).containsExactly("12.00", "10.00");
    }

    @Test
    void aStaleStockAnswerIsReReadAndTheHubsFigureSetOnlyIfItIsNews() {
        UUID id = create("{\"clientId\": \"demo\", \"name\": \"Lamp\", \"sku\": \"LAMP-1\", \"quantity\": 10, "
                + "\"channelIds\": [\"demo-shopify\"]}");
        jobsDone(id);
        quiet();
        shopify.delete().uri("/journal").retrieve().toBodilessEntity();
        // the hub's idea of the shop's stock is out of date (a sale whose webhook has not arrived yet)
        jdbc.update("update product_link set platform_data = platform_data || '{\"inventoryQuantity\": 12}' where product_id = ?", id);

        api.patch("/product/" + id, "{\"available\": 4}");
        jobsDone(id);
        // the stale answer is re-read at the channel's location, not as the variant's total
        assertThat(operations()).containsExactly("inventorySetQuantities", "inventoryItem", "inventorySetQuantities");
        Map<String, Object> retried = ((List<Map<String, Object>>) ((Map<String, Object>) variables(journal().get(2)).get("input"))
                .get("quantities")).get(0);
        assertThat(retried).containsEntry("changeFromQuantity", 10).containsEntry("quantity", 4);
        assertThat(jdbc.queryForObject("select status from sync_job where product_id = ? and channel_id = 'demo-shopify' "
                + "order by id desc limit 1", String.class, id)).isEqualTo("completed");
    }

    @Test
    void aServerErrorIsRetried() {
        Sandboxes.faults(shopify, "{\"errorRate\": 1}");
        UUID id = create("{\"clientId\": \"demo\", \"name\": \"Wobbly\", \"sku\": \"WOB-1\", \"channelIds\": [\"demo-shopify\"]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> !journal().isEmpty());
        Sandboxes.faults(shopify, "{\"reset\": true}");
        jobsDone(id);
        assertThat(jdbc.queryForObject("select status || ' ' || attempts from sync_job where product_id = ? "
                + "and channel_id = 'demo-shopify'", String.class, id)).isEqualTo("completed 2");
        // a 500 may have been applied: before the create is sent again, the shop is asked for the sku
        assertThat(journal()).extracting(c -> c.get("operation") + " " + c.get("status"))
                .containsExactly("productSet 500", "productVariants 200", "productSet 200");
    }

    @Test
    void userErrorsFailTheJobAtOnceAndThrottlingIsRetried() {
        UUID id = create("{\"clientId\": \"demo\", \"name\": \"Gone\", \"sku\": \"GONE-1\", \"channelIds\": [\"demo-shopify\"]}");
        jobsDone(id);
        quiet();
        jdbc.update("update product_link set external_parent_id = '424242' where product_id = ?", id);
        api.patch("/product/" + id, "{\"name\": \"Gone for good\"}");
        jobsDone(id);
        assertThat(jdbc.queryForObject("select status || ' ' || attempts || ' ' || last_error from sync_job where product_id = ? "
                + "and channel_id = 'demo-shopify' order by id desc limit 1", String.class, id))
                .startsWith("failed 1 ").contains("userErrors").contains("Product does not exist");
        assertThat(jdbc.queryForObject("select sync_status from product where id = ?", String.class, id)).isEqualTo("ERROR");
        assertThat(jdbc.queryForObject("select count(*) from push_record where product_id = ? and platform_version = 'infinity'",
                Long.class, id)).isZero(); // the failed attempt's record is settled, not left in flight

        shopify.put().uri("/faults").header("Content-Type", "application/json").body("{\"throttleNext\": 1}")
                .retrieve().toBodilessEntity();
        UUID other = create("{\"clientId\": \"demo\", \"name\": \"Later\", \"sku\": \"LATER-1\", \"channelIds\": [\"demo-shopify\"]}");
        jobsDone(other);
        assertThat(jdbc.queryForObject("select status || ' ' || attempts from sync_job where product_id = ? "
                + "and channel_id = 'demo-shopify'", String.class, other)).isEqualTo("completed 2");
        assertThat(jdbc.queryForList("select error_message from sync_log where product_id = ? and action = 'push' order by id",
                String.class, other)).first().asString().contains("THROTTLED");
    }

    @Test
    void stockIsSetAtTheChannelsLocationOnlyComparedAgainstTheQuantityThere() {
        UUID id = create("{\"clientId\": \"demo\", \"name\": \"Shelf\", \"sku\": \"SHELF-1\", \"quantity\": 10, "
                + "\"channelIds\": [\"demo-shopify\"]}");
        jobsDone(id);
        quiet();
        // the shop also stocks the variant at a second location (a store): 5 there
        shopify.post().uri("/merchant/inventory").header("Content-Type", "application/json")
                .body("{\"sku\": \"SHELF-1\", \"available\": 5, \"location_id\": 2}").retrieve().toBodilessEntity();
        // and the merchant renames it: the products/update webhook carries the total over both locations, 15
        await().pollDelay(Duration.ofMillis(1100)).until(() -> true);
        shopify.put().uri("/merchant/products/" + link(id, "external_parent_id")).header("Content-Type", "application/json")
                .body("{\"title\": \"Shelf (oak)\"}").retrieve().toBodilessEntity();
        quiet();
        assertThat(jdbc.queryForObject("select count(*) from sync_job where product_id = ? and correction", Long.class, id))
                .as("a variant's total is no stock report: nothing to correct").isZero();
        shopify.delete().uri("/journal").retrieve().toBodilessEntity();

        api.patch("/product/" + id, "{\"available\": 4}");
        jobsDone(id);

        // one set, at location 1, compared against location 1's 10: right the first time
        assertThat(journal()).extracting(call -> call.get("operation") + " " + call.get("status"))
                .containsExactly("inventorySetQuantities 200");
        Map<String, Object> stock = ((List<Map<String, Object>>) ((Map<String, Object>) variables(journal().get(0)).get("input"))
                .get("quantities")).get(0);
        assertThat(stock).containsEntry("locationId", "gid://shopify/Location/1").containsEntry("changeFromQuantity", 10)
                .containsEntry("quantity", 4);
        // the store's 5 are left alone: the variant's total is now 4 + 5
        assertThat(((List<Map<String, Object>>) shopProduct(link(id, "external_parent_id")).get("variants")).get(0))
                .containsEntry("inventory_quantity", 9);
        assertThat(jdbc.queryForObject("select status from sync_job where product_id = ? and channel_id = 'demo-shopify' "
                + "order by id desc limit 1", String.class, id)).isEqualTo("completed");
    }

    @Test
    void theQuantityAtTheLocationIsReadFirstWhenTheHubHasNeverSeenIt() {
        UUID id = create("{\"clientId\": \"demo\", \"name\": \"Stool\", \"sku\": \"STOOL-1\", \"quantity\": 6, "
                + "\"channelIds\": [\"demo-shopify\"]}");
        jobsDone(id);
        quiet();
        jdbc.update("update product_link set platform_data = platform_data - 'inventoryQuantity' where product_id = ?", id);
        shopify.delete().uri("/journal").retrieve().toBodilessEntity();

        api.patch("/product/" + id, "{\"available\": 2}");
        jobsDone(id);

        assertThat(operations()).containsExactly("inventoryItem", "inventorySetQuantities");
        Map<String, Object> stock = ((List<Map<String, Object>>) ((Map<String, Object>) variables(journal().get(1)).get("input"))
                .get("quantities")).get(0);
        assertThat(stock).containsEntry("changeFromQuantity", 6).containsEntry("quantity", 2);
    }

    @Test
    void aVariantWithoutAnInventoryItemGetsNoStockPushAndTheJobSaysWhy() {
        UUID id = create("{\"clientId\": \"demo\", \"name\": \"Gift card\", \"sku\": \"GIFT-1\", \"quantity\": 1, "
                + "\"channelIds\": [\"demo-shopify\"]}");
        jobsDone(id);
        quiet();
        // as Shopify's test notification links it: inventory_item_id null
        jdbc.update("update product_link set inventory_item_id = null where product_id = ?", id);
        shopify.delete().uri("/journal").retrieve().toBodilessEntity();

        api.patch("/product/" + id, "{\"available\": 3}");
        jobsDone(id);
        assertThat(jdbc.queryForObject("select status || ': ' || last_error from sync_job where product_id = ? "
                + "and channel_id = 'demo-shopify' order by id desc limit 1", String.class, id)).startsWith("failed: ").contains("stock not pushed: the Shopify variant " + link(id, "external_id")
                + " has no inventory item");
        assertThat(journal()).isEmpty();

        // with another field in the same job, that field goes out and the stock stays behind
        api.patch("/product/" + id, "{\"available\": 5, \"name\": \"Gift card (red)\"}");
        jobsDone(id);
        assertThat(operations()).containsExactly("productSet");
        assertThat(jdbc.queryForObject("select status from sync_job where product_id = ? and channel_id = 'demo-shopify' "
                + "order by id desc limit 1", String.class, id)).isEqualTo("completed");
    }
}
