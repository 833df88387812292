package com.nolimits.synchub.monitoring;

import com.nolimits.synchub.HubTest;
import com.nolimits.synchub.TestDatabase;
import com.nolimits.synchub.merge.Change;
import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.SyncLogStore;
import com.nolimits.synchub.sync.ProductSyncService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The health components' warnings: a queue that does not move, a channel whose pushes keep failing. */
@HubTest
@SuppressWarnings("unchecked")
class HealthWarningsTest {

    @Autowired
    QueueHealth queue;
    @Autowired
    ChannelsHealth channels;
    @Autowired
    ProductSyncService sync;
    @Autowired
    SyncLogStore logs;
    @Autowired
    JdbcTemplate jdbc;

    UUID id;

    @BeforeEach
    void aProductWithQueuedPushes() {
        TestDatabase.clear(jdbc); // the dispatcher is off here: the jobs stay pending
        id = sync.create("acme", new Change(Origin.NOLIMITS, null, Instant.now(), Change.Kind.CREATE,
                Map.of(ProductField.NAME, "Stuck")), null, null).product().id();
    }

    @Test
    void aQueueWhoseOldestJobWaitsTooLongIsFlagged() {
        assertThat(queue.health().getDetails()).containsEntry("pending", 3L).doesNotContainKey("warning");

        jdbc.update("update sync_job set scheduled_for = now() - interval '1 hour'");

        Health health = queue.health();
        assertThat((Long) health.getDetails().get("oldestDueJobSeconds")).isGreaterThanOrEqualTo(3600);
        assertThat(health.getDetails().get("warning").toString()).contains("the oldest due job has waited");
    }

    @Test
    void jobsOfAnInstanceThatStoppedRenewingTheirLeasesAreNamed() {
        jdbc.update("""
                update sync_job set status = 'processing', claimed_by = case when channel_id = 'acme-jtl' then 'hub-b' else 'hub-a' end,
                    locked_until = case when channel_id = 'acme-jtl' then now() + interval '1 minute' else now() - interval '1 second' end""");

        Map<String, Object> details = queue.health().getDetails();

        assertThat(details.get("processingByInstance")).isEqualTo(Map.of("hub-a", 2L, "hub-b", 1L));
        assertThat(details.get("leasesRunOut")).isEqualTo(Map.of("hub-a", 2L));
        assertThat(details.get("leaseWarning").toString()).startsWith("jobs of hub-a were not renewed");
    }

    @Test
    void aChannelFailingThreeTimesInARowIsListedUntilAPushGoesThrough() {
        for (int i = 0; i < 3; i++) {
            logs.append(List.of(push("acme-woo", false)));
        }
        assertThat(channels.health().getDetails()).containsEntry("failing", List.of("acme-woo"));
        assertThat((Map<String, Object>) channels.health().getDetails().get("acme-woo")).containsEntry("consecutiveFailures", 3L);

        logs.append(List.of(push("acme-woo", true)));

        assertThat(channels.health().getDetails()).doesNotContainKey("failing");
        assertThat((Map<String, Object>) channels.health().getDetails().get("acme-woo")).containsEntry("consecutiveFailures", 0L);
    }

    private SyncLogStore.Entry push(String channelId, boolean success) {
        SyncLogStore.Entry entry = SyncLogStore.Entry.of(id, "acme", "push", Origin.NOLIMITS).to("woocommerce", channelId)
                .fields(List.of("name"));
        return success ? entry.note("updated") : entry.failed("WooCommerce answered 500");
    }
}
