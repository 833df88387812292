package com.nolimits.synchub.store;

import com.nolimits.synchub.HubTest;
import com.nolimits.synchub.TestDatabase;
import com.nolimits.synchub.merge.Change;
import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.sync.ProductSyncService;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** routes/ is read from the file system (a wrong pattern silently loads nothing), and the clean-up works. */
@HubTest
@UseAdviceWith
class JobCleanupRouteTest {

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProductSyncService sync;

    @Test
    void everyRouteFromTheRoutesFolderIsLoadedWithItsId() {
        assertThat(camel.getRoutes()).extracting(Route::getRouteId).contains("job-cleanup", "shopify-webhooks",
                "woocommerce-webhooks", "webhook-inbox", "inbound-product-change", "inbound-product-change-poll");
        assertThat(camel.getRoutes()).allSatisfy(route -> assertThat(route.getSourceLocation()).startsWith("file:routes/"));
        assertThat(camel.getRoute("job-cleanup").getSourceLocation()).startsWith("file:routes/job-cleanup.yaml");
    }

    @Test
    void deletesOnlyFinishedJobsOlderThanTheLimit() throws Exception {
        AdviceWith.adviceWith(camel, "job-cleanup", a -> a.replaceFromWith("direct:job-cleanup"));
        camel.start();
        TestDatabase.clear(jdbc);
        UUID id = sync.create("acme", new Change(Origin.NOLIMITS, null, Instant.now(), Change.Kind.CREATE,
                Map.of(ProductField.NAME, "Tee")), null, null).product().id();
        // three jobs: shopify completed long ago, woo failed yesterday, jtl pending long ago
        jdbc.update("update sync_job set status = 'completed', updated_at = now() - interval '30 days' where channel_id = 'acme-shopify'");
        jdbc.update("update sync_job set status = 'failed', updated_at = now() - interval '1 day' where channel_id = 'acme-woo'");
        jdbc.update("update sync_job set updated_at = now() - interval '30 days' where channel_id = 'acme-jtl'");

        Object deleted = producer.requestBody("direct:job-cleanup", (Object) "");

        assertThat(deleted).isEqualTo(1);
        assertThat(jdbc.queryForList("select channel_id from sync_job where product_id = ? order by channel_id", String.class, id))
                .containsExactly("acme-jtl", "acme-woo");
    }
}
