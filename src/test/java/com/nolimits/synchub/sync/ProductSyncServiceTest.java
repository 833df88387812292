package com.nolimits.synchub.sync;

import com.nolimits.synchub.HubTest;
import com.nolimits.synchub.TestDatabase;
import com.nolimits.synchub.merge.Change;
import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.ConflictStore;
import com.nolimits.synchub.store.Product;
import com.nolimits.synchub.store.SyncStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.nolimits.synchub.merge.ProductField.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@HubTest
class ProductSyncServiceTest {

    @Autowired
    ProductSyncService sync;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ConflictStore conflicts;
    @Autowired
    com.nolimits.synchub.store.PushRecordStore pushRecords;

    @BeforeEach
    void clean() {
        TestDatabase.clear(jdbc);
    }

    private Product createInHub(Map<ProductField, Object> fields) {
        return createInHub(Instant.now(), fields);
    }

    private Product createInHub(Instant at, Map<ProductField, Object> fields) {
        return sync.create("acme", new Change(Origin.NOLIMITS, null, at, Change.Kind.CREATE, fields), null, null)
                .product();
    }

    private List<Map<String, Object>> pendingJobs(UUID productId) {
        return jdbc.queryForList("select channel_id, array_to_string(fields, ',') as fields, correction from sync_job "
                + "where product_id = ? and status = 'pending' order by channel_id", productId);
    }

    @Test
    void aHubCreateWritesTheProductItsStampsALogAndOneJobPerChannel() {
        Product product = createInHub(Map.of(NAME, "Tee", SKU, "TS-1", PRICE, PRICE.canonical("19.99"), AVAILABLE, 100));

        assertThat(product.snapshot().value(PRICE)).isEqualTo(PRICE.canonical("19.99"));
        assertThat(product.snapshot().stamps()).containsOnlyKeys(NAME, SKU, PRICE, AVAILABLE);
        assertThat(product.syncStatus()).isEqualTo(SyncStatus.PENDING);
        assertThat(product.lastUpdatedBy()).isEqualTo(Origin.NOLIMITS);
        assertThat(pendingJobs(product.id())).extracting(r -> r.get("channel_id") + ":" + r.get("fields")).containsExactly(
                "acme-jtl:name,sku",
                "acme-shopify:available,name,price,sku",
                "acme-woo:available,name,price,sku");
        assertThat(jdbc.queryForObject("select action from sync_log where product_id = ?", String.class, product.id()))
                .isEqualTo("create");
    }

    @Test
    void pendingJobsOfOneProductAndChannelCoalesce() {
        Product product = createInHub(Map.of(NAME, "Tee"));
        sync.edit(product.id(), Map.of(PRICE, PRICE.canonical("5")), null);
        sync.edit(product.id(), Map.of(WAREHOUSE_NOTES, "fragile"), null);

        assertThat(pendingJobs(product.id())).extracting(r -> r.get("channel_id") + ":" + r.get("fields")).containsExactly(
                "acme-jtl:name,warehouseNotes",
                "acme-shopify:name,price",
                "acme-woo:name,price");
    }

