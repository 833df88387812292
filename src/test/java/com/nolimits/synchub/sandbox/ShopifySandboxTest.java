package com.nolimits.synchub.sandbox;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Shopify sandbox driven the way Shopify is: Admin GraphQL with a token, signed webhooks back. */
class ShopifySandboxTest {

    static final String TOKEN = "sandbox-shopify-access-token";
    static final String SECRET = "sandbox-shopify-webhook-secret";
    static final String PRODUCT_SET = """
            mutation productSet($input: ProductSetInput!, $synchronous: Boolean!) {
              productSet(input: $input, synchronous: $synchronous) {
                product { id variants(first: 50) { nodes { id sku inventoryItem { id } } } }
                userErrors { field message code }
              }
            }""";
    static final String SET_QUANTITIES = """
            mutation inventorySetQuantities($input: InventorySetQuantitiesInput!) {
              inventorySetQuantities(input: $input) { inventoryAdjustmentGroup { reason } userErrors { code field message } }
            }""";

    SandboxServer sandbox;
    WebhookReceiver hub;

    @BeforeEach
    void reset() throws Exception {
        sandbox = SandboxServer.get();
        hub = sandbox.receiver;
        assertThat(sandbox.send("POST", "/sandbox/shopify/demo/reset", null).status()).isEqualTo(204);
        assertThat(sandbox.send("POST", "/sandbox/shopify/tiny/reset", null).status()).isEqualTo(204);
        hub.clear();
    }

    SandboxServer.Response gql(String query, Map<String, Object> variables) {
        return gql("demo", "2026-04", TOKEN, query, variables);
    }

    SandboxServer.Response gql(String shop, String version, String token, String query, Map<String, Object> variables) {
        return sandbox.send("POST", "/sandbox/shopify/" + shop + "/admin/api/" + version + "/graphql.json",
                SandboxServer.json(Map.of("query", query, "variables", variables)), "X-Shopify-Access-Token", token);
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object json, Object... path) {
        Object node = json;
        for (Object key : path) {
            node = key instanceof Integer i ? ((List<Object>) node).get(i) : ((Map<String, Object>) node).get(key);
        }
        return (T) node;
    }

