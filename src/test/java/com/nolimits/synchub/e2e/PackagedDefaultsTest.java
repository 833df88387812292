package com.nolimits.synchub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar} from a directory without config/ or routes/: the hub starts on the defaults packaged
 * in the jar (configuration, field-ownership rules, routes), and its log says so.
 */
class PackagedDefaultsTest {

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void theJarStartsFromAnyDirectoryOnItsPackagedDefaults(@TempDir Path elsewhere) throws Exception {
        try (PackagedHub hub = PackagedHub.start(elsewhere.resolve("data"), PackagedHub.ANY_PORT, "default", List.of(),
                Map.of(), elsewhere)) {
            String log = Files.readString(hub.log);
            assertThat(log).contains("Routes: the defaults packaged in the jar")
                    .contains("Field ownership: the defaults packaged in the jar");

            JsonNode routes = get(hub, "/actuator/jolokia/search/org.apache.camel:type=routes,*").get("value");
            assertThat(routes.toString()).contains("shopify-webhooks", "product-changed-on-channel", "outbound-dispatch");

            JsonNode groups = get(hub, "/api/integrations/product-sync/field-ownership").get("data").get("groups");
            assertThat(groups.get("commerce").toString()).contains("\"price\"");
            assertThat(groups.get("stock").toString()).contains("\"available\"");
        }
    }

    private JsonNode get(PackagedHub hub, String path) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(hub.base + path))
                .header("X-API-Key", PackagedHub.OPERATOR_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return json.readTree(answer.body());
    }
}
