package com.nolimits.synchub;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Points a test context at the test run's PostgreSQL ({@link TestPostgres}), schema synchub_test. Set
 * before the context starts, so the hub's own embedded database (which starts when no URL is set) stays off.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String SCHEMA = "synchub_test";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPostgres.Server server = TestPostgres.server();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-database", Map.of(
                "spring.datasource.url", server.url(SCHEMA),
                "spring.datasource.username", server.username(),
                "spring.datasource.password", server.password())));
    }
}