    Map<String, Object> createTwoVariants() {
        Map<String, Object> input = Map.of("title", "Example T-Shirt", "vendor", "Acme", "status", "ACTIVE",
                "productOptions", List.of(Map.of("name", "Size", "values", List.of(Map.of("name", "S"), Map.of("name", "M")))),
                "variants", List.of(
                        Map.of("optionValues", List.of(Map.of("optionName", "Size", "name", "S")), "price", "18.99",
                                "inventoryItem", Map.of("sku", "TS-S"),
                                "inventoryQuantities", List.of(Map.of("locationId", "gid://shopify/Location/1", "name", "available", "quantity", 5))),
                        Map.of("optionValues", List.of(Map.of("optionName", "Size", "name", "M")), "price", "19.99",
                                "inventoryItem", Map.of("sku", "TS-M"))));
        SandboxServer.Response response = gql(PRODUCT_SET, Map.of("input", input, "synchronous", true));
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    static final String CREATE_SUBSCRIPTION = """
            mutation($topic: WebhookSubscriptionTopic!, $subscription: WebhookSubscriptionInput!) {
              webhookSubscriptionCreate(topic: $topic, webhookSubscription: $subscription) {
                webhookSubscription { id topic uri } userErrors { field message }
              }
            }""";
    static final String LIST_SUBSCRIPTIONS = "{ webhookSubscriptions(first: 50) { nodes { id topic uri } } }";

    String subscribe(String topic, String uri) {
        Map<String, Object> answer = gql(CREATE_SUBSCRIPTION, Map.of("topic", topic, "subscription", Map.of("uri", uri, "format", "JSON"))).json();
        assertThat((List<?>) at(answer, "data", "webhookSubscriptionCreate", "userErrors")).isEmpty();
        return at(answer, "data", "webhookSubscriptionCreate", "webhookSubscription", "id");
    }

    List<Map<String, Object>> apiSubscriptions() {
        return at(gql(LIST_SUBSCRIPTIONS, Map.of()).json(), "data", "webhookSubscriptions", "nodes");
    }

    void unsubscribe(String id) {
        gql("mutation($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { message } } }",
                Map.of("id", id));
    }

    @Test
    void webhookSubscriptionsAreMadeListedMovedAndDeletedThroughTheAdminApi() throws Exception {
        assertThat(apiSubscriptions()).as("the admin's subscriptions (hub-url) are not shown").isEmpty();
        String address = "http://127.0.0.1:" + hub.port() + "/api-made/products/create";
        String id = subscribe("PRODUCTS_CREATE", address);
        try {
            assertThat(id).startsWith("gid://shopify/WebhookSubscription/");
            assertThat(apiSubscriptions()).extracting(s -> s.get("topic") + " " + s.get("uri")).containsExactly("PRODUCTS_CREATE " + address);
            Map<String, Object> twice = gql(CREATE_SUBSCRIPTION, Map.of("topic", "PRODUCTS_CREATE",
                    "subscription", Map.of("uri", address))).json();
            assertThat(at(twice, "data", "webhookSubscriptionCreate", "userErrors", 0, "message").toString())
                    .isEqualTo("Address for this topic has already been taken");
            Map<String, Object> plainHttp = gql(CREATE_SUBSCRIPTION, Map.of("topic", "PRODUCTS_UPDATE",
                    "subscription", Map.of("uri", "http://hub.example/webhooks"))).json();
            assertThat(at(plainHttp, "data", "webhookSubscriptionCreate", "userErrors", 0, "message").toString())
                    .isEqualTo("Address protocol http:// is not supported");

            createTwoVariants(); // to the admin's subscription and to the API's
            hub.await(r -> r.path().equals("/api-made/products/create"), 1, Duration.ofSeconds(5));
            hub.await(r -> r.path().endsWith("/shopify-enhanced/products/create"), 1, Duration.ofSeconds(5));

            String moved = "http://127.0.0.1:" + hub.port() + "/api-moved/products/create";
            Map<String, Object> update = gql("mutation($id: ID!, $s: WebhookSubscriptionInput!) { webhookSubscriptionUpdate(id: $id, "
                    + "webhookSubscription: $s) { webhookSubscription { id uri } userErrors { message } } }", Map.of("id", id, "s", Map.of("uri", moved))).json();
            assertThat(at(update, "data", "webhookSubscriptionUpdate", "webhookSubscription", "uri").toString()).isEqualTo(moved);
            hub.clear();
            createTwoVariants();
            hub.await(r -> r.path().equals("/api-moved/products/create"), 1, Duration.ofSeconds(5));
            assertThat(hub.all()).noneMatch(r -> r.path().equals("/api-made/products/create"));
        } finally {
            unsubscribe(id);
        }
        assertThat(apiSubscriptions()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anApiSubscriptionWhoseDeliveryFailedEightTimesInARowIsRemoved() throws Exception {
        String id = subscribe("PRODUCTS_CREATE", "http://127.0.0.1:" + hub.port() + "/api-made/products/create");
        hub.answer(500);
        createTwoVariants();
        // retries 50 ms doubling: the eighth attempt after about 6 s
        List<WebhookReceiver.Received> attempts = hub.await(r -> r.path().equals("/api-made/products/create"), 8, Duration.ofSeconds(20));
        await8(id);
        assertThat(attempts).hasSize(8);
        Thread.sleep(500);
        assertThat(hub.all().stream().filter(r -> r.path().equals("/api-made/products/create"))).hasSize(8);
        List<Map<String, Object>> kept = (List<Map<String, Object>>) sandbox.send("GET", "/sandbox/shopify/demo/webhooks", null).json()
                .get("subscriptions");
        assertThat(kept).isNotEmpty().allSatisfy(s -> assertThat(s).containsEntry("madeInAdmin", true)); // the admin's stay
    }

    private void await8(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (apiSubscriptions().stream().anyMatch(s -> s.get("id").equals(id))) {
            assertThat(System.nanoTime()).as("removed after the eighth failed attempt").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void productSetCreatesAProductAndFiresASignedWebhook() throws Exception {
        Map<String, Object> answer = createTwoVariants();

        assertThat((List<?>) at(answer, "data", "productSet", "userErrors")).isEmpty();
        String productId = at(answer, "data", "productSet", "product", "id");
        assertThat(productId).startsWith("gid://shopify/Product/");
        List<Map<String, Object>> variants = at(answer, "data", "productSet", "product", "variants", "nodes");
        assertThat(variants).extracting(v -> v.get("sku")).containsExactly("TS-S", "TS-M");
        assertThat((String) at(variants.get(0), "inventoryItem", "id")).startsWith("gid://shopify/InventoryItem/");
        assertThat((Map<String, Object>) at(answer, "extensions", "cost", "throttleStatus"))
                .containsKeys("maximumAvailable", "currentlyAvailable", "restoreRate");

        WebhookReceiver.Received webhook = hub.await(r -> r.path().endsWith("/shopify-enhanced/products/create"), 1,
                Duration.ofSeconds(5)).get(0);
        assertThat(webhook.header("X-Shopify-Hmac-Sha256")).isEqualTo(SandboxServer.hmac(SECRET, webhook.body()));
        assertThat(webhook.header("X-Shopify-Topic")).isEqualTo("products/create");
        assertThat(webhook.header("X-Shopify-Shop-Domain")).isEqualTo("demo.myshopify.com");
        assertThat(webhook.header("X-Shopify-Event-Id")).isNotBlank();
        assertThat(webhook.header("X-Shopify-Webhook-Id")).isNotBlank();
        assertThat(webhook.header("X-Shopify-API-Version")).isEqualTo("2026-04");
        Map<String, Object> rest = SandboxServer.JSON.readValue(webhook.body(), Map.class);
        assertThat(rest).containsEntry("title", "Example T-Shirt").containsEntry("status", "active");
        assertThat((List<Map<String, Object>>) rest.get("variants")).extracting(v -> v.get("price"), v -> v.get("inventory_quantity"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("18.99", 5), org.assertj.core.groups.Tuple.tuple("19.99", 0));

        Map<String, Object> journal = sandbox.send("GET", "/sandbox/shopify/demo/journal", null).json();
        assertThat(journal).containsEntry("count", 1);
        assertThat((List<Map<String, Object>>) journal.get("entries")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("operation", "productSet").containsEntry("status", 200));
    }

    @Test
    void productSetDeletesEveryVariantItIsNotGiven() {
        Map<String, Object> answer = createTwoVariants();
        String productId = at(answer, "data", "productSet", "product", "id");
        // scalar fields left out stay; list fields are replaced whole
        gql(PRODUCT_SET, Map.of("synchronous", true, "input", Map.of("id", productId, "vendor", "Other")));
        Map<String, Object> product = gql("query { product(id: \"" + productId + "\") { id title variants(first: 10) { nodes { id } } } }",
                Map.of()).json();
        assertThat((String) at(product, "data", "product", "title")).isEqualTo("Example T-Shirt");
        assertThat((List<?>) at(product, "data", "product", "variants", "nodes")).hasSize(2);

        gql(PRODUCT_SET, Map.of("synchronous", true, "input", Map.of("id", productId,
                "productOptions", List.of(Map.of("name", "Size", "values", List.of(Map.of("name", "S")))),
                "variants", List.of(Map.of("optionValues", List.of(Map.of("optionName", "Size", "name", "S")),
                        "inventoryItem", Map.of("sku", "TS-S"), "price", "17.00")))));
        product = gql("query { product(id: \"" + productId + "\") { id variants(first: 10) { nodes { sku price } } } }", Map.of()).json();
        List<Map<String, Object>> variants = at(product, "data", "product", "variants", "nodes");
        assertThat(variants).extracting(v -> v.get("sku")).containsExactly("TS-S");
        assertThat(variants.get(0)).containsEntry("price", "17.00");
    }

    @Test
    void productSetAnswersUserErrorsForInvalidInput() {
        Map<String, Object> noTitle = gql(PRODUCT_SET, Map.of("synchronous", true, "input", Map.of("vendor", "x"))).json();
        assertThat((List<Map<String, Object>>) at(noTitle, "data", "productSet", "userErrors")).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("message", "Title can't be blank"));
        Map<String, Object> half = gql(PRODUCT_SET, Map.of("synchronous", true, "input",
                Map.of("title", "x", "variants", List.of()))).json();
        assertThat((String) at(half, "data", "productSet", "userErrors", 0, "message")).contains("specified together");
        Map<String, Object> missing = gql(PRODUCT_SET, Map.of("synchronous", true, "input",
                Map.of("id", "gid://shopify/Product/1", "title", "x"))).json();
        assertThat((String) at(missing, "data", "productSet", "userErrors", 0, "code")).isEqualTo("PRODUCT_DOES_NOT_EXIST");
        Map<String, Object> negative = gql(PRODUCT_SET, Map.of("synchronous", true, "input", Map.of("title", "x",
                "productOptions", List.of(), "variants", List.of(Map.of("price", "-1", "optionValues", List.of()))))).json();
        assertThat((List<String>) at(negative, "data", "productSet", "userErrors", 0, "field")).contains("price");
    }

    @Test
    void bulkUpdateChangesVariantsAndRejectsUnknownOnes() throws Exception {
        Map<String, Object> answer = createTwoVariants();
        String productId = at(answer, "data", "productSet", "product", "id");
        String variantId = at(answer, "data", "productSet", "product", "variants", "nodes", 1, "id");
        String mutation = "mutation bulk($productId: ID!, $variants: [ProductVariantsBulkInput!]!) { "
                + "productVariantsBulkUpdate(productId: $productId, variants: $variants) { productVariants { id price } userErrors { field message } } }";

        Map<String, Object> ok = gql(mutation, Map.of("productId", productId, "variants",
                List.of(Map.of("id", variantId, "price", 21, "compareAtPrice", "25.00", "barcode", "4006381333931")))).json();
        assertThat((List<?>) at(ok, "data", "productVariantsBulkUpdate", "userErrors")).isEmpty();
        assertThat((String) at(ok, "data", "productVariantsBulkUpdate", "productVariants", 0, "price")).isEqualTo("21.00");
        hub.await(r -> r.path().endsWith("/products/update"), 1, Duration.ofSeconds(5));

        Map<String, Object> bad = gql(mutation, Map.of("productId", productId, "variants",
                List.of(Map.of("id", "gid://shopify/ProductVariant/1", "price", "1")))).json();
        assertThat((String) at(bad, "data", "productVariantsBulkUpdate", "userErrors", 0, "message"))
                .isEqualTo("Product variant does not exist");
    }

    @Test
    void inventorySetQuantitiesComparesAndSets() throws Exception {
        Map<String, Object> answer = createTwoVariants();
        String item = at(answer, "data", "productSet", "product", "variants", "nodes", 0, "inventoryItem", "id");
        Map<String, Object> set = Map.of("name", "available", "reason", "correction", "quantities",
                List.of(Map.of("inventoryItemId", item, "locationId", "gid://shopify/Location/1", "quantity", 42,
                        "changeFromQuantity", 5)));
        Map<String, Object> ok = gql(SET_QUANTITIES, Map.of("input", set)).json();
        assertThat((List<?>) at(ok, "data", "inventorySetQuantities", "userErrors")).isEmpty();
        WebhookReceiver.Received level = hub.await(r -> r.path().endsWith("/inventory_levels/update"), 1,
                Duration.ofSeconds(5)).get(0);
        Map<String, Object> payload = SandboxServer.JSON.readValue(level.body(), Map.class);
        assertThat(payload).containsEntry("available", 42).containsEntry("location_id", 1)
                .containsKeys("inventory_item_id", "updated_at", "admin_graphql_api_id");

        // the same compare value again is now stale: the shop moved on
        Map<String, Object> stale = gql(SET_QUANTITIES, Map.of("input", set)).json();
        assertThat((String) at(stale, "data", "inventorySetQuantities", "userErrors", 0, "code"))
                .isEqualTo("CHANGE_FROM_QUANTITY_STALE");

        Map<String, Object> withoutCompare = Map.of("name", "available", "reason", "correction", "quantities",
                List.of(Map.of("inventoryItemId", item, "locationId", "gid://shopify/Location/1", "quantity", 1)));
        assertThat((List<?>) at(gql(SET_QUANTITIES, Map.of("input", withoutCompare)).json(),
                "data", "inventorySetQuantities", "userErrors")).hasSize(1);
        assertThat((List<?>) at(gql("demo", "2025-10", TOKEN, SET_QUANTITIES, Map.of("input", withoutCompare)).json(),
                "data", "inventorySetQuantities", "userErrors")).isEmpty();
    }

    @Test
    void productsQueryPagesAndFiltersByUpdatedAt() {
        for (int i = 0; i < 3; i++) {
            gql(PRODUCT_SET, Map.of("synchronous", true, "input", Map.of("title", "P" + i)));
        }
        String query = "query page($after: String) { products(first: 2, after: $after, query: \"updated_at:>'2020-01-01T00:00:00Z'\") "
                + "{ nodes { id title } pageInfo { hasNextPage endCursor } } }";
        Map<String, Object> first = gql(query, Map.of()).json();
        assertThat((List<?>) at(first, "data", "products", "nodes")).hasSize(2);
        assertThat((Boolean) at(first, "data", "products", "pageInfo", "hasNextPage")).isTrue();
        String cursor = at(first, "data", "products", "pageInfo", "endCursor");
        Map<String, Object> second = gql(query, Map.of("after", cursor)).json();
        assertThat((List<Map<String, Object>>) at(second, "data", "products", "nodes")).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("title", "P2"));
        assertThat((Boolean) at(second, "data", "products", "pageInfo", "hasNextPage")).isFalse();

        Map<String, Object> future = gql("query { products(first: 10, query: \"updated_at:>'2999-01-01T00:00:00Z'\") { nodes { id } } }",
                Map.of()).json();
        assertThat((List<?>) at(future, "data", "products", "nodes")).isEmpty();
    }

    @Test
    void refusesWrongTokensAndUnknownOperations() {
        SandboxServer.Response unauthorized = gql("demo", "2026-04", "wrong", PRODUCT_SET, Map.of());
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat((String) unauthorized.json().get("errors")).contains("Invalid API key or access token");
        Map<String, Object> unknown = gql("mutation { orderCreate(order: {}) { userErrors { message } } }", Map.of()).json();
        assertThat((List<?>) unknown.get("errors")).isNotEmpty();
        assertThat(sandbox.send("POST", "/sandbox/shopify/nope/admin/api/2026-04/graphql.json", "{}").status()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void answersHoldExactlyTheFieldsAskedForAndEveryAnswerItsCost() {
        createTwoVariants();
        Map<String, Object> answer = gql("{ products(first: 1) { nodes { id title } } }", Map.of()).json();
        assertThat((List<Map<String, Object>>) at(answer, "data", "products", "nodes")).singleElement()
                .satisfies(p -> assertThat(p).containsOnlyKeys("id", "title"));
        assertThat((Integer) at(answer, "extensions", "cost", "requestedQueryCost")).isEqualTo(3);

        // a field the type does not have is refused before anything runs, and costs nothing
        Map<String, Object> unknownField = gql("{ products(first: 1) { nodes { id inventoryTotal } } }", Map.of()).json();
        assertThat(unknownField).doesNotContainKey("data");
        assertThat((String) at(unknownField, "errors", 0, "message")).contains("inventoryTotal");
        assertThat((Object) at(unknownField, "extensions", "cost", "actualQueryCost")).isNull();
        Map<String, Object> unknownOperation = gql("mutation { orderCreate(order: {}) { userErrors { message } } }", Map.of()).json();
        assertThat((String) at(unknownOperation, "errors", 0, "message")).contains("orderCreate");
        assertThat((Map<String, Object>) at(unknownOperation, "extensions", "cost")).containsKeys("requestedQueryCost", "throttleStatus");
        // an input field the type does not have is refused too
        Map<String, Object> badInput = gql(PRODUCT_SET, Map.of("synchronous", true, "input", Map.of("title", "x", "bodyHtml", "<p>"))).json();
        assertThat((String) at(badInput, "errors", 0, "message")).contains("bodyHtml");
    }

    @Test
    void anInjectedThrottleReportsTheBucketThatThrottles() {
        sandbox.send("PUT", "/sandbox/shopify/demo/faults", "{\"throttleNext\": 1}");
        Map<String, Object> throttled = gql(PRODUCT_SET, Map.of("synchronous", true, "input", Map.of("title", "x"))).json();
        assertThat((String) at(throttled, "errors", 0, "extensions", "code")).isEqualTo("THROTTLED");
        assertThat((Integer) at(throttled, "extensions", "cost", "throttleStatus", "currentlyAvailable")).isLessThan(10);
    }

    @Test
    void throttlesByQueryCost() {
        String mutation = PRODUCT_SET;
        Map<String, Object> input = Map.of("synchronous", true, "input", Map.of("title", "x"));
        assertThat(gql("tiny", "2026-04", "tiny-token", mutation, input).json()).containsKey("data");
        assertThat(gql("tiny", "2026-04", "tiny-token", mutation, input).json()).containsKey("data");
        Map<String, Object> throttled = gql("tiny", "2026-04", "tiny-token", mutation, input).json();
        assertThat((String) at(throttled, "errors", 0, "extensions", "code")).isEqualTo("THROTTLED");
        assertThat((Integer) at(throttled, "extensions", "cost", "throttleStatus", "currentlyAvailable")).isLessThan(10);
        assertThat((Double) at(throttled, "extensions", "cost", "throttleStatus", "restoreRate")).isEqualTo(1.0);
    }

    @Test
    void injectedFaultsAnswerAsShopifyWould() throws Exception {
        sandbox.send("PUT", "/sandbox/shopify/demo/faults", "{\"throttleNext\": 1}");
        assertThat((String) at(gql(PRODUCT_SET, Map.of("synchronous", true, "input", Map.of("title", "x"))).json(),
                "errors", 0, "extensions", "code")).isEqualTo("THROTTLED");
        sandbox.send("PUT", "/sandbox/shopify/demo/faults", "{\"errorRate\": 1}");
        assertThat(gql(PRODUCT_SET, Map.of("synchronous", true, "input", Map.of("title", "x"))).status()).isEqualTo(500);
        assertThat(sandbox.send("PUT", "/sandbox/shopify/demo/faults", "{\"errorRate\": 2}").status()).isEqualTo(400);
        sandbox.send("PUT", "/sandbox/shopify/demo/faults", "{\"reset\": true, \"dropWebhookRate\": 1}");
        createTwoVariants();
        Thread.sleep(300);
        assertThat(hub.all()).isEmpty();
        sandbox.send("PUT", "/sandbox/shopify/demo/faults", "{\"reset\": true, \"duplicateWebhookRate\": 1}");
        createTwoVariants();
        List<WebhookReceiver.Received> twice = hub.await(r -> r.path().endsWith("/products/create"), 2, Duration.ofSeconds(5));
        assertThat(twice.get(0).header("X-Shopify-Event-Id")).isEqualTo(twice.get(1).header("X-Shopify-Event-Id"));
        assertThat(twice.get(0).header("X-Shopify-Webhook-Id")).isNotEqualTo(twice.get(1).header("X-Shopify-Webhook-Id"));
    }

    @Test
    void webhooksCanBeMadeLateAndOutOfOrder() throws Exception {
        sandbox.send("PUT", "/sandbox/shopify/demo/faults", "{\"webhookDelayMs\": 600}");
        long start = System.nanoTime();
        createTwoVariants();
        hub.await(r -> r.path().endsWith("/products/create"), 1, Duration.ofSeconds(5));
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(600);

        hub.clear();
        sandbox.send("PUT", "/sandbox/shopify/demo/faults", "{\"reset\": true, \"reorderWindowMs\": 1500, \"seed\": 7}");
        for (int i = 0; i < 8; i++) {
            gql(PRODUCT_SET, Map.of("synchronous", true, "input", Map.of("title", "order-" + i)));
        }
        List<WebhookReceiver.Received> arrived = hub.await(r -> r.path().endsWith("/products/create"), 8, Duration.ofSeconds(5));
        List<String> titles = arrived.stream().map(r -> r.text().replaceAll(".*\"title\":\"(order-\\d)\".*", "$1")).toList();
        assertThat(titles).containsExactlyInAnyOrder("order-0", "order-1", "order-2", "order-3", "order-4", "order-5",
                "order-6", "order-7");
        assertThat(titles).isNotEqualTo(List.of("order-0", "order-1", "order-2", "order-3", "order-4", "order-5",
                "order-6", "order-7"));
    }

    @Test
    void failedWebhooksAreRetriedWithTheOriginalPayload() throws Exception {
        hub.failNext(3);
        createTwoVariants();
        List<WebhookReceiver.Received> all = hub.await(r -> r.path().endsWith("/products/create"), 4, Duration.ofSeconds(10));
        List<WebhookReceiver.Received> failed = all.subList(0, 3);
        Thread.sleep(500);
        List<WebhookReceiver.Received> settled = hub.all().stream().filter(r -> r.path().endsWith("/products/create")).toList();
        assertThat(settled.size()).isEqualTo(all.size()); // no more attempts after a success
        assertThat(settled).extracting(r -> r.header("X-Shopify-Event-Id")).containsOnly(failed.get(0).header("X-Shopify-Event-Id"));
        assertThat(settled).extracting(WebhookReceiver.Received::text).containsOnly(failed.get(0).text());
        Map<String, Object> attempts = sandbox.send("GET", "/sandbox/shopify/demo/webhooks", null).json();
        assertThat((List<Map<String, Object>>) attempts.get("attempts")).extracting(a -> a.get("status")).contains(500, 200);
    }

    @Test
    void merchantEditsFireTheirWebhooks() throws Exception {
        Map<String, Object> created = sandbox.send("POST", "/sandbox/shopify/demo/merchant/products", SandboxServer.json(Map.of(
                "title", "Mug", "tags", "kitchen, gift", "variants", List.of(Map.of("sku", "MUG-1", "price", "9.50",
                        "inventory_quantity", 12))))).json();
        long id = ((Number) at(created, "product", "id")).longValue();
        long item = ((Number) at(created, "product", "variants", 0, "inventory_item_id")).longValue();
        sandbox.send("PUT", "/sandbox/shopify/demo/merchant/products/" + id, SandboxServer.json(Map.of(
                "title", "Big mug", "variants", List.of(Map.of("sku", "MUG-1", "price", "11.00")))));
        sandbox.send("POST", "/sandbox/shopify/demo/merchant/inventory", SandboxServer.json(Map.of(
                "inventory_item_id", item, "available", 7)));
        sandbox.send("DELETE", "/sandbox/shopify/demo/merchant/products/" + id, null);

        hub.await(r -> r.path().endsWith("/products/create"), 1, Duration.ofSeconds(5));
        WebhookReceiver.Received update = hub.await(r -> r.path().endsWith("/products/update"), 1, Duration.ofSeconds(5)).get(0);
        assertThat(update.text()).contains("\"title\":\"Big mug\"").contains("\"price\":\"11.00\"").contains("\"tags\":\"kitchen, gift\"");
        assertThat(hub.await(r -> r.path().endsWith("/inventory_levels/update"), 1, Duration.ofSeconds(5)).get(0).text())
                .contains("\"available\":7");
        assertThat(hub.await(r -> r.path().endsWith("/products/delete"), 1, Duration.ofSeconds(5)).get(0).text())
                .isEqualTo("{\"id\":" + id + "}");
        assertThat(sandbox.send("GET", "/sandbox/shopify/demo/merchant/products/" + id, null).status()).isEqualTo(404);
        // the merchant's doings are not API calls of the hub
        assertThat(sandbox.send("GET", "/sandbox/shopify/demo/journal", null).json()).containsEntry("count", 0);
    }
}
