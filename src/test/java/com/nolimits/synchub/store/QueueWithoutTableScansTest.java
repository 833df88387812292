package com.nolimits.synchub.store;

import com.nolimits.synchub.HubTest;
import com.nolimits.synchub.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements of every push read the rows they need through indexes, not by scanning the table:
 * completed jobs and the links of other products pile up by the thousand, and scanning them on each
 * claim, lease renewal and link lookup took 61% of PostgreSQL's execution time per edit (docs/benchmarks.md). The
 * table scans are PostgreSQL's own count (pg_stat_xact_user_tables), on tables as
 * large as a day's work leaves them and freshly analysed, as autovacuum would.
 */
@HubTest
class QueueWithoutTableScansTest {

    @Autowired
    JobClaims claims;
    @Autowired
    LinkStore links;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    TestRestTemplate http;

    final List<String> operations = QueuedJobs.ALL_OPERATIONS;

    @BeforeEach
    void aDayOfCompletedJobsAndLinkedProducts() {
        TestDatabase.clear(jdbc);
        QueuedJobs.ofNewProducts(http, 3, "Queued");
        jdbc.update("insert into product (client_id, name) select 'acme', 'Done ' || n from generate_series(1, 3000) n");
        jdbc.update("""
                insert into product_link (product_id, channel_id, external_id, external_parent_id)
                select id, 'acme-shopify', 'variant-' || id, 'parent-' || id from product where name like 'Done %'""");
        jdbc.update("""
                insert into sync_job (product_id, channel_id, client_id, operation, trigger_origin, status, completed_at)
                select p.id, c.id, 'acme', 'update', 'SHOPIFY', 'completed', now()
                from product p cross join (values ('acme-shopify'), ('acme-woo'), ('acme-jtl')) as c(id)
                where p.name like 'Done %'""");
        jdbc.execute("analyze sync_job");
        jdbc.execute("analyze product_link");
    }

    @Test
    void claimingAndRenewingJobsReadsOnlyTheQueuedAndRunningOnes() {
        Map<String, Long> scans = tableScansIn(() -> {
            List<Job> claimed = claims.claim(10, 60, operations, List.of(), Map.of());
            assertThat(claimed).hasSize(9);
            assertThat(claims.renewLeases(claimed, 60)).hasSize(9);
            assertThat(claims.claim(10, 60, operations, List.of(), Map.of())).isEmpty(); // all nine running now
        });

        assertThat(scans).containsEntry("sync_job", 0L);
    }

    @Test
    void aPlatformProductsLinksAreFoundByItsIdWithoutReadingTheChannelsOthers() {
        String parent = jdbc.queryForObject("select external_parent_id from product_link where channel_id = 'acme-shopify' limit 1",
                String.class);

        Map<String, Long> scans = tableScansIn(() -> {
            assertThat(links.byParent("acme-shopify", parent)).hasSize(1);
            assertThat(links.vanishedVariants("acme-shopify", parent, List.of("another-variant"))).hasSize(1);
        });

        assertThat(scans).containsEntry("product_link", 0L);
    }

    /**
     * The sequential scans of each table of the hub's schema that {@code work} made, in one transaction.
     * Counted from before it: PostgreSQL 15 reports a connection's scans since it last sent its statistics
     * (at most once a second, between transactions), so earlier transactions' may be in the figures too.
     */
    private Map<String, Long> tableScansIn(Runnable work) {
        return new TransactionTemplate(transactions).execute(status -> {
            Map<String, Long> before = tableScans();
            work.run();
            Map<String, Long> scans = tableScans();
            before.forEach((table, earlier) -> scans.merge(table, -earlier, Long::sum));
            return scans;
        });
    }

    private Map<String, Long> tableScans() {
        Map<String, Long> scans = new java.util.HashMap<>();
        jdbc.queryForList("select relname, seq_scan from pg_stat_xact_user_tables where schemaname = current_schema()")
                .forEach(row -> scans.put((String) row.get("relname"), ((Number) row.get("seq_scan")).longValue()));
        return scans;
    }
}
