package com.nolimits.synchub.cluster;

import com.nolimits.synchub.TestPostgres;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * Two hub instances starting at the same moment on a fresh schema, as a deployment starts them: both
 * find a quartz route's job missing and both store it. The race is made certain, not left to chance: the
 * first instance's insert of the job waits in the database (a trigger on the job table sleeps once)
 * while the second stores the same job and commits, so the first then meets the primary key. Each
 * instance is a Quartz scheduler configured as application.yaml's spring.quartz and a Camel context
 * with a quartz route, as the hub has them.
 */
class ConcurrentStartSchedulerTest {

    static final String SCHEMA = "synchub_quartz_race";

    JdbcTemplate jdbc;
    final List<Scheduler> schedulers = new ArrayList<>();
    final List<CamelContext> instances = new ArrayList<>();

    @BeforeEach
    void aFreshSchemaWhoseFirstJobInsertWaits() {
        DriverManagerDataSource admin = new DriverManagerDataSource(TestPostgres.server().url(),
                TestPostgres.server().username(), TestPostgres.server().password());
        jdbc = new JdbcTemplate(admin);
        jdbc.execute("drop schema if exists " + SCHEMA + " cascade");
        Flyway.configure().dataSource(admin).schemas(SCHEMA).defaultSchema(SCHEMA).load().migrate();
        jdbc.execute("create sequence " + SCHEMA + ".job_inserts");
        jdbc.execute("""
                create function %1$s.first_job_insert_waits() returns trigger language plpgsql as $$
                begin
                    if nextval('%1$s.job_inserts') = 1 then
                        perform pg_sleep(3);
                    end if;
                    return new;
                end $$""".formatted(SCHEMA));
        jdbc.execute("create trigger first_job_insert_waits before insert on " + SCHEMA
                + ".qrtz_job_details for each row execute function " + SCHEMA + ".first_job_insert_waits()");
    }

    @AfterEach
    void stop() throws Exception {
        for (CamelContext instance : instances) {
            instance.stop();
        }
        for (Scheduler scheduler : schedulers) {
            scheduler.shutdown();
        }
        jdbc.execute("drop schema if exists " + SCHEMA + " cascade");
    }

    @Test
    void theInstanceThatLosesTheRaceToStoreAJobStartsOnTheOthersTrigger() throws Exception {
        CamelContext first = instance("first");
        CamelContext second = instance("second");

        CompletableFuture<Void> firstStarts = CompletableFuture.runAsync(first::start);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from pg_stat_activity where query ilike '%qrtz_job_details%' and wait_event = 'PgSleep'",
                Long.class) == 1);
        second.start(); // stores the job while the first instance's insert waits
        assertThatCode(firstStarts::join).as("the first instance starts").doesNotThrowAnyException();

        assertThat(first.getRouteController().getRouteStatus("jtl-polling").isStarted()).isTrue();
        assertThat(second.getRouteController().getRouteStatus("jtl-polling").isStarted()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from " + SCHEMA + ".qrtz_triggers", Long.class)).isEqualTo(1);
    }

    /** A scheduler as application.yaml configures it, and a Camel context with the hub's component on it. */
    private CamelContext instance(String instanceId) throws Exception {
        SchedulerFactoryBean factory = new SchedulerFactoryBean();
        factory.setDataSource(new DriverManagerDataSource(TestPostgres.server().url(SCHEMA), TestPostgres.server().username(),
                TestPostgres.server().password()));
        factory.setSchedulerName("race");
        factory.setAutoStartup(false);
        Properties quartz = new Properties();
        quartz.setProperty("org.quartz.scheduler.instanceId", instanceId);
        quartz.setProperty("org.quartz.jobStore.isClustered", "true");
        quartz.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        quartz.setProperty("org.quartz.threadPool.threadCount", "1");
        factory.setQuartzProperties(quartz);
        factory.afterPropertiesSet();
        Scheduler scheduler = factory.getObject();
        schedulers.add(scheduler);

        QuartzComponent component = new QuartzComponent();
        component.setScheduler(ConcurrentStartScheduler.of(scheduler));
        CamelContext camel = new DefaultCamelContext();
        camel.addComponent("quartz", component);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("quartz:sync/jtl-polling?stateful=true&trigger.repeatInterval=60000").routeId("jtl-polling").log("tick");
            }
        });
        instances.add(camel);
        return camel;
    }
}
