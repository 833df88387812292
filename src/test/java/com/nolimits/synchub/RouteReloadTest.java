package com.nolimits.synchub;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A route file edited while the hub runs is loaded again without a restart (camel.main.routes-reload,
 * on in the sandbox profile, SYNC_ROUTES_RELOAD elsewhere): here in a copy of routes/ in a temporary
 * folder (SYNC_ROUTES_DIR), so the project's files stay as they are.
 */
@HubTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RouteReloadTest {

    static final Path ROUTES = copyOfTheRoutes();

    @DynamicPropertySource
    static void routesFolder(DynamicPropertyRegistry registry) {
        registry.add("SYNC_ROUTES_DIR", ROUTES::toString);
        registry.add("SYNC_ROUTES_RELOAD", () -> "true");
    }

    @Autowired
    CamelContext camel;

    @Test
    void anEditedRouteFileIsLoadedAgainWithoutARestart() throws Exception {
        assertThat(camel.getRoute("reconciliation").getSourceLocation()).contains(ROUTES.toString());
        Path file = ROUTES.resolve("reconciliation.camel.yaml");
        String yaml = Files.readString(file);
        String original = "description: every 15 minutes, each commerce channel -> reconcile-channel";
        assertThat(yaml).contains(original);
        Files.writeString(file, yaml.replace(original, "description: edited while the hub ran"));

        await().atMost(Duration.ofSeconds(30)).until(() -> camel.getRoute("reconciliation") != null
                && "edited while the hub ran".equals(camel.getRoute("reconciliation").getDescription()));
        assertThat(camel.getRouteController().getRouteStatus("reconciliation").isStarted()).isTrue();
        assertThat(camel.getRoute("reconcile-channel")).as("the file's other route").isNotNull();
        assertThat(camel.getRoute("shopify-webhooks")).as("the other files' routes are left alone").isNotNull();
    }

    @AfterAll
    static void removeTheCopy() throws IOException {
        try (Stream<Path> files = Files.walk(ROUTES)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
        }
    }

    private static Path copyOfTheRoutes() {
        try {
            Path copy = Files.createTempDirectory("routes-reload");
            try (Stream<Path> files = Files.list(Path.of("routes"))) {
                for (Path route : files.toList()) {
                    Files.copy(route, copy.resolve(route.getFileName()));
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
