package com.nolimits.synchub.ingress;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** The idempotent repository of webhook events (Camel's JDBC repository on the table Flyway creates). */
@Configuration(proxyBeanMethods = false)
public class IngressConfiguration {

    /**
     * Joins the transaction of routes/webhook-inbox.yaml (same DataSource), so a dedup key is committed
     * together with its inbox row or not at all: a failure before the event is stored leaves no key.
     */
    @Bean
    JdbcMessageIdRepository webhookEventRepository(DataSource dataSource) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, "webhooks");
        repository.setCreateTableIfNotExists(false);
        return repository;
    }
}
