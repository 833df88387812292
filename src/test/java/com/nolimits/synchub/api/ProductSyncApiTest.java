package com.nolimits.synchub.api;

import com.nolimits.synchub.HubTest;
import com.nolimits.synchub.TestDatabase;
import com.nolimits.synchub.merge.Change;
import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.sync.ProductSyncService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.nolimits.synchub.api.ApiClient.data;
import static org.assertj.core.api.Assertions.assertThat;

@HubTest
class ProductSyncApiTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProductSyncService sync;

    ApiClient api;

    @BeforeEach
    void clean() {
        TestDatabase.clear(jdbc);
        api = new ApiClient(http);
    }

    private String create(String json) {
        ResponseEntity<Map<String, Object>> response = api.post("/create", json);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return (String) data(response).get("id");
    }

    @Test
    void createGetAndPatchAProduct() {
        String id = create("""
                {"clientId": "acme", "name": "Tee", "sku": "TS-1", "price": 19.99, "quantity": 100,
                 "tags": ["summer"], "weightInKg": 0.25}""");

        Map<String, Object> product = data(api.get("/product/" + id));
        assertThat(product).containsEntry("name", "Tee").containsEntry("sku", "TS-1").containsEntry("available", 100)
                .containsEntry("tags", List.of("summer")).containsEntry("lastUpdatedBy", "NOLIMITS")
                .containsEntry("syncStatus", "PENDING").containsEntry("clientId", "acme");
        assertThat(product.get("price").toString()).isEqualTo("19.99");

        ResponseEntity<Map<String, Object>> patched = api.patch("/product/" + id,
                "{\"price\": \"21.50\", \"warehouseNotes\": \"fragile\"}");
        assertThat(patched.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(data(patched).get("price").toString()).isEqualTo("21.5");
        assertThat(data(patched)).containsEntry("warehouseNotes", "fragile").containsEntry("version", 1)
                .containsEntry("ignoredFields", List.of());
        assertThat(data(api.get("/product/" + id))).containsEntry("warehouseNotes", "fragile");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"clientId\": \"acme\", \"name\": \"x\", \"colour\": \"red\"}|unknown field 'colour'",
            "{\"clientId\": \"acme\", \"name\": \"x\", \"price\": \"cheap\"}|price must be a decimal number",
            "{\"clientId\": \"acme\", \"name\": \"x\", \"available\": -5}|available must not be negative",
            "{\"clientId\": \"acme\", \"name\": \"x\", \"quantity\": 1.5}|available must be a whole number",
            "{\"clientId\": \"acme\", \"name\": \"x\", \"quantity\": 1, \"available\": 1}|give either quantity or available",
            "{\"clientId\": \"nobody\", \"name\": \"x\"}|clientId: unknown client 'nobody'",
            "{\"name\": \"x\"}|clientId is required",
            "{\"clientId\": \"acme\"}|name is required",
            "{\"clientId\": \"acme\", \"name\": \"x\", \"id\": \"abc\"}|id cannot be set",
            "{\"clientId\": \"acme\", \"name\": \"x\", \"syncStatus\": \"SYNCED\"}|syncStatus cannot be set",
            "{\"clientId\": \"acme\", \"name\": \"x\", \"channelIds\": [\"other\"]}|channelIds: 'other' is not a channel of client acme",
            "{\"clientId\": \"acme\", \"name\": \"x\", \"channelIds\": \"acme-woo\"}|channelIds must be a list",
            "{\"clientId\": \"acme\", \"name\": \"x\", \"tags\": \"a,b\"}|tags must be a list of strings",
            "{\"clientId\": \"acme\", \"name\": \"x\", \"hazmat\": \"yes\"}|hazmat must be true or false",
            "not json|the request body is missing or is not a JSON object",
            "[1, 2]|the request body is missing or is not a JSON object",
    })
    void badCreateBodiesAnswer400NamingTheProblem(String body, String message) {
        ResponseEntity<Map<String, Object>> response = api.post("/create", body);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).containsEntry("success", false);
        assertThat((String) response.getBody().get("error")).contains(message);
        assertThat(jdbc.queryForObject("select count(*) from product", Long.class)).isZero();
    }

    @Test
    void aBadPatchChangesNothingAtAll() {
        String id = create("{\"clientId\": \"acme\", \"name\": \"Tee\", \"price\": 10}");
        ResponseEntity<Map<String, Object>> response = api.patch("/product/" + id, "{\"price\": 12, \"reserved\": -1}");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).containsEntry("error", "reserved must not be negative");
        assertThat(data(api.get("/product/" + id)).get("price").toString()).isEqualTo("10");
        assertThat(api.patch("/product/" + id, "{}").getBody()).containsEntry("error", "the body sets no field");
    }

    @Test
    void aJsonBodyWithoutItsContentTypeIs415() {
        String id = create("{\"clientId\": \"acme\", \"name\": \"Tee\"}");
        ResponseEntity<Map<String, Object>> response = api.send(HttpMethod.PATCH, "/product/" + id, "price=1",
                MediaType.APPLICATION_FORM_URLENCODED);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(response.getBody()).containsEntry("success", false);
    }

    @Test
    void unknownProductsAre404AndMalformedIds400() {
        ResponseEntity<Map<String, Object>> missing = api.get("/product/" + UUID.randomUUID());
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat((String) missing.getBody().get("error")).endsWith("not found");
        assertThat(api.patch("/product/" + UUID.randomUUID(), "{\"name\": \"x\"}").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.get("/product/" + UUID.randomUUID() + "/logs").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.get("/product/nope").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.get("/no-such-endpoint").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.get("/status/nobody").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api.get("/conflicts/nobody").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aProductIsFoundByItsSku() {
        String id = create("{\"clientId\": \"acme\", \"name\": \"Tee\", \"sku\": \"FIND-1\"}");
        assertThat(data(api.get("/client/acme/product?sku=FIND-1"))).containsEntry("id", id).containsEntry("sku", "FIND-1");
        ResponseEntity<Map<String, Object>> unknown = api.get("/client/acme/product?sku=NOPE");
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody()).containsEntry("error", "client 'acme' has no product with sku 'NOPE'");
        assertThat(api.get("/client/acme/product").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(api.get("/client/nobody/product?sku=FIND-1").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aDuplicateSkuIs409() {
        create("{\"clientId\": \"acme\", \"name\": \"Tee\", \"sku\": \"S-1\"}");
        ResponseEntity<Map<String, Object>> again = api.post("/create", "{\"clientId\": \"acme\", \"name\": \"B\", \"sku\": \"S-1\"}");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    @SuppressWarnings("unchecked")
    void fieldOwnershipShowsTheGroupsTheWindowAndOverrides() {
        Map<String, Object> data = data(api.get("/field-ownership"));
        Map<String, List<String>> groups = (Map<String, List<String>>) data.get("groups");
        assertThat(groups.get("commerce")).contains("price", "vendor");
        assertThat(groups.get("ops")).contains("warehouseNotes", "sku");
        assertThat(groups.get("shared")).containsExactly("name", "description", "imageUrl", "images", "isActive");
        assertThat(groups.get("stock")).containsExactly("available", "reserved", "announced");
        assertThat(data).containsEntry("conflictWindowSeconds", 300);
    }

    @Test
    void statusCountsProductsBySyncStatus() {
        create("{\"clientId\": \"acme\", \"name\": \"A\"}");
        create("{\"clientId\": \"solo\", \"name\": \"B\"}");
        assertThat(data(api.get("/status/acme"))).containsEntry("total", 1).containsEntry("pending", 1);
        assertThat(data(api.get("/status/solo"))).containsEntry("total", 1).containsEntry("synced", 1);
    }

    @Test
    void logsPageNewestFirstAndRefuseBadPaging() {
        String id = create("{\"clientId\": \"acme\", \"name\": \"Tee\"}");
        for (int i = 1; i <= 3; i++) {
            api.patch("/product/" + id, "{\"price\": " + i + "}");
        }
        Map<String, Object> page = data(api.get("/product/" + id + "/logs?limit=2&offset=1"));
        assertThat(page).containsEntry("total", 4).containsEntry("limit", 2).containsEntry("offset", 1);
        assertThat((List<Map<String, Object>>) page.get("logs")).extracting(l -> (Object) ((Map<?, ?>) l.get("newValues")).get("price"))
                .containsExactly(2, 1);
        for (String bad : List.of("limit=0", "limit=501", "limit=x", "offset=-1")) {
            ResponseEntity<Map<String, Object>> response = api.get("/product/" + id + "/logs?" + bad);
            assertThat(response.getStatusCode()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void queueStatusShowsTheJobs() {
        String id = create("{\"clientId\": \"acme\", \"name\": \"Tee\", \"channelIds\": [\"acme-woo\"]}");
        Map<String, Object> status = data(api.get("/product/" + id + "/queue-status"));
        assertThat(status).containsEntry("pending", 1).containsEntry("failed", 0);
        assertThat((List<Map<String, Object>>) status.get("jobs")).singleElement().satisfies(job -> {
            assertThat(job).containsEntry("channelId", "acme-woo").containsEntry("operation", "push_to_woocommerce")
                    .containsEntry("status", "pending").containsEntry("maxAttempts", 3);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void conflictsAreListedAndResolvedThroughTheApi() {
        UUID id = conflictOnName();
        Map<String, Object> listed = data(api.get("/conflicts/acme"));
        assertThat(listed).containsEntry("count", 1);
        Map<String, Object> conflict = ((List<Map<String, Object>>) listed.get("conflicts")).get(0);
        assertThat(conflict).containsEntry("field", "name").containsEntry("localValue", "from hub")
                .containsEntry("remoteValue", "from shopify").containsEntry("status", "OPEN");

        assertThat(api.post("/conflicts/" + id + "/resolve", "{\"resolution\": \"merge\"}").getBody())
                .containsEntry("error", "mergeData is required with resolution merge, as an object of field: value");
        assertThat(api.post("/conflicts/" + id + "/resolve", "{\"resolution\": \"merge\", \"mergeData\": {\"price\": 3}}")
                .getBody()).containsEntry("error", "mergeData.name is required: the field has an open conflict");
        assertThat(api.post("/conflicts/" + id + "/resolve",
                "{\"resolution\": \"merge\", \"mergeData\": {\"name\": \"agreed\", \"price\": 3}}").getBody())
                .containsEntry("error", "mergeData.price: the product has no open conflict on this field");
        assertThat(api.post("/conflicts/" + id + "/resolve", "{\"resolution\": \"keep\"}").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(data(api.get("/product/" + id))).containsEntry("syncStatus", "CONFLICT");

        ResponseEntity<Map<String, Object>> resolved = api.post("/conflicts/" + id + "/resolve",
                "{\"resolution\": \"merge\", \"mergeData\": {\"name\": \"agreed\"}}");
        assertThat(resolved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(data(resolved)).containsEntry("name", "agreed").containsEntry("syncStatus", "PENDING");
        assertThat(data(api.get("/conflicts/acme"))).containsEntry("count", 0);
        assertThat(data(api.get("/conflicts/acme?status=resolved"))).containsEntry("count", 1);
        assertThat(api.post("/conflicts/" + id + "/resolve", "{\"resolution\": \"accept_local\"}").getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
    }

    @Test
    void acceptLocalKeepsTheHubValue() {
        UUID id = conflictOnName();
        ResponseEntity<Map<String, Object>> resolved = api.post("/conflicts/" + id + "/resolve", "{\"resolution\": \"accept_local\"}");
        assertThat(data(resolved)).containsEntry("name", "from hub");
    }

    @Test
    void perProductOwnershipOverridesAreValidatedAndApplied() {
        String id = create("{\"clientId\": \"acme\", \"name\": \"Tee\"}");
        assertThat(api.patch("/product/" + id, "{\"fieldOwnership\": {\"available\": \"ops\"}}").getBody().get("error"))
                .asString().contains("cannot move between the stock group");
        assertThat(api.patch("/product/" + id, "{\"fieldOwnership\": {\"price\": \"money\"}}").getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        ResponseEntity<Map<String, Object>> ok = api.patch("/product/" + id, "{\"fieldOwnership\": {\"price\": \"ops\"}}");
        assertThat(data(ok)).containsEntry("fieldOwnership", Map.of("price", "ops"));

        UUID productId = UUID.fromString(id);
        sync.update(productId, new Change(Origin.SHOPIFY, "acme-shopify", Instant.now(), Change.Kind.UPDATE,
                Map.of(ProductField.PRICE, ProductField.PRICE.canonical("99"))), null);
        assertThat(data(api.get("/product/" + id)).get("price")).isNull();
    }

    private UUID conflictOnName() {
        UUID id = UUID.fromString(create("{\"clientId\": \"acme\", \"name\": \"Tee\"}"));
        jdbc.update("update product set last_field_updates = '{\"name\": {\"origin\": \"NOLIMITS\", \"at\": \"2020-01-01T00:00:00Z\"}}'");
        sync.update(id, new Change(Origin.SHOPIFY, "acme-shopify", Instant.now().minusSeconds(30), Change.Kind.UPDATE,
                Map.of(ProductField.NAME, "from shopify")), null);
        api.patch("/product/" + id, "{\"name\": \"from hub\"}");
        return id;
    }
}
