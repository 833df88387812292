package com.nolimits.synchub;

import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The test schema is rebuilt from the migrations once per test run, so a schema left by an older
 * checkout never fails the build. Later contexts in the same run only migrate.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FreshSchemaForTests {

    private static final AtomicBoolean CLEANED = new AtomicBoolean();

    @Bean
    FlywayMigrationStrategy cleanOnceThenMigrate() {
        return flyway -> {
            if (CLEANED.compareAndSet(false, true)) {
                flyway.clean();
            }
            flyway.migrate();
        };
    }
}
