package com.nolimits.synchub;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Like {@link HubTest}, with the dispatcher on and short retry delays, so jobs are pushed to the
 * sandboxes. The context is closed after the class: its dispatcher must not outlive it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CamelSpringBootTest
@SpringBootTest(classes = {SyncHubApplication.class, FreshSchemaForTests.class, TestClients.class},
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"sync.queue.dispatch-enabled=true", "sync.queue.retry-delay=300", "sync.queue.poll-interval=200",
                "sync.jtl.token-backoff=300ms", // as short as the retries
                TestSchedules.OWN_SCHEDULER, TestSchedules.NO_POLLING, TestSchedules.NO_SWEEPS, TestSchedules.NO_CHANGE_EVENTS,
                TestCredentials.OPERATOR_KEY_PROPERTY, TestCredentials.OPERATOR_PASSWORD_PROPERTY, TestCredentials.FAILED_ATTEMPTS_PROPERTY,
                "management.prometheus.metrics.export.enabled=true"})
@ContextConfiguration(initializers = {FreePortInitializer.class, TestDatabaseInitializer.class})
@ActiveProfiles({"test", "sandbox"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public @interface OutboundTest {
}
