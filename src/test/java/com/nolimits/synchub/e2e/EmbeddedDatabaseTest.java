package com.nolimits.synchub.e2e;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default database, as the README's run command starts it, keeps what it acknowledged: a webhook
 * is answered 200 after its commit, so every commit must reach the disk before it returns.
 */
class EmbeddedDatabaseTest {

    @Test
    void theEmbeddedDatabaseSyncsEveryCommitToDisk(@TempDir Path dir) throws Exception {
        try (UserStartedHub hub = new UserStartedHub(dir)) {
            JdbcTemplate sql = new JdbcTemplate(hub.context.getBean(DataSource.class));
            assertThat(sql.queryForObject("show fsync", String.class)).isEqualTo("on");
            assertThat(sql.queryForObject("show synchronous_commit", String.class)).isEqualTo("on");
            assertThat(sql.queryForObject("show full_page_writes", String.class)).isEqualTo("on");
            assertThat(sql.queryForObject("select current_setting('data_directory')", String.class))
                    .startsWith(dir.toString()); // the hub's own embedded server, not the machine's
            // its pool is bound from spring.datasource.hikari.* (application.yaml), not Hikari's defaults (10, 30 s)
            HikariDataSource pool = hub.context.getBean(HikariDataSource.class);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(20);
            assertThat(pool.getConnectionTimeout()).isEqualTo(3000);
        }
    }
}
