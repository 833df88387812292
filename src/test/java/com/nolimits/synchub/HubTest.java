package com.nolimits.synchub;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole hub on a free port against the test run's PostgreSQL server (TestPostgres; profile "test",
 * schema synchub_test), with the test clients of src/test/resources/application-test.yaml and the sandbox
 * platforms with their demo client. The dispatcher is off (set here, where it outranks every profile's
 * file); outbound tests switch it on. Every test context has the same clients and channels: contexts
 * share the database, so any of them may process a stored webhook.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CamelSpringBootTest
@SpringBootTest(classes = {SyncHubApplication.class, FreshSchemaForTests.class, TestClients.class}, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"sync.queue.dispatch-enabled=false", // queue contents stay put; outbound tests switch it on
                TestSchedules.OWN_SCHEDULER, TestSchedules.NO_POLLING, TestSchedules.NO_SWEEPS, TestSchedules.NO_CHANGE_EVENTS,
                TestCredentials.OPERATOR_KEY_PROPERTY, TestCredentials.OPERATOR_PASSWORD_PROPERTY, TestCredentials.FAILED_ATTEMPTS_PROPERTY,
                "management.prometheus.metrics.export.enabled=true"}) // Spring Boot turns exporters off in tests
@ContextConfiguration(initializers = {FreePortInitializer.class, TestDatabaseInitializer.class})
@ActiveProfiles({"test", "sandbox"})
public @interface HubTest {
}