    @Test
    void aNoOpChangeWritesNoJobAndNoLog() {
        Product product = createInHub(Map.of(NAME, "Tee", PRICE, PRICE.canonical("5")));
        jdbc.update("delete from sync_job");
        long logsBefore = jdbc.queryForObject("select count(*) from sync_log", Long.class);

        ProductSyncService.Outcome outcome = sync.edit(product.id(), Map.of(PRICE, PRICE.canonical("5.00"), NAME, "Tee"), null);

        assertThat(outcome.product().snapshot().values()).isEqualTo(product.snapshot().values());
        assertThat(jdbc.queryForObject("select count(*) from sync_job", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from sync_log", Long.class)).isEqualTo(logsBefore);
    }

    @Test
    void aShopUpdateIsJudgedFieldByFieldAndLogged() {
        Product product = createInHub(Map.of(NAME, "Tee", SKU, "TS-1", AVAILABLE, 10));
        Change fromShop = new Change(Origin.SHOPIFY, "acme-shopify", Instant.now().plusSeconds(600), Change.Kind.UPDATE,
                Map.of(PRICE, PRICE.canonical("25"), SKU, "CHANGED", AVAILABLE, 50));

        ProductSyncService.Outcome outcome = sync.update(product.id(), fromShop, "evt-1");

        assertThat(outcome.product().snapshot().value(PRICE)).isEqualTo(PRICE.canonical("25"));
        assertThat(outcome.product().snapshot().value(SKU)).isEqualTo("TS-1");
        assertThat(outcome.product().snapshot().value(AVAILABLE)).isEqualTo(10);
        assertThat(outcome.product().lastUpdatedBy()).isEqualTo(Origin.SHOPIFY);
        assertThat(jdbc.queryForList("select error_message from sync_log where action = 'ignore' order by id", String.class))
                .containsExactly("NOT_PERMITTED: SHOPIFY may not write ops field sku",
                        "NOT_PERMITTED: SHOPIFY may not write stock field available");
        // price goes to WooCommerce only; the shop's higher stock is corrected downward, in the same job
        assertThat(pendingJobs(product.id())).extracting(r -> r.get("channel_id") + ":" + r.get("fields") + ":" + r.get("correction"))
                .contains("acme-woo:available,name,price,sku:false", "acme-shopify:available,name,sku:true");
        assertThat(jdbc.queryForObject("select trigger_event_id from sync_job where channel_id = 'acme-woo'", String.class))
                .isEqualTo("evt-1");
    }

    @Test
    void aSharedFieldConflictStaysOpenUntilAPersonResolvesIt() {
        Instant now = Instant.now();
        Product product = createInHub(now.minusSeconds(3600), Map.of(NAME, "Tee"));
        sync.update(product.id(), new Change(Origin.SHOPIFY, "acme-shopify", now.minusSeconds(10), Change.Kind.UPDATE,
                Map.of(NAME, "Tee from Shopify")), null);

        // the hub edit comes within the window: later wins, and the conflict is recorded
        Product afterHubEdit = sync.edit(product.id(), Map.of(NAME, "Tee from hub"), null).product();
        assertThat(afterHubEdit.snapshot().value(NAME)).isEqualTo("Tee from hub");
        assertThat(afterHubEdit.syncStatus()).isEqualTo(SyncStatus.CONFLICT);
        List<ConflictStore.Conflict> open = conflicts.byClient("acme", ConflictStore.Status.OPEN);
        assertThat(open).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo("name");
            assertThat(c.localValue()).isEqualTo("Tee from hub");
            assertThat(c.localOrigin()).isEqualTo(Origin.NOLIMITS);
            assertThat(c.remoteValue()).isEqualTo("Tee from Shopify");
            assertThat(c.remoteOrigin()).isEqualTo(Origin.SHOPIFY);
        });
        jdbc.update("delete from sync_job");

        Product resolved = sync.resolve(product.id(), Resolution.ACCEPT_REMOTE, Map.of()).product();

        assertThat(resolved.snapshot().value(NAME)).isEqualTo("Tee from Shopify");
        assertThat(resolved.syncStatus()).isEqualTo(SyncStatus.PENDING);
        assertThat(conflicts.byClient("acme", ConflictStore.Status.OPEN)).isEmpty();
        assertThat(conflicts.byClient("acme", ConflictStore.Status.RESOLVED)).singleElement()
                .satisfies(c -> assertThat(c.resolution()).isEqualTo("accept_remote"));
        // the decision reaches every shop, the one whose value won included
        assertThat(pendingJobs(product.id())).extracting(r -> r.get("channel_id")).containsExactly("acme-shopify", "acme-woo");
        assertThatThrownBy(() -> sync.resolve(product.id(), Resolution.ACCEPT_LOCAL, Map.of()))
                .isInstanceOf(NothingToResolveException.class);
    }

    @Test
    void resolvingForTheValueTheHubHoldsEndsTheConflictStatus() {
        Instant now = Instant.now();
        Product product = createInHub(now.minusSeconds(3600), Map.of(NAME, "Tee"));
        sync.edit(product.id(), Map.of(NAME, "Tee from hub"), null);
        // Shopify's change is older (whole seconds): the hub's value stays, the conflict is open
        sync.update(product.id(), new Change(Origin.SHOPIFY, "acme-shopify", now.minusSeconds(10), Change.Kind.UPDATE,
                Map.of(NAME, "Tee from Shopify")), null);
        assertThat(conflicts.byClient("acme", ConflictStore.Status.OPEN)).hasSize(1);
        jdbc.update("delete from sync_job");

        Product resolved = sync.resolve(product.id(), Resolution.ACCEPT_LOCAL, Map.of()).product();

        assertThat(resolved.snapshot().value(NAME)).isEqualTo("Tee from hub");
        assertThat(pendingJobs(product.id())).isEmpty();
        assertThat(resolved.syncStatus()).isEqualTo(SyncStatus.SYNCED);
    }

    @Test
    void aCommerceConflictIsResolvedByTheRulesAndKeptOnRecord() {
        Product product = createInHub(Instant.now().minusSeconds(3600), Map.of(NAME, "Tee"));
        sync.update(product.id(), new Change(Origin.SHOPIFY, "acme-shopify", Instant.now(), Change.Kind.UPDATE,
                Map.of(PRICE, PRICE.canonical("30"))), null);
        Product after = sync.edit(product.id(), Map.of(PRICE, PRICE.canonical("20")), null).product();

        assertThat(after.snapshot().value(PRICE)).isEqualTo(PRICE.canonical("30"));
        assertThat(after.syncStatus()).isNotEqualTo(SyncStatus.CONFLICT);
        assertThat(conflicts.byClient("acme", ConflictStore.Status.AUTO_RESOLVED)).singleElement()
                .satisfies(c -> assertThat(c.resolution()).isEqualTo("commerce_prefers_SHOPIFY"));
        assertThat(jdbc.queryForObject("select error_message from sync_log where action = 'conflict'", String.class))
                .isEqualTo("auto-resolved: commerce field keeps the SHOPIFY value");
    }

