package com.nolimits.synchub.api;

import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.merge.Change;
import com.nolimits.synchub.merge.FieldGroup;
import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.OwnershipRules;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.ConflictStore;
import com.nolimits.synchub.store.JobViews;
import com.nolimits.synchub.store.Product;
import com.nolimits.synchub.store.ProductStore;
import com.nolimits.synchub.store.SyncLogStore;
import com.nolimits.synchub.sync.ProductNotFoundException;
import com.nolimits.synchub.sync.ProductSyncService;
import com.nolimits.synchub.sync.Resolution;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The hub-side management API (README, "Management API"). */
@RestController
@RequestMapping(path = "/api/integrations/product-sync", produces = MediaType.APPLICATION_JSON_VALUE)
public class ProductSyncController {

    private static final Set<String> CREATE_EXTRAS = Set.of("clientId", "channelIds", "quantity");
    private static final Set<String> PATCH_EXTRAS = Set.of("fieldOwnership");

    private final ProductSyncService sync;
    private final ProductStore products;
    private final SyncLogStore logs;
    private final ConflictStore conflicts;
    private final JobViews jobs;
    private final ClientDirectory directory;
    private final OwnershipRules rules;
    private final Clock clock;
    private final ClientScope scope;

    public ProductSyncController(ProductSyncService sync, ProductStore products, SyncLogStore logs,
                                 ConflictStore conflicts, JobViews jobs, ClientDirectory directory,
                                 OwnershipRules rules, Clock clock, ClientScope scope) {
        this.sync = sync;
        this.products = products;
        this.logs = logs;
        this.conflicts = conflicts;
        this.jobs = jobs;
        this.directory = directory;
        this.rules = rules;
        this.clock = clock;
        this.scope = scope;
    }

