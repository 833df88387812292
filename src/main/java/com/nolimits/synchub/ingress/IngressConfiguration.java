package com.nolimits.synchub.ingress;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** The idempotent repository of webhook events (Camel's JDBC repository on the table Flyway creates), and the webhooks' body filter. */
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

    /** Runs first, before Spring Security and Camel's platform-http read anything of a webhook. */
    @Bean
    FilterRegistrationBean<WebhookBodyFilter> webhookBodyFilter(@Value("${sync.webhooks.max-body-bytes:1048576}") long maxBodyBytes) {
        FilterRegistrationBean<WebhookBodyFilter> registration = new FilterRegistrationBean<>(new WebhookBodyFilter(maxBodyBytes));
        registration.addUrlPatterns("/api/integrations/webhooks/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
