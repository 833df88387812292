package com.nolimits.synchub.outbound;

import com.nolimits.synchub.OutboundTest;
import com.nolimits.synchub.Sandboxes;
import com.nolimits.synchub.api.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seed flow B: one edit in the hub reaches every platform with the fields it receives, one push per
 * channel, asserted on the three sandboxes' journals; the warehouse notes never reach Shopify.
 */
@OutboundTest
@SuppressWarnings("unchecked")
class HubEditReachesEveryPlatformTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApiClient api;
    @Autowired
    Sandboxes sandboxes;
    UUID id;

    @BeforeEach
    void aProductOnEveryChannel() {
        sandboxes.freshStart();
        id = UUID.fromString((String) ApiClient.data(api.post("/create", "{\"clientId\": \"demo\", \"name\": \"Flow Tee\", "
                + "\"sku\": \"FLOW-B\", \"price\": 20, \"quantity\": 8, \"weightInKg\": 0.5, \"warehouseNotes\": \"shelf A1\"}")).get("id"));
        sandboxes.quiet();
        sandboxes.clearJournals();
    }

    String link(String channelId) {
        return jdbc.queryForObject("select coalesce(external_parent_id, external_id) from product_link "
                + "where product_id = ? and channel_id = ?", String.class, id, channelId);
    }

    /** Every key and leaf value of the request bodies, so assertions never meet the journal's timestamps or ids. */
    static List<String> keysAndValues(List<Map<String, Object>> calls) {
        List<String> found = new ArrayList<>();
        calls.forEach(call -> collect(call.get("body"), found));
        return found;
    }

    private static void collect(Object node, List<String> found) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                found.add(String.valueOf(key));
                collect(value, found);
            });
        } else if (node instanceof Collection<?> list) {
            list.forEach(value -> collect(value, found));
        } else if (node != null) {
            found.add(String.valueOf(node));
        }
    }

    @Test
    void anEditInTheHubReachesEachPlatformWithTheFieldsItReceives() throws Exception {
        long jobsBefore = jdbc.queryForObject("select max(id) from sync_job", Long.class);

        api.patch("/product/" + id, "{\"name\": \"Flow Tee II\", \"price\": 24.5, \"weightInKg\": 0.6, "
                + "\"warehouseNotes\": \"shelf B3\"}");
        sandboxes.quiet();

        // exactly one push per channel
        assertThat(jdbc.queryForList("select channel_id || ' ' || status from sync_job where id > ? order by channel_id",
                String.class, jobsBefore)).containsExactly("demo-jtl completed", "demo-shopify completed", "demo-woo completed");

        // Shopify: commerce and shared fields (title, then the variant's price); no ops field, no note
        List<Map<String, Object>> shopify = Sandboxes.journal(sandboxes.shopify);
        assertThat(shopify).extracting(call -> call.get("operation")).containsExactly("productSet", "productVariantsBulkUpdate");
        List<String> sentToShopify = keysAndValues(shopify);
        assertThat(sentToShopify).contains("Flow Tee II", "24.5").doesNotContain("shelf B3", "0.6")
                .noneMatch(keyOrValue -> keyOrValue.toLowerCase().contains("weight"));

        // WooCommerce: one PUT with name and price; no ops field, no note
        List<Map<String, Object>> woo = Sandboxes.journal(sandboxes.woo);
        assertThat(woo).singleElement().satisfies(call -> {
            assertThat(call).containsEntry("method", "PUT").containsEntry("status", 200);
            assertThat((Map<String, Object>) call.get("body")).containsEntry("name", "Flow Tee II")
                    .containsEntry("regular_price", "24.5").doesNotContainKeys("weight", "dimensions", "stock_quantity", "sku");
            assertThat(keysAndValues(List.of(call))).doesNotContain("shelf B3");
        });

        // JTL-FFN: one PATCH with the ops fields, neither the price nor the new name
        List<Map<String, Object>> jtl = Sandboxes.journal(sandboxes.jtl);
        assertThat(jtl).extracting(call -> call.get("operation")).containsExactly("update product");
        assertThat((Map<String, Object>) jtl.get(0).get("body")).containsEntry("note", "shelf B3").containsEntry("weight", 0.6)
                .doesNotContainKeys("name", "price", "netSalesPrice");

        // every platform now shows the hub's values for the fields it receives
        Map<String, Object> shopProduct = (Map<String, Object>) sandboxes.shopify.get().uri("/merchant/products/" + link("demo-shopify"))
                .retrieve().body(Map.class).get("product");
        assertThat(shopProduct).containsEntry("title", "Flow Tee II");
        assertThat(((List<Map<String, Object>>) shopProduct.get("variants")).get(0)).containsEntry("price", "24.50");
        assertThat(sandboxes.woo.get().uri("/merchant/products/" + link("demo-woo")).retrieve().body(Map.class))
                .containsEntry("name", "Flow Tee II").containsEntry("regular_price", "24.5");
        List<Map<String, Object>> warehouse = sandboxes.jtl.get().uri("/warehouse/products").retrieve()
                .body(new ParameterizedTypeReference<>() { });
        assertThat(warehouse).singleElement().satisfies(product -> assertThat(product)
                .containsEntry("merchantSku", "FLOW-B").containsEntry("name", "Flow Tee").containsEntry("note", "shelf B3")
                .containsEntry("weight", 0.6));

        // the shops' webhooks for these pushes were echoes: nothing went out again
        assertThat(Sandboxes.journal(sandboxes.shopify)).hasSize(2);
        assertThat(Sandboxes.journal(sandboxes.woo)).hasSize(1);
        assertThat(Sandboxes.journal(sandboxes.jtl)).hasSize(1);
    }

    @Test
    void theProductShowsEachFieldsOwnerAndLastWriterAndItsLinks() {
        api.patch("/product/" + id, "{\"price\": 21}");
        sandboxes.quiet();

        List<Map<String, Object>> fields = (List<Map<String, Object>>) ApiClient.data(api.get("/product/" + id + "/fields")).get("fields");
        assertThat(fields).hasSize(com.nolimits.synchub.merge.ProductField.values().length);
        assertThat(fields).filteredOn(f -> f.get("field").equals("price")).singleElement()
                .satisfies(f -> assertThat(f).containsEntry("group", "commerce").containsEntry("lastUpdatedBy", "NOLIMITS")
                        .containsKey("lastUpdatedAt"));
        assertThat(fields).filteredOn(f -> f.get("field").equals("warehouseNotes")).singleElement()
                .satisfies(f -> assertThat(f).containsEntry("group", "ops").containsEntry("value", "shelf A1"));
        assertThat(fields).filteredOn(f -> f.get("field").equals("seoTitle")).singleElement()
                .satisfies(f -> assertThat(f).containsEntry("lastUpdatedBy", null).containsEntry("value", null));

        // the product's own ownership override shows as the group that decides it
        api.patch("/product/" + id, "{\"fieldOwnership\": {\"price\": \"shared\"}}");
        assertThat((List<Map<String, Object>>) ApiClient.data(api.get("/product/" + id + "/fields")).get("fields"))
                .filteredOn(f -> f.get("field").equals("price")).singleElement()
                .satisfies(f -> assertThat(f).containsEntry("group", "shared"));

        List<Map<String, Object>> links = (List<Map<String, Object>>) ApiClient.data(api.get("/product/" + id + "/links")).get("links");
        assertThat(links).extracting(l -> l.get("channelId") + " " + l.get("syncStatus"))
                .containsExactly("demo-jtl SYNCED", "demo-shopify SYNCED", "demo-woo SYNCED");
        assertThat(links).allSatisfy(l -> assertThat(l.get("externalId")).isNotNull());
        assertThat(links).allSatisfy(l -> assertThat(l.get("lastPushedAt")).isNotNull());
        assertThat(api.get("/product/" + UUID.randomUUID() + "/links").getStatusCode().value()).isEqualTo(404);
    }
}
