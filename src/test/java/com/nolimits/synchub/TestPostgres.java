package com.nolimits.synchub;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The PostgreSQL server of a test run, chosen once per test JVM: the one TEST_DATABASE_URL names (with
 * TEST_DATABASE_USER, TEST_DATABASE_PASSWORD), else the local server when it answers at 127.0.0.1:5432
 * (user postgres, trust auth, as .ci/run starts it), else an embedded PostgreSQL started for this run: the
 * library and version the hub itself starts by default, so the build needs nothing but a JDK and Maven.
 * The log says which.
 */
public final class TestPostgres {

    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
    static final String LOCAL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    /**
     * @param url    the server's database, without parameters
     * @param source how it was chosen, for the log
     */
    public record Server(String url, String username, String password, String source) {

        /** The JDBC URL of a schema of the server (created by Flyway or the test). */
        public String url(String schema) {
            return url + "?currentSchema=" + schema;
        }
    }

    private static Server server;

    private TestPostgres() {
    }

    public static synchronized Server server() {
        if (server == null) {
            server = choose();
            log.info("Tests use PostgreSQL at {} ({})", server.url(), server.source());
        }
        return server;
    }

    private static Server choose() {
        String configured = System.getenv("TEST_DATABASE_URL");
        if (configured != null && !configured.isBlank()) {
            return new Server(configured.replaceAll("\\?.*$", ""), System.getenv().getOrDefault("TEST_DATABASE_USER", "postgres"),
                    System.getenv().getOrDefault("TEST_DATABASE_PASSWORD", ""), "TEST_DATABASE_URL");
        }
        String localProblem = answers(LOCAL + "?connectTimeout=2&loginTimeout=3");
        if (localProblem == null) {
            return new Server(LOCAL, "postgres", "", "the local server");
        }
        return embedded("no local server at 127.0.0.1:5432: " + localProblem);
    }

    /** Null when the server takes a connection as user postgres without a password, else why not. */
    private static String answers(String url) {
        try (Connection ignored = DriverManager.getConnection(url, "postgres", "")) {
            return null;
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    /** Started in a fresh temporary directory and stopped by the library's shutdown hook when the JVM ends. */
    private static Server embedded(String why) {
        try {
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
            return new Server("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", "",
                    "an embedded PostgreSQL started for this test run in "
                            + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms; " + why);
        } catch (IOException e) {
            throw new UncheckedIOException("no database for the tests: " + why + "; the embedded PostgreSQL did not start", e);
        }
    }
}
