package com.nolimits.synchub.sandbox.woocommerce;

import com.nolimits.synchub.sandbox.common.ApiCall;
import com.nolimits.synchub.sandbox.common.SandboxJson;
import com.nolimits.synchub.sandbox.common.UnknownSandboxException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The WooCommerce sandbox over HTTP: REST API v3 under /sandbox/woocommerce/{site}/wp-json/wc/v3, and
 * the merchant-admin and test endpoints under /sandbox/woocommerce/{site}/...
 */
@RestController
@Profile("sandbox")
@RequestMapping("/sandbox/woocommerce/{site}")
public class WooSandboxController {

    private static final String API = "/wp-json/wc/v3";
    private final WooSandbox sandbox;

    public WooSandboxController(WooSandbox sandbox) {
        this.sandbox = sandbox;
    }

    // ---- REST API v3

    @GetMapping(API + "/products")
    public ResponseEntity<Object> list(@PathVariable String site, @RequestParam Map<String, String> params,
                                       HttpServletRequest request) {
        WooSite s = site(site);
        return api(s, request, "list products", null, () -> {
            int page = intParam(params, "page", 1, 1, Integer.MAX_VALUE);
            int perPage = intParam(params, "per_page", 10, 1, 100);
            LocalDateTime modifiedAfter = dateParam(params.get("modified_after"), "modified_after");
            java.util.Set<String> skus = list(request, "sku");
            java.util.Set<String> include = list(request, "include");
            String orderBy = params.getOrDefault("orderby", "date");
            boolean ascending = "asc".equals(params.getOrDefault("order", "desc"));
            List<Map<String, Object>> matching;
            synchronized (s) {
                matching = s.products.values().stream()
                        .filter(p -> !"trash".equals(p.get("status")) || "trash".equals(params.get("status")))
                        .filter(p -> modifiedAfter == null
                                || LocalDateTime.parse((String) p.get("date_modified_gmt")).isAfter(modifiedAfter))
                        .filter(p -> skus.isEmpty() || skus.contains(String.valueOf(p.get("sku"))))
                        .filter(p -> include.isEmpty() || include.contains(String.valueOf(p.get("id"))))
                        .sorted(order(orderBy, ascending)).toList();
            }
            return page(request, matching, page, perPage);
        });
    }

    /** GET /products/categories: the site's product categories, paged like every list. */
    @GetMapping(API + "/products/categories")
    public ResponseEntity<Object> categories(@PathVariable String site, @RequestParam Map<String, String> params,
                                             HttpServletRequest request) {
        WooSite s = site(site);
        return api(s, request, "list categories", null, () -> {
            int page = intParam(params, "page", 1, 1, Integer.MAX_VALUE);
            int perPage = intParam(params, "per_page", 10, 1, 100);
            List<Map<String, Object>> all;
            synchronized (s) {
                all = s.categories.values().stream().map(term -> {
                    Map<String, Object> category = new LinkedHashMap<>(term);
                    category.putIfAbsent("parent", 0);
                    category.put("count", s.products.values().stream().filter(p -> p.get("categories") instanceof List<?> l
                            && l.stream().anyMatch(c -> c instanceof Map<?, ?> m && term.get("id").equals(m.get("id")))).count());
                    return category;
                }).toList();
            }
            return page(request, all, page, perPage);
        });
    }

    /**
     * Any other address under the REST API: WordPress's own answer. (A non-numeric id does not match the
     * routes' id pattern either, as in WordPress.)
     */
    @RequestMapping(API + "/**")
    public ResponseEntity<Object> noRoute(@PathVariable String site, HttpServletRequest request) {
        WooSite s = site(site);
        s.journal.record(request.getMethod(), request.getRequestURI(), ApiCall.withoutCredentials(request.getQueryString()),
                "no route", null, 404);
        return ResponseEntity.status(404).body(Map.of("code", "rest_no_route",
                "message", "No route was found matching the URL and request method.", "data", Map.of("status", 404)));
    }