    /** Creates a product in the hub (origin NOLIMITS) and queues it to the client's channels. */
    @PostMapping(path = "/create", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "201", description = "the product", content = @Content(schema = @Schema(ref = ProductSchemas.REF_PRODUCT_ANSWER)))
    public ResponseEntity<Map<String, Object>> create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(ref = ProductSchemas.REF_NEW_PRODUCT)))
            @RequestBody Map<String, Object> body) {
        String clientId = ProductRequests.requiredText(body, "clientId");
        scope.requireAccess(clientId); // first: a client's key learns nothing of other clients, known or not
        requireClient(clientId);
        Map<ProductField, Object> fields = ProductRequests.fields(body, CREATE_EXTRAS);
        if (body.containsKey("quantity")) { // the API's older name for available stock, still taken
            if (fields.containsKey(ProductField.AVAILABLE)) {
                throw ApiException.badRequest("give either quantity or available, not both");
            }
            fields.put(ProductField.AVAILABLE, ProductField.AVAILABLE.canonical(body.get("quantity")));
        }
        if (fields.get(ProductField.NAME) == null || fields.get(ProductField.NAME).toString().isBlank()) {
            throw ApiException.badRequest("name is required");
        }
        List<String> channelIds = channelIds(body.get("channelIds"), clientId);
        Change change = new Change(Origin.NOLIMITS, null, clock.instant(), Change.Kind.CREATE, fields);
        Product product = sync.create(clientId, change, channelIds, null).product();
        return ApiResponses.status(HttpStatus.CREATED, ProductView.of(product));
    }

    @GetMapping("/product/{productId}")
    @ApiResponse(responseCode = "200", description = "the product", content = @Content(schema = @Schema(ref = ProductSchemas.REF_PRODUCT_ANSWER)))
    public ResponseEntity<Map<String, Object>> get(@PathVariable String productId) {
        return ApiResponses.ok(ProductView.of(scope.product(productId)));
    }

    /** Finds a client's product by its sku: what an engineer knows when a product does not sync. */
    @GetMapping("/client/{clientId}/product")
    @ApiResponse(responseCode = "200", description = "the product", content = @Content(schema = @Schema(ref = ProductSchemas.REF_PRODUCT_ANSWER)))
    public ResponseEntity<Map<String, Object>> findBySku(@PathVariable String clientId,
                                                         @RequestParam(required = false) String sku) {
        scope.client(clientId);
        if (sku == null || sku.isBlank()) {
            throw ApiException.badRequest("sku is required: ?sku=<the product's sku>");
        }
        UUID id = products.findIdBySku(clientId, sku).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "client '" + clientId + "' has no product with sku '" + sku + "'"));
        return ApiResponses.ok(ProductView.of(products.find(id).orElseThrow(() -> new ProductNotFoundException(id))));
    }

    /** An edit made in the hub: origin NOLIMITS, judged by the ownership rules like any other change. */
    @PatchMapping(path = "/product/{productId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "the product", content = @Content(schema = @Schema(ref = ProductSchemas.REF_PRODUCT_ANSWER)))
    public ResponseEntity<Map<String, Object>> edit(@PathVariable String productId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(ref = ProductSchemas.REF_PRODUCT_EDIT)))
            @RequestBody Map<String, Object> body) {
        UUID id = scope.product(productId).id();
        Map<ProductField, Object> fields = ProductRequests.fields(body, PATCH_EXTRAS);
        Map<ProductField, FieldGroup> ownership = body.containsKey("fieldOwnership")
                ? ProductRequests.ownership(body.get("fieldOwnership"), rules) : null;
        if (fields.isEmpty() && ownership == null) {
            throw ApiException.badRequest("the body sets no field");
        }
        ProductSyncService.Outcome outcome = sync.edit(id, fields, ownership);
        Map<String, Object> data = ProductView.of(outcome.product());
        List<Map<String, Object>> ignored = new ArrayList<>();
        outcome.result().ignored().forEach(i -> ignored.add(Map.of("field", i.field().key(), "reason", i.reason())));
        data.put("ignoredFields", ignored);
        return ApiResponses.ok(data);
    }

    @GetMapping("/field-ownership")
    public ResponseEntity<Map<String, Object>> fieldOwnership() {
        Map<String, Object> groups = new LinkedHashMap<>();
        for (FieldGroup group : FieldGroup.values()) {
            groups.put(group.key(), rules.defaults().entrySet().stream()
                    .filter(e -> e.getValue() == group).map(e -> e.getKey().key()).toList());
        }
        Map<String, Object> overrides = new LinkedHashMap<>();
        rules.clientOverrides().forEach((client, fields) -> {
            if (!scope.mayAccess(client)) {
                return; // a client sees its own overrides only
            }
            Map<String, String> byField = new LinkedHashMap<>();
            fields.forEach((field, group) -> byField.put(field.key(), group.key()));
            overrides.put(client, byField);
        });
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("groups", groups);
        data.put("conflictWindowSeconds", rules.conflictWindow().toSeconds());
        data.put("clientOverrides", overrides);
        return ApiResponses.ok(data);
    }

    @GetMapping("/status/{clientId}")
    public ResponseEntity<ApiAnswer<ProductStore.StatusSummary>> status(@PathVariable String clientId) {
        scope.client(clientId);
        return ApiResponses.answer(products.statusSummary(clientId));
    }

    /** Conflicts of a client, open ones by default ({@code ?status=auto_resolved|resolved}). */
    @GetMapping("/conflicts/{clientId}")
    public ResponseEntity<ApiAnswer<ConflictStore.ConflictList>> conflicts(@PathVariable String clientId,
                                                         @RequestParam(defaultValue = "open") String status) {
        scope.client(clientId);
        ConflictStore.Status wanted = List.of(ConflictStore.Status.values()).stream()
                .filter(s -> s.name().equalsIgnoreCase(status)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("status must be open, auto_resolved or resolved"));
        List<ConflictStore.Conflict> list = conflicts.byClient(clientId, wanted);
        return ApiResponses.answer(new ConflictStore.ConflictList(list.size(), list));
    }

    @PostMapping(path = "/conflicts/{productId}/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> resolve(@PathVariable String productId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(ref = ProductSchemas.REF_CONFLICT_RESOLUTION)))
            @RequestBody Map<String, Object> body) {
        UUID id = scope.product(productId).id();
        for (String key : body.keySet()) {
            if (!key.equals("resolution") && !key.equals("mergeData")) {
                throw ApiException.badRequest("unknown field '" + key + "' (expected resolution and mergeData)");
            }
        }
        Resolution resolution = Resolution.byKey(String.valueOf(body.get("resolution"))).orElseThrow(() ->
                ApiException.badRequest("resolution must be accept_local, accept_remote or merge"));
        Map<ProductField, Object> mergeData = new EnumMap<>(ProductField.class);
        if (resolution == Resolution.MERGE) {
            if (!(body.get("mergeData") instanceof Map<?, ?> raw)) {
                throw ApiException.badRequest("mergeData is required with resolution merge, as an object of field: value");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) raw;
            mergeData = ProductRequests.fields(values, Set.of());
        } else if (body.containsKey("mergeData")) {
            throw ApiException.badRequest("mergeData goes only with resolution merge");
        }
        ProductSyncService.Outcome outcome = sync.resolve(id, resolution, mergeData);
        return ApiResponses.ok(ProductView.of(outcome.product()));
    }

    @GetMapping("/product/{productId}/logs")
    public ResponseEntity<ApiAnswer<SyncLogStore.LogPage>> logs(@PathVariable String productId,
                                                    @RequestParam(required = false) String limit,
                                                    @RequestParam(required = false) String offset) {
        UUID id = scope.product(productId).id();
        int pageSize = ProductRequests.paging(limit, "limit", 20, 1, 500);
        int skip = ProductRequests.paging(offset, "offset", 0, 0, Integer.MAX_VALUE);
        return ApiResponses.answer(new SyncLogStore.LogPage(logs.count(id), pageSize, skip, logs.page(id, pageSize, skip)));
    }

    @GetMapping("/product/{productId}/queue-status")
    public ResponseEntity<ApiAnswer<JobViews.QueueStatus>> queueStatus(@PathVariable String productId) {
        return ApiResponses.answer(jobs.status(scope.product(productId).id(), 50));
    }



    private void requireClient(String clientId) {
        if (!directory.hasClient(clientId)) {
            throw ApiException.badRequest("clientId: unknown client '" + clientId + "'");
        }
    }


    private List<String> channelIds(Object raw, String clientId) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof List<?> list)) {
            throw ApiException.badRequest("channelIds must be a list of channel ids");
        }
        List<String> ids = new ArrayList<>();
        for (Object item : list) {
            String id = String.valueOf(item);
            boolean ours = directory.channel(id).map(c -> c.clientId().equals(clientId)).orElse(false);
            if (!ours) {
                throw ApiException.badRequest("channelIds: '" + id + "' is not a channel of client " + clientId);
            }
            ids.add(id);
        }
        return ids;
    }
}