    @Test
    void aDuplicateSkuIsRefused() {
        Product first = createInHub(Map.of(NAME, "Tee", SKU, "DUP"));
        assertThatThrownBy(() -> createInHub(Map.of(NAME, "Other", SKU, "DUP")))
                .isInstanceOf(DuplicateSkuException.class)
                .satisfies(e -> assertThat(((DuplicateSkuException) e).existingId()).isEqualTo(first.id()));
    }

    @Test
    void concurrentChangesToOneProductLoseNoUpdate() throws Exception {
        Product product = createInHub(Map.of(NAME, "Tee"));
        List<ProductField> fields = List.of(DESCRIPTION, IMAGE_URL, PRICE, COMPARE_AT_PRICE, SEO_TITLE, SEO_DESCRIPTION,
                PRODUCT_TYPE, VENDOR, GTIN, HAN, WAREHOUSE_NOTES, STORAGE_LOCATION, CUSTOMS_CODE, COUNTRY_OF_ORIGIN,
                MANUFACTURER, PACKAGING_UNIT, HAZMAT_CLASS, MIN_STOCK_LEVEL, REORDER_POINT, RESERVED);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Object>> edits = new ArrayList<>();
        for (ProductField field : fields) {
            Object value = field.type() == com.nolimits.synchub.merge.FieldType.TEXT ? "v-" + field.key() : field.canonical(7);
            edits.add(() -> sync.edit(product.id(), Map.of(field, value), null));
        }
        for (Future<Object> f : pool.invokeAll(edits)) {
            f.get();
        }
        pool.shutdown();

        Product after = sync.edit(product.id(), Map.of(), null).product();
        for (ProductField field : fields) {
            assertThat(after.snapshot().value(field)).as(field.key()).isNotNull();
            assertThat(after.snapshot().stamps()).containsKey(field);
        }
        assertThat(after.version()).isEqualTo(product.version() + fields.size());
    }

    @Test
    void aShopEditAPushOfOlderValuesOverwroteThereGoesBackToTheShop() {
        Product product = createInHub(Instant.now().minusSeconds(600), Map.of(NAME, "Tee", SKU, "TS-9",
                PRICE, PRICE.canonical("10")));
        jdbc.update("update sync_job set status = 'completed' where product_id = ?", product.id());
        Instant pushLanded = Instant.now().minusSeconds(5);
        pushRecords.record(product.id(), "acme-shopify", Map.of(NAME, "Tee"), pushLanded);

        // the merchant's price edit was made before the hub's push landed there: the push overwrote it
        sync.update(product.id(), new Change(Origin.SHOPIFY, "acme-shopify", pushLanded.minusSeconds(1),
                Change.Kind.UPDATE, Map.of(PRICE, PRICE.canonical("12"))), null);
        assertThat(pendingJobs(product.id())).extracting(r -> r.get("channel_id") + ":" + r.get("fields"))
                .containsExactly("acme-shopify:price", "acme-woo:price");

        // an edit made after the push landed is not sent back
        jdbc.update("update sync_job set status = 'completed' where product_id = ?", product.id());
        sync.update(product.id(), new Change(Origin.SHOPIFY, "acme-shopify", pushLanded.plusSeconds(2),
                Change.Kind.UPDATE, Map.of(PRICE, PRICE.canonical("13"))), null);
        assertThat(pendingJobs(product.id())).extracting(r -> r.get("channel_id") + ":" + r.get("fields"))
                .containsExactly("acme-woo:price");
    }

    @Test
    void aShopEditMergedWhileAPushToThatShopIsInFlightGoesBackToTheShop() {
        Product product = createInHub(Instant.now().minusSeconds(600), Map.of(NAME, "Tee", SKU, "TS-8"));
        jdbc.update("update sync_job set status = 'completed' where product_id = ? and channel_id <> 'acme-shopify'",
                product.id());
        jdbc.update("update sync_job set status = 'processing' where product_id = ? and channel_id = 'acme-shopify'",
                product.id());

        sync.update(product.id(), new Change(Origin.SHOPIFY, "acme-shopify", Instant.now(), Change.Kind.UPDATE,
                Map.of(PRICE, PRICE.canonical("12"))), null);
        assertThat(pendingJobs(product.id())).extracting(r -> r.get("channel_id") + ":" + r.get("fields"))
                .containsExactly("acme-shopify:price", "acme-woo:price");
    }
}