    /** One page of a list, with WordPress's X-WP-Total, X-WP-TotalPages and Link (rel next, prev) headers. */
    private static ResponseEntity<Object> page(HttpServletRequest request, List<Map<String, Object>> all, int page, int perPage) {
        int total = all.size();
        int pages = (total + perPage - 1) / perPage;
        List<Map<String, Object>> items = all.subList(Math.min(total, (page - 1) * perPage), Math.min(total, page * perPage));
        List<String> links = new ArrayList<>();
        if (page > 1 && page - 1 <= Math.max(pages, 1)) {
            links.add("<" + pageUrl(request, page - 1) + ">; rel=\"prev\"");
        }
        if (page < pages) {
            links.add("<" + pageUrl(request, page + 1) + ">; rel=\"next\"");
        }
        var answer = ResponseEntity.ok().header("X-WP-Total", String.valueOf(total)).header("X-WP-TotalPages", String.valueOf(pages));
        if (!links.isEmpty()) {
            answer.header("Link", String.join(", ", links));
        }
        return answer.body(new ArrayList<>(items));
    }

    /** The list's address with another page, without the caller's credentials or signature. */
    private static String pageUrl(HttpServletRequest request, int page) {
        String query = ApiCall.withoutCredentials(request.getQueryString());
        List<String> kept = new ArrayList<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (!pair.startsWith("page=")) {
                    kept.add(pair);
                }
            }
        }
        kept.add("page=" + page);
        return request.getRequestURL() + "?" + String.join("&", kept);
    }

    /**
     * WordPress's force flag, read as PHP reads a query: a repeated parameter counts once, with its last
     * value (the official client sends force=true twice over HTTP: in the address and among the signed ones).
     */
    private static boolean force(HttpServletRequest request) {
        String[] values = request.getParameterValues("force");
        String last = values == null || values.length == 0 ? "false" : values[values.length - 1];
        return last.equals("true") || last.equals("1");
    }

    /** A list parameter as WordPress reads it: a comma list (sku=A,B) or an array (include[]=1&include[]=2). */
    private static java.util.Set<String> list(HttpServletRequest request, String name) {
        java.util.Set<String> values = new java.util.LinkedHashSet<>();
        for (String key : List.of(name, name + "[]")) {
            String[] given = request.getParameterValues(key);
            if (given != null) {
                for (String value : given) {
                    for (String item : value.split(",")) {
                        if (!item.isBlank()) {
                            values.add(item.trim());
                        }
                    }
                }
            }
        }
        return values;
    }

    @PostMapping(API + "/products")
    public ResponseEntity<Object> create(@PathVariable String site, @RequestBody(required = false) String body,
                                         HttpServletRequest request) {
        WooSite s = site(site);
        Map<String, Object> in = SandboxJson.object(body == null ? "" : body);
        return api(s, request, "create product", in, () -> {
            synchronized (s) {
                Map<String, Object> product = s.write(null, requireJson(in));
                s.products.put((Long) product.get("id"), product);
                sandbox.fire(s, "product.created", (Long) product.get("id"));
                return ResponseEntity.status(201).body(product);
            }
        });
    }

    @GetMapping(API + "/products/{id:\\d+}")
    public ResponseEntity<Object> get(@PathVariable String site, @PathVariable long id, HttpServletRequest request) {
        WooSite s = site(site);
        return api(s, request, "get product", null, () -> {
            synchronized (s) {
                return ResponseEntity.ok(existing(s, id));
            }
        });
    }

    @PutMapping(API + "/products/{id:\\d+}")
    public ResponseEntity<Object> update(@PathVariable String site, @PathVariable long id,
                                         @RequestBody(required = false) String body, HttpServletRequest request) {
        WooSite s = site(site);
        Map<String, Object> in = SandboxJson.object(body == null ? "" : body);
        return api(s, request, "update product", in, () -> {
            synchronized (s) {
                Map<String, Object> product = s.write(existing(s, id), requireJson(in));
                s.products.put(id, product);
                sandbox.fire(s, "product.updated", id);
                return ResponseEntity.ok(product);
            }
        });
    }

    @DeleteMapping(API + "/products/{id:\\d+}")
    public ResponseEntity<Object> delete(@PathVariable String site, @PathVariable long id, HttpServletRequest request) {
        WooSite s = site(site);
        return api(s, request, "delete product", null, () -> {
            synchronized (s) {
                return ResponseEntity.ok(remove(s, id, force(request)));
            }
        });
    }

    /** {"create": [], "update": [], "delete": []}: at most 100 in all; a failed item carries its own error. */
    @PostMapping(API + "/products/batch")
    public ResponseEntity<Object> batch(@PathVariable String site, @RequestBody(required = false) String body,
                                        HttpServletRequest request) {
        WooSite s = site(site);
        Map<String, Object> in = SandboxJson.object(body == null ? "" : body);
        return api(s, request, "batch products", in, () -> {
            Map<String, Object> json = requireJson(in);
            List<?> creates = list(json.get("create"));
            List<?> updates = list(json.get("update"));
            List<?> deletes = list(json.get("delete"));
            if (creates.size() + updates.size() + deletes.size() > 100) {
                throw new WooSite.RestError("woocommerce_rest_request_entity_too_large",
                        "Unable to accept more than 100 items for this request.", 413);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            synchronized (s) {
                out.put("create", each(creates, item -> {
                    Map<String, Object> product = s.write(null, item);
                    s.products.put((Long) product.get("id"), product);
                    sandbox.fire(s, "product.created", (Long) product.get("id"));
                    return product;
                }));
                out.put("update", each(updates, item -> {
                    long id = item.get("id") instanceof Number n ? n.longValue() : 0;
                    Map<String, Object> product = s.write(existing(s, id), item);
                    s.products.put(id, product);
                    sandbox.fire(s, "product.updated", id);
                    return product;
                }));
                List<Object> deleted = new ArrayList<>();
                for (Object id : deletes) {
                    try {
                        deleted.add(remove(s, ((Number) id).longValue(), true));
                    } catch (WooSite.RestError e) {
                        deleted.add(Map.of("id", id, "error", e.body()));
                    }
                }
                out.put("delete", deleted);
            }
            return ResponseEntity.ok(out);
        });
    }

    /**
     * Creates a webhook: {"name", "topic", "delivery_url", "secret", "status"} (status active by default).
     * An active webhook's delivery URL is pinged first and must answer 2xx.
     */
    @PostMapping(API + "/webhooks")
    public ResponseEntity<Object> registerWebhook(@PathVariable String site, @RequestBody(required = false) String body,
                                                  HttpServletRequest request) {
        WooSite s = site(site);
        Map<String, Object> in = SandboxJson.object(body == null ? "" : body);
        return api(s, request, "create webhook", withoutSecret(in), () -> {
            Map<String, Object> json = requireJson(in);
            String topic = webhookTopic(json.get("topic"));
            String deliveryUrl = deliveryUrl(json.get("delivery_url"));
            String status = webhookStatus(json.getOrDefault("status", "active"));
            String secret = json.get("secret") == null ? "" : json.get("secret").toString();
            String name = json.get("name") == null ? "Webhook created on " + java.time.LocalDate.now() : json.get("name").toString();
            WooSite.Webhook webhook = sandbox.register(s, name, topic, deliveryUrl, secret, status);
            return ResponseEntity.status(201).body(webhookView(webhook));
        });
    }

    @GetMapping(API + "/webhooks")
    public ResponseEntity<Object> listWebhooks(@PathVariable String site, HttpServletRequest request) {
        WooSite s = site(site);
        return api(s, request, "list webhooks", null, () -> ResponseEntity.ok(webhookViews(s)));
    }

    @GetMapping(API + "/webhooks/{id:\\d+}")
    public ResponseEntity<Object> getWebhook(@PathVariable String site, @PathVariable long id, HttpServletRequest request) {
        WooSite s = site(site);
        return api(s, request, "get webhook", null, () -> ResponseEntity.ok(webhookView(webhook(s, id))));
    }

    /** Updates a webhook; setting it active again (after WooCommerce disabled it) clears its failure count. */
    @PutMapping(API + "/webhooks/{id:\\d+}")
    public ResponseEntity<Object> updateWebhook(@PathVariable String site, @PathVariable long id,
                                                @RequestBody(required = false) String body, HttpServletRequest request) {
        WooSite s = site(site);
        Map<String, Object> in = SandboxJson.object(body == null ? "" : body);
        return api(s, request, "update webhook", withoutSecret(in), () -> {
            Map<String, Object> json = requireJson(in);
            WooSite.Webhook webhook = webhook(s, id);
            synchronized (webhook) {
                if (json.containsKey("topic")) webhook.topic = webhookTopic(json.get("topic"));
                if (json.containsKey("delivery_url")) webhook.deliveryUrl = deliveryUrl(json.get("delivery_url"));
                if (json.containsKey("secret")) webhook.secret = String.valueOf(json.get("secret"));
                if (json.containsKey("name")) webhook.name = String.valueOf(json.get("name"));
                if (json.containsKey("status")) {
                    String status = webhookStatus(json.get("status"));
                    if (status.equals("active") && !webhook.status.equals("active")) {
                        webhook.failureCount = 0;
                    }
                    webhook.status = status;
                }
            }
            return ResponseEntity.ok(webhookView(webhook));
        });
    }

    /** Deletes a webhook for good; WooCommerce has no bin for webhooks, so force=true is required. */
    @DeleteMapping(API + "/webhooks/{id:\\d+}")
    public ResponseEntity<Object> deleteWebhook(@PathVariable String site, @PathVariable long id, HttpServletRequest request) {
        WooSite s = site(site);
        return api(s, request, "delete webhook", null, () -> {
            WooSite.Webhook webhook = webhook(s, id);
            if (!force(request)) {
                throw new WooSite.RestError("woocommerce_rest_trash_not_supported", "Webhooks do not support trashing.", 501);
            }
            s.webhooks.remove(webhook);
            return ResponseEntity.ok(webhookView(webhook));
        });
    }

    /** The journal shows what was sent, but never a secret. */
    private static Object withoutSecret(Map<String, Object> in) {
        if (in == null || !in.containsKey("secret")) {
            return in;
        }
        Map<String, Object> shown = new LinkedHashMap<>(in);
        shown.put("secret", "(hidden)");
        return shown;
    }

    private static WooSite.Webhook webhook(WooSite s, long id) {
        return s.webhooks.stream().filter(w -> w.id == id).findFirst()
                .orElseThrow(() -> new WooSite.RestError("woocommerce_rest_webhook_invalid_id", "Invalid ID.", 404));
    }

    private static String webhookTopic(Object topic) {
        if (!(topic instanceof String t) || !t.matches("(product|order|coupon|customer)\\.(created|updated|deleted|restored)|action\\..+")) {
            throw new WooSite.RestError("rest_invalid_param", "Invalid parameter(s): topic", 400);
        }
        return t;
    }

    private static String deliveryUrl(Object url) {
        if (!(url instanceof String u) || !(u.startsWith("http://") || u.startsWith("https://"))) {
            throw new WooSite.RestError("rest_invalid_param", "Invalid parameter(s): delivery_url", 400);
        }
        return u;
    }

    private static String webhookStatus(Object status) {
        if (!(status instanceof String s) || !java.util.Set.of("active", "paused", "disabled").contains(s)) {
            throw new WooSite.RestError("rest_invalid_param", "Invalid parameter(s): status (status is not one of active, paused and disabled.)", 400);
        }
        return s;
    }

    private ResponseEntity<Object> api(WooSite s, HttpServletRequest request, String operation, Object body,
                                       Supplier<ResponseEntity<Object>> handler) {
        return ApiCall.serve(s.faults, s.journal, request, operation, body, new ApiCall.FaultAnswers() {
            @Override
            public ResponseEntity<Object> serverError() {
                return ResponseEntity.status(500).body(Map.of("code", "internal_server_error",
                        "message", "There has been a critical error on this website.", "data", Map.of("status", 500)));
            }

            @Override
            public ResponseEntity<Object> throttled(String retryAfter) {
                return ResponseEntity.status(429).header("Retry-After", retryAfter)
                        .body(Map.of("code", "woocommerce_rest_too_many_requests", "message", "Too many requests.",
                                "data", Map.of("status", 429)));
            }
        }, () -> {
            String problem = authProblem(s, request);
            if (problem == ANONYMOUS) {
                return ResponseEntity.status(401).body(anonymous(request.getMethod()));
            }
            if (problem != null) {
                return ResponseEntity.status(401).body(Map.of("code", "woocommerce_rest_authentication_error",
                        "message", problem, "data", Map.of("status", 401)));
            }
            try {
                return handler.get();
            } catch (WooSite.RestError e) {
                return ResponseEntity.status(e.status).body(e.body());
            }
        });
    }

    /**
     * As WooCommerce authenticates: an OAuth 1.0a signature in the query (the only way over plain HTTP);
     * over HTTPS (here: a request that says X-Forwarded-Proto https, as behind a TLS terminator) also
     * Basic auth with the consumer key and secret, or the consumer_key/consumer_secret query parameters.
     */
    private static String authProblem(WooSite s, HttpServletRequest request) {
        if (WooOAuth1.present(request)) {
            return WooOAuth1.problem(s, request);
        }
        boolean secure = request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
        if (!secure) {
            return ANONYMOUS; // WooCommerce looks for no other credentials over HTTP (Basic would travel readable)
        }
        String key = request.getParameter("consumer_key");
        String secret = request.getParameter("consumer_secret");
        String header = request.getHeader("Authorization");
        if (header != null && header.startsWith("Basic ")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "Consumer key is invalid.";
            }
            int colon = decoded.indexOf(':');
            key = colon < 0 ? decoded : decoded.substring(0, colon);
            secret = colon < 0 ? "" : decoded.substring(colon + 1);
        }
        if (key == null) {
            return ANONYMOUS;
        }
        if (!same(key, s.settings.getConsumerKey())) {
            return "Consumer key is invalid.";
        }
        if (!same(secret, s.settings.getConsumerSecret())) {
            return "Invalid signature - provided signature does not match.";
        }
        return null;
    }

    /** No credentials WooCommerce takes: the REST API answers as to a visitor who may not do this. */
    private static final String ANONYMOUS = "anonymous";

    private static Map<String, Object> anonymous(String method) {
        String[] words = switch (method) {
            case "GET" -> new String[]{"woocommerce_rest_cannot_view", "Sorry, you cannot list resources."};
            case "POST" -> new String[]{"woocommerce_rest_cannot_create", "Sorry, you are not allowed to create resources."};
            case "DELETE" -> new String[]{"woocommerce_rest_cannot_delete", "Sorry, you are not allowed to delete this resource."};
            default -> new String[]{"woocommerce_rest_cannot_edit", "Sorry, you are not allowed to edit this resource."};
        };
        return Map.of("code", words[0], "message", words[1], "data", Map.of("status", 401));
    }

    private static boolean same(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    // ---- merchant admin: what a merchant does in wp-admin

    @GetMapping("/merchant/products")
    public List<Map<String, Object>> merchantProducts(@PathVariable String site) {
        WooSite s = site(site);
        synchronized (s) {
            return new ArrayList<>(s.products.values());
        }
    }

    @GetMapping("/merchant/products/{id}")
    public ResponseEntity<Object> merchantProduct(@PathVariable String site, @PathVariable long id) {
        WooSite s = site(site);
        synchronized (s) {
            return merchant(() -> ResponseEntity.ok(existing(s, id)));
        }
    }

    /** Creates a product as the admin does (REST shape). Fires product.created. */
    @PostMapping("/merchant/products")
    public ResponseEntity<Object> merchantCreate(@PathVariable String site, @RequestBody Map<String, Object> body) {
        WooSite s = site(site);
        synchronized (s) {
            return merchant(() -> {
                Map<String, Object> product = s.write(null, body);
                s.products.put((Long) product.get("id"), product);
                sandbox.fire(s, "product.created", (Long) product.get("id"));
                return ResponseEntity.status(201).body(product);
            });
        }
    }

    /** Edits a product (REST shape, stock included: a sale lowers stock_quantity). Fires product.updated. */
    @PutMapping("/merchant/products/{id}")
    public ResponseEntity<Object> merchantUpdate(@PathVariable String site, @PathVariable long id,
                                                 @RequestBody Map<String, Object> body) {
        WooSite s = site(site);
        synchronized (s) {
            return merchant(() -> {
                Map<String, Object> product = s.write(existing(s, id), body);
                s.products.put(id, product);
                sandbox.fire(s, "product.updated", id);
                return ResponseEntity.ok(product);
            });
        }
    }

    /** Moves to the trash, or deletes with ?force=true. Fires product.deleted. */
    @DeleteMapping("/merchant/products/{id}")
    public ResponseEntity<Object> merchantDelete(@PathVariable String site, @PathVariable long id,
                                                 @RequestParam(defaultValue = "false") boolean force) {
        WooSite s = site(site);
        synchronized (s) {
            return merchant(() -> ResponseEntity.ok(remove(s, id, force)));
        }
    }

    /** Takes a product out of the trash. Fires product.restored. */
    @PostMapping("/merchant/products/{id}/restore")
    public ResponseEntity<Object> merchantRestore(@PathVariable String site, @PathVariable long id) {
        WooSite s = site(site);
        synchronized (s) {
            return merchant(() -> {
                Map<String, Object> product = s.write(existing(s, id), Map.of("status", "publish"));
                s.products.put(id, product);
                sandbox.fire(s, "product.restored", id);
                return ResponseEntity.ok(product);
            });
        }
    }

    private static ResponseEntity<Object> merchant(Supplier<ResponseEntity<Object>> action) {
        try {
            return action.get();
        } catch (WooSite.RestError e) {
            return ResponseEntity.status(e.status).body(e.body());
        }
    }

    // ---- test controls





    /** The site's webhooks (status, failure count) and every delivery attempt. */
    @GetMapping("/webhooks")
    public Map<String, Object> webhooks(@PathVariable String site) {
        WooSite s = site(site);
        return Map.of("webhooks", webhookViews(s), "attempts", s.sender.attempts());
    }

    /** Re-activates every webhook, as a merchant does after fixing the delivery URL. */
    @PostMapping("/webhooks/activate")
    public Map<String, Object> activate(@PathVariable String site) {
        WooSite s = site(site);
        s.webhooks.forEach(w -> {
            w.status = "active";
            w.failureCount = 0;
        });
        return webhooks(site);
    }

    @PostMapping("/reset")
    public ResponseEntity<Object> reset(@PathVariable String site) {
        site(site);
        sandbox.reset(site);
        return ResponseEntity.noContent().build();
    }

    // ---- helpers

    private WooSite site(String name) {
        return sandbox.site(name).orElseThrow(() -> new UnknownSandboxException("no sandbox site '" + name + "'"));
    }

    private static Map<String, Object> existing(WooSite s, long id) {
        Map<String, Object> product = s.products.get(id);
        if (product == null) {
            throw new WooSite.RestError("woocommerce_rest_product_invalid_id", "Invalid ID.", 404);
        }
        return product;
    }

    private Map<String, Object> remove(WooSite s, long id, boolean force) {
        Map<String, Object> product = existing(s, id);
        if (force) {
            s.products.remove(id);
        } else {
            product = s.write(product, Map.of("status", "trash"));
            s.products.put(id, product);
        }
        sandbox.fire(s, "product.deleted", id);
        return product;
    }

    private static Map<String, Object> requireJson(Map<String, Object> in) {
        if (in == null) {
            throw new WooSite.RestError("rest_invalid_json", "Invalid JSON body passed.", 400);
        }
        return in;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> each(List<?> items, java.util.function.Function<Map<String, Object>, Map<String, Object>> action) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : items) {
            Map<String, Object> in = item instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            try {
                out.add(action.apply(in));
            } catch (WooSite.RestError e) {
                out.add(Map.of("id", in.getOrDefault("id", 0), "error", e.body()));
            }
        }
        return out;
    }

    private static List<?> list(Object raw) {
        return raw instanceof List<?> l ? l : List.of();
    }

    private static int intParam(Map<String, String> params, String name, int fallback, int min, int max) {
        String raw = params.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new WooSite.RestError("rest_invalid_param", "Invalid parameter(s): " + name + " (" + name
                + " must be between " + min + " (inclusive) and " + max + " (inclusive))", 400);
    }

    private static LocalDateTime dateParam(String raw, String name) {
        if (raw == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(raw);
            } catch (DateTimeParseException e2) {
                throw new WooSite.RestError("rest_invalid_param", "Invalid parameter(s): " + name
                        + " (Invalid date.)", 400);
            }
        }
    }

    private static Comparator<Map<String, Object>> order(String orderBy, boolean ascending) {
        Comparator<Map<String, Object>> byId = Comparator.comparingLong(p -> (Long) p.get("id"));
        Comparator<Map<String, Object>> comparator = switch (orderBy) {
            case "id" -> byId;
            case "modified" -> Comparator.<Map<String, Object>, String>comparing(p -> (String) p.get("date_modified_gmt")).thenComparing(byId);
            case "date" -> Comparator.<Map<String, Object>, String>comparing(p -> (String) p.get("date_created_gmt")).thenComparing(byId);
            default -> throw new WooSite.RestError("rest_invalid_param", "Invalid parameter(s): orderby", 400);
        };
        return ascending ? comparator : comparator.reversed();
    }

    private List<Map<String, Object>> webhookViews(WooSite s) {
        List<Map<String, Object>> out = new ArrayList<>();
        s.webhooks.forEach(w -> out.add(webhookView(w)));
        return out;
    }

    private static Map<String, Object> webhookView(WooSite.Webhook w) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", w.id);
        view.put("name", w.name);
        view.put("topic", w.topic);
        view.put("resource", w.topic.substring(0, w.topic.indexOf('.')));
        view.put("event", w.topic.substring(w.topic.indexOf('.') + 1));
        view.put("delivery_url", w.deliveryUrl);
        view.put("status", w.status);
        view.put("failure_count", w.failureCount);
        return view;
    }
}
