package com.nolimits.synchub.ingress;

import com.nolimits.synchub.channel.SyncProperties;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/**
 * The idempotent repository of webhook events (Camel's JDBC repository on the table Flyway creates), the
 * webhooks' body filter, and the start-up registration of webhook subscriptions.
 */
@Configuration(proxyBeanMethods = false)
public class IngressConfiguration {

    /**
     * Joins the transaction of routes/webhook-inbox.camel.yaml (same DataSource), so a dedup key is committed
     * together with its inbox row or not at all: a failure before the event is stored leaves no key.
     */
    @Bean
    JdbcMessageIdRepository webhookEventRepository(DataSource dataSource) {
        JdbcMessageIdRepository repository = new InsertIfAbsentMessageIdRepository(dataSource, "webhooks");
        repository.setCreateTableIfNotExists(false);
        return repository;
    }

    /**
     * register-webhooks: once Camel has started (its routes make the platform calls, and WooCommerce pings
     * the hub's webhook route before it keeps a webhook), not at Spring's ApplicationReadyEvent, which
     * comes before Camel where Camel is started later (camel-test starts it per test class).
     */
    @Bean
    CamelContextConfiguration registerWebhooksOnceCamelStarted(WebhookRegistration registration) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                try {
                    camel.addStartupListener(startupListener(registration));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
            }
        };
    }

    private static StartupListener startupListener(WebhookRegistration registration) {
        return new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                registration.registerAtStartUp();
            }
        };
    }

    /** Runs first, before Spring Security and Camel's platform-http read anything of a webhook. */
    @Bean
    FilterRegistrationBean<WebhookBodyFilter> webhookBodyFilter(SyncProperties properties) {
        FilterRegistrationBean<WebhookBodyFilter> registration = new FilterRegistrationBean<>(
                new WebhookBodyFilter(properties.getWebhooks().getMaxBodySize().toBytes()));
        registration.addUrlPatterns("/api/integrations/webhooks/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
