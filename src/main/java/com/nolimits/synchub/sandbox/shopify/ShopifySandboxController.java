package com.nolimits.synchub.sandbox.shopify;

import com.nolimits.synchub.sandbox.common.ApiCall;
import com.nolimits.synchub.sandbox.common.SandboxJson;
import com.nolimits.synchub.sandbox.common.UnknownSandboxException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Shopify sandbox over HTTP: the Admin GraphQL API the hub calls, and the merchant-admin and
 * test endpoints under /sandbox/shopify/{shop}/...
 */
@RestController
@Profile("sandbox")
@RequestMapping("/sandbox/shopify/{shop}")
public class ShopifySandboxController {

    private final ShopifySandbox sandbox;

    public ShopifySandboxController(ShopifySandbox sandbox) {
        this.sandbox = sandbox;
    }

    // ---- the Admin API

    @PostMapping("/admin/api/{version}/graphql.json")
    public ResponseEntity<Object> graphql(@PathVariable String shop, @PathVariable String version,
                                          @RequestHeader(value = "X-Shopify-Access-Token", required = false) String token,
                                          @RequestBody(required = false) String body, HttpServletRequest request) {
        ShopifySandbox.Instance instance = sandbox.shop(shop).orElse(null);
        if (instance == null) {
            return ResponseEntity.status(404).body(Map.of("errors", "Not Found"));
        }
        Map<String, Object> parsed = body == null ? null : SandboxJson.object(body);
        String query = parsed == null || !(parsed.get("query") instanceof String q) ? null : q;
        String operation = query == null ? null : ShopifyGraphqlEngine.operation(query);
        return ApiCall.serve(instance.faults, instance.journal, request, operation, parsed, faultAnswers(instance), () -> {
            if (!secretEquals(token, instance.settings.getAccessToken())) {
                return ResponseEntity.status(401).body(Map.of("errors",
                        "[API] Invalid API key or access token (unrecognized login or wrong password)"));
            }
            if (query == null) {
                return ResponseEntity.badRequest().body(Map.of("errors", Map.of("query", "Required parameter missing or invalid")));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = parsed.get("variables") instanceof Map<?, ?> v
                    ? (Map<String, Object>) v : Map.of();
            String operationName = parsed.get("operationName") instanceof String name ? name : null;
            int cost = ShopifyGraphqlEngine.cost(query, operationName, variables);
            synchronized (instance.shop) {
                if (!instance.shop.spend(cost)) {
                    return ResponseEntity.ok(throttled(instance, cost));
                }
                ShopifyGraphqlEngine.Answer result = ShopifyGraphqlEngine.execute(instance.shop, version, query, operationName,
                        variables, cost);
                if (result.actualCost() == null) {
                    instance.shop.refund(cost); // refused before it ran: nothing spent
                }
                sandbox.fireEffects(instance, result.effects());
                Map<String, Object> answer = new LinkedHashMap<>(result.response());
                answer.put("extensions", Map.of("cost", cost(instance, cost, result.actualCost())));
                return ResponseEntity.ok(answer);
            }
        });
    }

    private ApiCall.FaultAnswers faultAnswers(ShopifySandbox.Instance instance) {
        return new ApiCall.FaultAnswers() {
            @Override
            public ResponseEntity<Object> serverError() {
                return ResponseEntity.status(500).body(Map.of("errors", "Internal Server Error"));
            }

            @Override
            public ResponseEntity<Object> throttled(String retryAfter) {
                instance.shop.drain(); // the bucket is what throttles: its status says so
                return ResponseEntity.ok(ShopifySandboxController.this.throttled(instance, 10));
            }
        };
    }

    private Map<String, Object> throttled(ShopifySandbox.Instance instance, int cost) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("errors", List.of(Map.of("message", "Throttled", "extensions",
                Map.of("code", "THROTTLED", "documentation", "https://shopify.dev/api/usage/rate-limits"))));
        answer.put("extensions", Map.of("cost", cost(instance, cost, null)));
        return answer;
    }

    private static Map<String, Object> cost(ShopifySandbox.Instance instance, int requested, Integer actual) {
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("requestedQueryCost", requested);
        cost.put("actualQueryCost", actual);
        cost.put("throttleStatus", instance.shop.throttleStatus());
        return cost;
    }

