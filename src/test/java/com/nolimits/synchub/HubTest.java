package com.nolimits.synchub;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole hub on a random port against the local PostgreSQL server (profile "test", schema
 * synchub_test), with the test clients of src/test/resources/application-test.yaml and the sandbox
 * platforms with their demo client. Every test context has the same clients and channels: contexts
 * share the database, so any of them may process a stored webhook.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@CamelSpringBootTest
@SpringBootTest(classes = {SyncHubApplication.class, FreshSchemaForTests.class}, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "sandbox"})
public @interface HubTest {
}
