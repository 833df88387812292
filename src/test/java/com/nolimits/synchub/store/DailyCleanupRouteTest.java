package com.nolimits.synchub.store;

import com.nolimits.synchub.HubTest;
import com.nolimits.synchub.TestDatabase;
import com.nolimits.synchub.merge.Change;
import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.sync.ProductSyncService;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** routes/daily-cleanup.camel.yaml, run on demand against the real database. */
@HubTest
@UseAdviceWith
class DailyCleanupRouteTest {

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProductSyncService sync;

    @Test
    void deletesOnlyFinishedWorkOlderThanTheLimitAndKeepsTheNewestPushRecord() throws Exception {
        AdviceWith.adviceWith(camel, "daily-cleanup", a -> a.replaceFromWith("direct:daily-cleanup"));
        camel.start();
        TestDatabase.clear(jdbc);
        UUID id = sync.create("acme", new Change(Origin.NOLIMITS, null, Instant.now(), Change.Kind.CREATE,
                Map.of(ProductField.NAME, "Tee")), null, null).product().id();
        // three jobs: shopify completed long ago, woo failed yesterday, jtl pending long ago
        jdbc.update("update sync_job set status = 'completed', updated_at = now() - interval '30 days' where channel_id = 'acme-shopify'");
        jdbc.update("update sync_job set status = 'failed', updated_at = now() - interval '1 day' where channel_id = 'acme-woo'");
        jdbc.update("update sync_job set updated_at = now() - interval '30 days' where channel_id = 'acme-jtl'");
        // webhooks: done long ago, skipped yesterday, pending long ago
        for (String[] row : new String[][]{{"old-done", "done", "30"}, {"new-skipped", "skipped", "1"}, {"old-pending", "pending", "30"}}) {
            jdbc.update("""
                    insert into webhook_inbox (channel_id, client_id, platform, topic, dedup_key, payload, status, received_at, processed_at)
                    values ('acme-shopify', 'acme', 'shopify', 'products/update', ?, '{}', ?, now() - make_interval(days => ?),
                            case when ? = 'pending' then null else now() - make_interval(days => ?) end)""",
                    row[0], row[1], Integer.parseInt(row[2]), row[1], Integer.parseInt(row[2]));
        }
        jdbc.update("insert into camel_messageprocessed (processorname, messageid, createdat) values "
                + "('webhooks', 'old-key', now() - interval '30 days'), ('webhooks', 'new-key', now())");
        // push records to acme-woo: two old ones, of which the newest stays, and one to acme-jtl, old but the only one
        for (String[] row : new String[][]{{"acme-woo", "30"}, {"acme-woo", "20"}, {"acme-jtl", "30"}}) {
            jdbc.update("""
                    insert into push_record (product_id, channel_id, fingerprint, pushed_values, pushed_at)
                    values (?, ?, 'f', '{}', now() - make_interval(days => ?))""", id, row[0], Integer.parseInt(row[1]));
        }

        Object summary = producer.requestBody("direct:daily-cleanup", (Object) "");

        assertThat(summary).isEqualTo("jobs=1, webhooks=1, dedupKeys=1, pushRecords=1");
        assertThat(jdbc.queryForList("select channel_id from sync_job where product_id = ? order by channel_id", String.class, id))
                .containsExactly("acme-jtl", "acme-woo");
        assertThat(jdbc.queryForList("select dedup_key from webhook_inbox order by dedup_key", String.class))
                .containsExactly("new-skipped", "old-pending");
        assertThat(jdbc.queryForList("select messageid from camel_messageprocessed", String.class)).containsExactly("new-key");
        assertThat(jdbc.queryForList("select channel_id || ' ' || extract(day from now() - pushed_at)::int from push_record order by id",
                String.class)).containsExactly("acme-woo 20", "acme-jtl 30");
    }
}
