package com.nolimits.synchub.ingress;

import com.nolimits.synchub.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhooks' dedup keys on the hub's table (Flyway's schema), with two deliveries of one event at once:
 * the first one's key is not committed yet when the second one's add comes.
 */
class InsertIfAbsentMessageIdRepositoryTest {

    static final String SCHEMA = "synchub_dedup_keys";

    JdbcTemplate admin;
    DriverManagerDataSource dataSource;
    InsertIfAbsentMessageIdRepository keys;
    TransactionTemplate firstDelivery;

    @BeforeEach
    void aFreshSchema() throws Exception {
        DriverManagerDataSource server = new DriverManagerDataSource(TestPostgres.server().url(),
                TestPostgres.server().username(), TestPostgres.server().password());
        admin = new JdbcTemplate(server);
        admin.execute("drop schema if exists " + SCHEMA + " cascade");
        Flyway.configure().dataSource(server).schemas(SCHEMA).defaultSchema(SCHEMA).load().migrate();
        dataSource = new DriverManagerDataSource(TestPostgres.server().url(SCHEMA), TestPostgres.server().username(),
                TestPostgres.server().password());
        keys = new InsertIfAbsentMessageIdRepository(dataSource, "webhooks");
        keys.setCreateTableIfNotExists(false);
        keys.start();
        firstDelivery = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterEach
    void dropSchema() {
        keys.stop();
        admin.execute("drop schema if exists " + SCHEMA + " cascade");
    }

    @Test
    void aKeyIsNewOnceThenADuplicate() {
        assertThat(keys.add("shop-1/event-1")).isTrue();
        assertThat(keys.add("shop-1/event-1")).isFalse();
        assertThat(keys.add("shop-1/event-2")).isTrue();
        assertThat(keys.contains("shop-1/event-1")).isTrue();
    }

    @Test
    void theSecondOfTwoDeliveriesAtOnceWaitsForTheFirstAndIsADuplicate() throws Exception {
        CompletableFuture<Boolean> second = secondDeliveryWhileTheFirstHolds("shop-1/event-1", true);

        assertThat(second.get(10, TimeUnit.SECONDS)).isFalse(); // not an exception: a duplicate, answered 200
        assertThat(admin.queryForObject("select count(*) from " + SCHEMA + ".camel_messageprocessed", Integer.class)).isEqualTo(1);
    }

    @Test
    void theSecondOfTwoDeliveriesAtOnceIsNewWhenTheFirstRolledBack() throws Exception {
        CompletableFuture<Boolean> second = secondDeliveryWhileTheFirstHolds("shop-1/event-1", false);

        assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(keys.contains("shop-1/event-1")).isTrue();
    }

    /**
     * The first delivery adds the key in its transaction and holds it open until the second one's add
     * waits on that key in the database; then it commits or rolls back.
     */
    private CompletableFuture<Boolean> secondDeliveryWhileTheFirstHolds(String key, boolean firstCommits) throws Exception {
        CountDownLatch added = new CountDownLatch(1);
        CountDownLatch secondWaits = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> firstDelivery.executeWithoutResult(status -> {
            assertThat(keys.add(key)).isTrue();
            added.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> secondWaits.await(10, TimeUnit.MILLISECONDS));
            if (!firstCommits) {
                status.setRollbackOnly();
            }
        }));
        assertThat(added.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> keys.add(key));
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.queryForObject("""
                select count(*) from pg_stat_activity
                where wait_event_type = 'Lock' and query ilike 'insert into camel_messageprocessed%'""", Integer.class) == 1);
        secondWaits.countDown();
        first.get(10, TimeUnit.SECONDS);
        return second;
    }
}
