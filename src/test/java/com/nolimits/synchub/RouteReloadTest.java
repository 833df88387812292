package com.nolimits.synchub;

import com.nolimits.synchub.merge.Change;
import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.sync.ProductSyncService;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A route file edited while the hub runs is loaded again without a restart (camel.main.routes-reload,
 * on in the sandbox profile, SYNC_ROUTES_RELOAD elsewhere): here in a copy of routes/ in a temporary
 * folder (SYNC_ROUTES_DIR), so the project's files stay as they are. The README's example of a step added
 * in YAML is made here too.
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

    @Autowired
    ProductSyncService sync;

    @Autowired
    JdbcTemplate jdbc;

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

    /** The README's example: a filter step added in YAML keeps one client's products of one vendor off WooCommerce. */
    @Test
    void aFilterStepAddedInYamlKeepsOneVendorOfOneClientOffWooCommerce() throws Exception {
        String original = """
                      steps:
                        - bean:
                            id: queue-woocommerce-jobs
                            ref: changeFanOut
                            method: queue(${body}, WOOCOMMERCE)
                """;
        String filtered = """
                      steps:
                        - filter:
                            id: not-acmes-old-stock                # acme's products of vendor "Old Stock" stay off WooCommerce
                            simple: "${body.clientId()} != 'acme' || ${body.field('vendor')} != 'Old Stock'"
                            steps:
                              - bean:
                                  id: queue-woocommerce-jobs
                                  ref: changeFanOut
                                  method: queue(${body}, WOOCOMMERCE)
                """;
        assertThat(Files.readString(Path.of("README.md"))).as("the README shows this step").contains(filtered);
        Path file = ROUTES.resolve("fan-out-change.camel.yaml");
        String yaml = Files.readString(file);
        assertThat(yaml).contains(original);
        Files.writeString(file, yaml.replace(original, filtered));
        await().atMost(Duration.ofSeconds(30)).until(() -> camel.getProcessor("not-acmes-old-stock") != null);

        UUID oldStock = created("Old Stock");
        UUID fresh = created("Fresh Goods");
        assertThat(queuedChannels(oldStock)).contains("acme-shopify").doesNotContain("acme-woo");
        assertThat(queuedChannels(fresh)).contains("acme-shopify", "acme-woo");
    }

    private UUID created(String vendor) {
        Map<ProductField, Object> fields = new EnumMap<>(ProductField.class);
        fields.put(ProductField.SKU, "VENDOR-" + UUID.randomUUID());
        fields.put(ProductField.NAME, "A product of " + vendor);
        fields.put(ProductField.VENDOR, vendor);
        fields.put(ProductField.PRICE, ProductField.PRICE.canonical("9.90"));
        return sync.create("acme", new Change(Origin.NOLIMITS, null, Instant.now(), Change.Kind.CREATE, fields), null, null)
                .product().id();
    }

    private List<String> queuedChannels(UUID productId) {
        return jdbc.queryForList("select channel_id from sync_job where product_id = ?", String.class, productId);
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
