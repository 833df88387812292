package com.nolimits.synchub.sandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandboxes as the platforms' official Node clients see them (src/test/node/official-clients.mjs,
 * its packages installed by the build from the npm registry): every GraphQL document the hub sends
 * (src/main/resources/graphql/shopify), through @shopify/admin-api-client, and the hub's REST calls through
 * @woocommerce/woocommerce-rest-api, which signs them with OAuth 1.0a over plain HTTP. A sandbox that
 * refuses what the real client sends, or answers what the hub could not read, fails it.
 */
class OfficialClientsTest {

    @Test
    void theOfficialClientsMakeEveryCallOfTheHubAndTheSandboxesTakeThem(@TempDir Path dir) throws Exception {
        SandboxServer sandbox = SandboxServer.get();
        sandbox.send("POST", "/sandbox/shopify/demo/reset", null);
        sandbox.send("POST", "/sandbox/woocommerce/demo/reset", null);
        sandbox.receiver.clear();

        Map<String, String> documents = new LinkedHashMap<>();
        try (var files = Files.list(Path.of("src/main/resources/graphql/shopify"))) {
            for (Path document : files.sorted().toList()) {
                documents.put(document.getFileName().toString().replace(".graphql", ""), Files.readString(document));
            }
        }
        assertThat(documents).hasSizeGreaterThanOrEqualTo(11);
        Path file = dir.resolve("documents.json");
        Files.writeString(file, SandboxServer.json(documents));

        Process node = new ProcessBuilder("node", "official-clients.mjs", sandbox.base, file.toString(),
                "http://127.0.0.1:" + sandbox.receiver.port()).directory(new File("src/test/node")).redirectErrorStream(true).start();
        boolean finished = node.waitFor(120, TimeUnit.SECONDS);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            node.destroyForcibly();
        }
        assertThat(finished).as(output).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("OK: every call the hub makes was accepted");
    }

}
