package com.nolimits.synchub;

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
        String[] args = {"--server.port=0", "--sync.embedded-db.data-dir=" + dir.resolve("pg")};
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
    void aBadOwnershipFileStopsStartUpNamingTheEntry(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("field-ownership.yaml");
        Files.writeString(bad, Files.readString(Path.of("config/field-ownership.yaml")).replace("vendor]", "vendr]"));
        assertThatThrownBy(() -> new SpringApplicationBuilder(SyncHubApplication.class).profiles("test")
                .run("--server.port=0", "--sync.field-ownership-file=" + bad))
                .rootCause().hasMessageContaining("groups.commerce[9]: unknown field 'vendr'");
    }

    private static RestClient client(ConfigurableApplicationContext context) {
        int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
        return RestClient.create("http://127.0.0.1:" + port + "/api/integrations/product-sync");
    }
}
