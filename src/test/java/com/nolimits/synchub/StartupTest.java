package com.nolimits.synchub;

import com.nolimits.synchub.channel.ChannelSettings;
import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.merge.ChannelRef;
import com.nolimits.synchub.security.OperatorCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hub as a user starts it: the embedded default database, and start-up refusing bad config. */
class StartupTest {

    @Test
    void theEmbeddedDefaultStartsAndKeepsItsData(@TempDir Path dir) {
        String[] args = {"--server.port=0", "--sync.embedded-db.data-dir=" + dir.resolve("pg"),
                "--" + TestCredentials.OPERATOR_KEY_PROPERTY};
        String id;
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(SyncHubApplication.class).run(args)) {
            RestClient http = client(hub);
            String body = "{\"clientId\": \"demo\", \"name\": \"Smoke\", \"sku\": \"SMOKE-1\"}";
            Map<?, ?> created = http.post().uri("/create").header("Content-Type", "application/json")
                    .body(body).retrieve().body(Map.class);
            id = (String) ((Map<?, ?>) created.get("data")).get("id");
        }
        try (ConfigurableApplicationContext again = new SpringApplicationBuilder(SyncHubApplication.class).run(args)) {
            Map<?, ?> read = client(again).get().uri("/product/" + id).retrieve().body(Map.class);
            assertThat(((Map<?, ?>) read.get("data")).get("sku")).isEqualTo("SMOKE-1");
        }
    }

    @Test
    void theSandboxProfileWiresTheDemoClientToTheThreeSandboxes(@TempDir Path dir) throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // camel-test turns Camel's JMX off for the whole JVM once any @CamelSpringBootTest ran; a real start has it on
        boolean jmxDisabled = org.apache.camel.impl.DefaultCamelContext.isDisableJmx();
        org.apache.camel.impl.DefaultCamelContext.setDisableJmx(false);
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(SyncHubApplication.class)
                .profiles("sandbox").run("--server.port=" + port, "--sync.embedded-db.data-dir=" + dir.resolve("pg"))) {
            // no credentials set: the sandbox profile made some up; the API takes them and nothing else
            OperatorCredentials operator = hub.getBean(OperatorCredentials.class);
            assertThat(operator.apiKey()).hasSizeGreaterThan(20);
            assertThat(bare(hub).get().uri("/status/demo").header("X-API-Key", operator.apiKey()).retrieve()
                    .toBodilessEntity().getStatusCode().value()).isEqualTo(200);
            assertThat(bare(hub).get().uri("/status/demo").headers(h -> h.setBasicAuth("operator", operator.password()))
                    .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
            int withoutCredentials = bare(hub).get().uri("/status/demo")
                    .exchange((request, response) -> response.getStatusCode().value());
            assertThat(withoutCredentials).isEqualTo(401);
            // Hawtio's data: every route as a Camel MBean, read through Jolokia by the operator
            String routes = RestClient.create("http://127.0.0.1:" + port).get()
                    .uri("/actuator/jolokia/search/org.apache.camel:type=routes,*")
                    .headers(h -> h.setBasicAuth("operator", operator.password())).retrieve().body(String.class);
            assertThat(routes).contains("outbound-dispatch", "shopify-webhooks", "jtl-polling", "push-woocommerce-batch");
            ClientDirectory directory = hub.getBean(ClientDirectory.class);
            assertThat(directory.channelRefs("demo")).extracting(ChannelRef::id)
                    .containsExactly("demo-shopify", "demo-woo", "demo-jtl");
            // the channel's own URL and token reach the Shopify sandbox's Admin API
            ChannelSettings shopify = directory.channel("demo-shopify").orElseThrow().settings();
            Map<?, ?> answer = RestClient.create(shopify.getBaseUrl()).post()
                    .uri("/admin/api/" + shopify.getApiVersion() + "/graphql.json")
                    .header("X-Shopify-Access-Token", shopify.getAccessToken()).header("Content-Type", "application/json")
                    .body("{\"query\": \"query { products(first: 5) { nodes { id } } }\"}").retrieve().body(Map.class);
            assertThat(answer.get("data")).isNotNull();
            ChannelSettings woo = directory.channel("demo-woo").orElseThrow().settings();
            String products = RestClient.create(woo.getBaseUrl()).get().uri("/wp-json/wc/v3/products")
                    .header("X-Forwarded-Proto", "https") // Basic is taken over HTTPS only
                    .headers(h -> h.setBasicAuth(woo.getConsumerKey(), woo.getConsumerSecret())).retrieve().body(String.class);
            assertThat(products).isEqualTo("[]");
            assertThat(directory.channel("demo-jtl").orElseThrow().settings().getBaseUrl())
                    .isEqualTo("http://127.0.0.1:" + port + "/sandbox/jtl/demo/api");
        } finally {
            org.apache.camel.impl.DefaultCamelContext.setDisableJmx(jmxDisabled);
        }
    }

    @Test
    void aBadOwnershipFileStopsStartUpNamingTheEntry(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("field-ownership.yaml");
        Files.writeString(bad, Files.readString(Path.of("src/main/resources/field-ownership.yaml")).replace("vendor]", "vendr]"));
        assertThatThrownBy(() -> new SpringApplicationBuilder(SyncHubApplication.class).profiles("test")
                .run("--server.port=0", "--sync.field-ownership-file=" + bad,
                        "--spring.datasource.url=" + TestPostgres.server().url(TestDatabaseInitializer.SCHEMA),
                        "--spring.datasource.username=" + TestPostgres.server().username()))
                .rootCause().hasMessageContaining("groups.commerce[9]: unknown field 'vendr'");
    }

    @Test
    void aSettingOutOfRangeStopsStartUpNamingTheKey() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SyncHubApplication.class).profiles("test")
                .run("--server.port=0", "--sync.cleanup.after-days=0",
                        "--spring.datasource.url=" + TestPostgres.server().url(TestDatabaseInitializer.SCHEMA),
                        "--spring.datasource.username=" + TestPostgres.server().username()))
                .hasStackTraceContaining("cleanup.afterDays").hasStackTraceContaining("must be 1 or more");
    }

    /** The management API as the operator of test contexts. */
    private static RestClient client(ConfigurableApplicationContext context) {
        return bare(context).mutate().defaultHeader("X-API-Key", TestCredentials.OPERATOR_KEY).build();
    }

    private static RestClient bare(ConfigurableApplicationContext context) {
        int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
        return RestClient.create("http://127.0.0.1:" + port + "/api/integrations/product-sync");
    }
}