    private static boolean secretEquals(String given, String expected) {
        return given != null && expected != null && MessageDigest.isEqual(
                given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    // ---- merchant admin: what a merchant does in the Shopify admin

    @GetMapping("/merchant/products")
    public ResponseEntity<Object> products(@PathVariable String shop) {
        ShopifySandbox.Instance instance = instance(shop);
        synchronized (instance.shop) {
            List<Object> list = new ArrayList<>();
            instance.shop.products.values().forEach(p -> list.add(ShopifyJson.rest(instance.shop, p)));
            return ResponseEntity.ok(Map.of("products", list));
        }
    }

    @GetMapping("/merchant/products/{id}")
    public ResponseEntity<Object> product(@PathVariable String shop, @PathVariable long id) {
        ShopifySandbox.Instance instance = instance(shop);
        synchronized (instance.shop) {
            ShopifyShop.Product p = instance.shop.products.get(id);
            return p == null ? notFound() : ResponseEntity.ok(Map.of("product", ShopifyJson.rest(instance.shop, p)));
        }
    }

    /**
     * Creates a product as a merchant would, REST-shaped: {"title", "body_html", "vendor", "product_type",
     * "status", "tags", "images": [{"src"}], "variants": [{"sku", "barcode", "price", "compare_at_price",
     * "taxable", "inventory_quantity", "option1"}]}. Fires products/create.
     */
    @PostMapping("/merchant/products")
    public ResponseEntity<Object> create(@PathVariable String shop, @RequestBody Map<String, Object> body) {
        ShopifySandbox.Instance instance = instance(shop);
        synchronized (instance.shop) {
            if (body.get("title") == null || body.get("title").toString().isBlank()) {
                return ResponseEntity.unprocessableEntity().body(Map.of("errors", Map.of("title", List.of("can't be blank"))));
            }
            ShopifyShop.Product p = new ShopifyShop.Product();
            p.id = instance.shop.nextId();
            p.createdAt = ShopifyShop.now();
            applyRest(instance, p, body);
            if (p.variants.isEmpty()) {
                ShopifyGraphql.applyVariantFields(ShopifyGraphql.newVariantAdded(instance.shop, p), Map.of(), p.createdAt);
            }
            instance.shop.products.put(p.id, p);
            Map<String, Object> rest = ShopifyJson.rest(instance.shop, p);
            sandbox.fire(instance, "products/create", rest);
            return ResponseEntity.status(201).body(Map.of("product", rest));
        }
    }

    /** Edits a product; variants are matched by id, then by sku, and new ones are added. Fires products/update. */
    @PutMapping("/merchant/products/{id}")
    public ResponseEntity<Object> update(@PathVariable String shop, @PathVariable long id,
                                         @RequestBody Map<String, Object> body) {
        ShopifySandbox.Instance instance = instance(shop);
        synchronized (instance.shop) {
            ShopifyShop.Product p = instance.shop.products.get(id);
            if (p == null) {
                return notFound();
            }
            applyRest(instance, p, body);
            Map<String, Object> rest = ShopifyJson.rest(instance.shop, p);
            sandbox.fire(instance, "products/update", rest);
            return ResponseEntity.ok(Map.of("product", rest));
        }
    }

    @DeleteMapping("/merchant/products/{id}")
    public ResponseEntity<Object> delete(@PathVariable String shop, @PathVariable long id) {
        ShopifySandbox.Instance instance = instance(shop);
        synchronized (instance.shop) {
            ShopifyShop.Product p = instance.shop.products.remove(id);
            if (p == null) {
                return notFound();
            }
            p.variants.forEach(v -> instance.shop.inventory.remove(v.inventoryItemId));
            sandbox.fire(instance, "products/delete", Map.of("id", id));
            return ResponseEntity.ok(Map.of());
        }
    }

    /**
     * Sets available stock as a merchant (or a sale) would: {"inventory_item_id" or "sku", "available"}, at
     * the shop's first location or at {"location_id"}.
     */
    @PostMapping("/merchant/inventory")
    public ResponseEntity<Object> inventory(@PathVariable String shop, @RequestBody Map<String, Object> body) {
        ShopifySandbox.Instance instance = instance(shop);
        synchronized (instance.shop) {
            ShopifyShop.Variant variant = null;
            if (body.get("inventory_item_id") instanceof Number n) {
                variant = instance.shop.variantByInventoryItem(n.longValue());
            } else if (body.get("sku") != null) {
                variant = instance.shop.products.values().stream().flatMap(p -> p.variants.stream())
                        .filter(v -> body.get("sku").equals(v.sku)).findFirst().orElse(null);
            }
            if (variant == null || !(body.get("available") instanceof Number available)) {
                return ResponseEntity.unprocessableEntity().body(Map.of("errors",
                        "give inventory_item_id (or sku) of an existing variant and available as a number"));
            }
            // another location of the shop's (a second warehouse, a store) when given
            long location = body.get("location_id") instanceof Number n ? n.longValue() : instance.shop.locationId;
            instance.shop.locations.add(location);
            instance.shop.setQuantity(variant.inventoryItemId, location, available.intValue());
            Map<String, Object> level = ShopifySandbox.inventoryLevel(variant.inventoryItemId, location, available.intValue());
            sandbox.fire(instance, "inventory_levels/update", level);
            return ResponseEntity.ok(Map.of("inventory_level", level));
        }
    }

    @SuppressWarnings("unchecked")
    private void applyRest(ShopifySandbox.Instance instance, ShopifyShop.Product p, Map<String, Object> body) {
        Instant now = ShopifyShop.now();
        if (body.containsKey("title")) p.title = (String) body.get("title");
        if (body.containsKey("body_html")) p.bodyHtml = (String) body.get("body_html");
        if (body.containsKey("vendor")) p.vendor = (String) body.get("vendor");
        if (body.containsKey("product_type")) p.productType = (String) body.get("product_type");
        if (body.containsKey("status")) p.status = String.valueOf(body.get("status"));
        if (body.containsKey("tags")) p.tags = ShopifyGraphql.tags(body.get("tags"));
        if (body.get("images") instanceof List<?> images) {
            p.images = new ArrayList<>();
            for (Object o : images) {
                ShopifyShop.Image image = new ShopifyShop.Image();
                image.id = instance.shop.nextId();
                image.src = String.valueOf(((Map<String, Object>) o).get("src"));
                p.images.add(image);
            }
        }
        for (Map<String, Object> in : ShopifyGraphql.maps(body.get("variants"))) {
            ShopifyShop.Variant v = p.variants.stream().filter(x ->
                    (in.get("id") instanceof Number n && x.id == n.longValue())
                            || (in.get("id") == null && in.get("sku") != null && in.get("sku").equals(x.sku)))
                    .findFirst().orElse(null);
            if (v == null) {
                v = ShopifyGraphql.newVariantAdded(instance.shop, p);
            }
            Map<String, Object> graphqlShape = new LinkedHashMap<>();
            if (in.containsKey("sku")) graphqlShape.put("sku", in.get("sku"));
            if (in.containsKey("barcode")) graphqlShape.put("barcode", in.get("barcode"));
            if (in.containsKey("price")) graphqlShape.put("price", in.get("price"));
            if (in.containsKey("compare_at_price")) graphqlShape.put("compareAtPrice", in.get("compare_at_price"));
            if (in.containsKey("taxable")) graphqlShape.put("taxable", in.get("taxable"));
            if (in.get("option1") != null) graphqlShape.put("optionValues", List.of(Map.of("name", in.get("option1"))));
            ShopifyGraphql.applyVariantFields(v, graphqlShape, now);
            if (in.get("inventory_quantity") instanceof Number q) {
                instance.shop.setQuantity(v.inventoryItemId, instance.shop.locationId, q.intValue());
            }
        }
        p.updatedAt = now;
    }

    // ---- test controls





    /** Every webhook subscription (the admin's too, which the API does not show) and every delivery attempt. */
    @GetMapping("/webhooks")
    public Map<String, Object> webhooks(@PathVariable String shop) {
        ShopifySandbox.Instance instance = instance(shop);
        List<Map<String, Object>> subscriptions = new ArrayList<>();
        for (ShopifyShop.Subscription s : instance.shop.subscriptions) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", ShopifyJson.gid("WebhookSubscription", s.id));
            view.put("topic", s.topic);
            view.put("uri", s.uri);
            view.put("madeInAdmin", s.madeInAdmin);
            view.put("failedInARow", s.failedInARow.get());
            subscriptions.add(view);
        }
        return Map.of("subscriptions", subscriptions, "attempts", instance.sender.attempts());
    }

    /** Forgets every product, journal entry and fault of the shop. */
    @PostMapping("/reset")
    public ResponseEntity<Object> reset(@PathVariable String shop) {
        instance(shop);
        sandbox.reset(shop);
        return ResponseEntity.noContent().build();
    }

    private ShopifySandbox.Instance instance(String shop) {
        return sandbox.shop(shop).orElseThrow(() -> new UnknownSandboxException("no sandbox shop '" + shop + "'"));
    }

    private static ResponseEntity<Object> notFound() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("errors", "Not Found"));
    }
}
