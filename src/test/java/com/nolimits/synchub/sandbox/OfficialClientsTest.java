package com.nolimits.synchub.sandbox;

import com.nolimits.synchub.platform.shopify.ShopifyLookup;
import com.nolimits.synchub.platform.shopify.ShopifyProductPages;
import com.nolimits.synchub.platform.shopify.ShopifyPush;
import com.nolimits.synchub.platform.shopify.ShopifySubscriptionsApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandboxes as the platforms' official Node clients see them (src/test/node/official-clients.mjs,
 * its packages installed by the build from the npm registry): every GraphQL document the hub sends,
 * read from the hub's own classes, through @shopify/admin-api-client, and the hub's REST calls through
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
        documents.put("PRODUCT_SET", document(ShopifyPush.class, "PRODUCT_SET"));
        documents.put("VARIANTS_UPDATE", document(ShopifyPush.class, "VARIANTS_UPDATE"));
        documents.put("SET_QUANTITIES", document(ShopifyPush.class, "SET_QUANTITIES"));
        documents.put("READ_LEVEL", document(ShopifyPush.class, "READ_LEVEL"));
        documents.put("PRODUCTS_PAGE", document(ShopifyProductPages.class, "QUERY"));
        documents.put("BY_SKU", document(ShopifyLookup.class, "BY_SKU"));
        documents.put("PRODUCT", document(ShopifyLookup.class, "PRODUCT"));
        documents.put("SUBSCRIPTION_LIST", document(ShopifySubscriptionsApi.class, "LIST"));
        documents.put("SUBSCRIPTION_CREATE", document(ShopifySubscriptionsApi.class, "CREATE"));
        documents.put("SUBSCRIPTION_UPDATE", document(ShopifySubscriptionsApi.class, "UPDATE"));
        documents.put("SUBSCRIPTION_DELETE", document(ShopifySubscriptionsApi.class, "DELETE"));
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

    private static String document(Class<?> owner, String name) throws ReflectiveOperationException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return (String) field.get(null);
    }
}
