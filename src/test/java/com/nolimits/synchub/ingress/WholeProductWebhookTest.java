package com.nolimits.synchub.ingress;

import com.nolimits.synchub.OutboundTest;
import com.nolimits.synchub.Sandboxes;
import com.nolimits.synchub.api.ApiClient;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.ProductStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Shopify webhook carries the whole product: a merchant's price edit also carries the title the shop
 * holds. While the hub's newer name has not reached the shop (its push fails), that old title is no
 * edit of the merchant's and must not undo the hub's name; a title the merchant did change still counts.
 */
@OutboundTest
@SuppressWarnings("unchecked")
class WholeProductWebhookTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApiClient api;
    @Autowired
    Sandboxes sandboxes;
    @Autowired
    ProductStore products;

    UUID id;
    String shopProductId;

    @BeforeEach
    void aProductInTheShopWhoseNextPushFails() {
        sandboxes.freshStart();
        id = UUID.fromString((String) ApiClient.data(api.post("/create", "{\"clientId\": \"demo\", \"name\": \"Kettle\", "
                + "\"sku\": \"KETTLE-1\", \"price\": 30, \"channelIds\": [\"demo-shopify\"]}")).get("id"));
        sandboxes.jobsDone(id, "demo-shopify");
        sandboxes.quiet();
        shopProductId = jdbc.queryForObject("select external_parent_id from product_link where product_id = ? "
                + "and channel_id = 'demo-shopify'", String.class, id);
        sandboxes.clearJournals();
        Sandboxes.faults(sandboxes.shopify, "{\"errorRate\": 1}");

        api.patch("/product/" + id, "{\"name\": \"Kettle Pro\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> !Sandboxes.journal(sandboxes.shopify).isEmpty());
        await().pollDelay(Duration.ofMillis(1100)).until(() -> true); // the merchant edits a second later (whole seconds)
    }

    @Test
    void aPriceEditCarryingTheShopsOldTitleKeepsTheHubsName() {
        merchantEdit("{\"variants\": [{\"sku\": \"KETTLE-1\", \"price\": \"35.00\"}]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> new BigDecimal("35").compareTo((BigDecimal) value(ProductField.PRICE)) == 0);
        assertThat(value(ProductField.NAME)).isEqualTo("Kettle Pro");
        assertThat(jdbc.queryForObject("select count(*) from sync_conflict where product_id = ? and field = 'name'",
                Long.class, id)).isZero();

        Sandboxes.faults(sandboxes.shopify, "{\"reset\": true}");
        api.post("/product/" + id + "/requeue-failed", "");
        api.post("/product/" + id + "/sync", "");
        sandboxes.jobsDone(id, "demo-shopify");
        assertThat(shopProduct()).containsEntry("title", "Kettle Pro");
    }

    @Test
    void aTitleTheMerchantChangedMeanwhileIsTheLaterWrite() {
        merchantEdit("{\"title\": \"Kettle Max\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "Kettle Max".equals(value(ProductField.NAME)));
        assertThat(jdbc.queryForObject("select count(*) from sync_conflict where product_id = ? and field = 'name'",
                Long.class, id)).isEqualTo(1);
    }

    void merchantEdit(String json) {
        sandboxes.shopify.put().uri("/merchant/products/" + shopProductId).header("Content-Type", "application/json")
                .body(json).retrieve().toBodilessEntity();
    }

    Object value(ProductField field) {
        return products.find(id).orElseThrow().snapshot().value(field);
    }

    Map<String, Object> shopProduct() {
        return (Map<String, Object>) sandboxes.shopify.get().uri("/merchant/products/" + shopProductId).retrieve()
                .body(Map.class).get("product");
    }
}
