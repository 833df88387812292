package com.nolimits.synchub.sandbox.jtl;

import com.nolimits.synchub.sandbox.common.ApiCall;
import com.nolimits.synchub.sandbox.common.SandboxJson;
import com.nolimits.synchub.sandbox.common.UnknownSandboxException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The JTL-FFN sandbox over HTTP: the OAuth2 token endpoint, the merchant API under
 * /sandbox/jtl/{merchant}/api/v1/merchant/..., and the warehouse-admin and test endpoints.
 */
@RestController
@Profile("sandbox")
@RequestMapping("/sandbox/jtl/{merchant}")
public class JtlSandboxController {

    private static final String API = "/api/v1/merchant";
    private static final Set<String> PRODUCT_FIELDS = Set.of("merchantSku", "name", "description", "manufacturer",
            "originCountry", "weight", "netWeight", "dimensions", "identifier", "specifications", "note", "attributes");

    private final JtlSandbox sandbox;

    public JtlSandboxController(JtlSandbox sandbox) {
        this.sandbox = sandbox;
    }

    // ---- OAuth2

    /**
     * The authorize page: the merchant, logged in at JTL, allows (or denies) the app that asks. A real
     * JTL login is not simulated; the page names the app and the scopes and has the two buttons.
     */
    @GetMapping(path = "/oauth2/authorize", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> authorizePage(@PathVariable String merchant, @RequestParam MultiValueMap<String, String> query) {
        JtlMerchant m = merchant(merchant);
        String problem = authorizeProblem(m, query);
        if (problem != null) {
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_HTML)
                    .body("<!doctype html><title>JTL-FFN sandbox</title><h1>Cannot authorize</h1><p>" + html(problem) + "</p>");
        }
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("client_id", "redirect_uri", "state", "scope")) {
            hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                    .append(html(String.valueOf(query.getFirst(name) == null ? "" : query.getFirst(name)))).append("\">");
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body("""
                <!doctype html><html><head><meta charset="utf-8"><title>JTL-FFN sandbox: allow access</title></head>
                <body><h1>Allow access to your fulfillment account?</h1>
                <p>The app <b>%s</b> asks for: %s (merchant %s)</p>
                <form method="post">%s
                <button type="submit" name="decision" value="allow" id="allow">Allow</button>
                <button type="submit" name="decision" value="deny" id="deny">Deny</button>
                </form></body></html>""".formatted(html(query.getFirst("client_id")), html(String.valueOf(query.getFirst("scope"))),
                html(merchant), hidden));
    }

    /** The merchant's decision: back to the app's redirect_uri with a code, or with error=access_denied. */
    @PostMapping(path = "/oauth2/authorize", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<String> authorize(@PathVariable String merchant, @RequestParam MultiValueMap<String, String> form) {
        JtlMerchant m = merchant(merchant);
        String problem = authorizeProblem(m, form);
        if (problem != null) {
            return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(problem);
        }
        String redirectUri = form.getFirst("redirect_uri");
        String state = form.getFirst("state") == null ? "" : "&state=" + URLEncoder.encode(form.getFirst("state"), StandardCharsets.UTF_8);
        String answer = "allow".equals(form.getFirst("decision"))
                ? "code=" + URLEncoder.encode(m.newCode(redirectUri), StandardCharsets.UTF_8) : "error=access_denied";
        m.journal.record("POST", "/oauth2/authorize", null, "authorize", Map.of("decision", String.valueOf(form.getFirst("decision"))), 302);
        return ResponseEntity.status(302).header("Location", redirectUri + (redirectUri.contains("?") ? "&" : "?") + answer + state).build();
    }

    private static String authorizeProblem(JtlMerchant m, MultiValueMap<String, String> params) {
        if (!"code".equals(params.getFirst("response_type")) && params.getFirst("decision") == null) {
            return "response_type must be code";
        }
        if (!same(params.getFirst("client_id"), m.settings.getClientId())) {
            return "unknown client_id";
        }
        String redirectUri = params.getFirst("redirect_uri");
        if (redirectUri == null || !(redirectUri.startsWith("https://") || redirectUri.startsWith("http://"))) {
            return "redirect_uri must be an absolute http(s) address";
        }
        return null;
    }

    private static String html(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * grant_type=authorization_code (a code from the authorize page, for the same redirect_uri) and
     * grant_type=refresh_token: a refresh token works once; the answer carries the next one. The client
     * authenticates with HTTP Basic, as JTL documents; client credentials in the form body are refused.
     */
    @PostMapping(path = "/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<Object> token(@PathVariable String merchant, @RequestParam MultiValueMap<String, String> form,
                                        HttpServletRequest request) {
        JtlMerchant m = merchant(merchant);
        String basic = request.getHeader("Authorization");
        boolean basicAuth = basic != null && basic.startsWith("Basic ");
        Map<String, Object> call = new java.util.LinkedHashMap<>();
        call.put("grant_type", String.valueOf(form.getFirst("grant_type")));
        call.put("clientAuthentication", basicAuth ? "basic" : form.containsKey("client_id") ? "body" : "none");
        return ApiCall.serve(m.faults, m.journal, request, "token", call, faultAnswers(), () -> {
            if (form.containsKey("client_id") || form.containsKey("client_secret") || !basicAuth) {
                return ResponseEntity.status(401).body(Map.of("error", "invalid_client",
                        "error_description", "Client authentication failed: send the client id and secret with HTTP Basic"));
            }
            String decoded = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
            String clientId = java.net.URLDecoder.decode(decoded.substring(0, Math.max(0, decoded.indexOf(':'))), StandardCharsets.UTF_8);
            String clientSecret = java.net.URLDecoder.decode(decoded.substring(decoded.indexOf(':') + 1), StandardCharsets.UTF_8);
            if (!same(clientId, m.settings.getClientId()) || !same(clientSecret, m.clientSecret)) {
                return ResponseEntity.status(401).body(Map.of("error", "invalid_client",
                        "error_description", "Client authentication failed"));
            }
            if ("authorization_code".equals(form.getFirst("grant_type"))) {
                if (!m.spendCode(form.getFirst("code"), String.valueOf(form.getFirst("redirect_uri")))) {
                    return ResponseEntity.badRequest().body(Map.of("error", "invalid_grant",
                            "error_description", "The authorization code is invalid, expired, used or for another redirect_uri"));
                }
                return ResponseEntity.ok(m.issueTokens());
            }
            if (!"refresh_token".equals(form.getFirst("grant_type"))) {
                return ResponseEntity.badRequest().body(Map.of("error", "unsupported_grant_type",
                        "error_description", "grant_type must be authorization_code or refresh_token"));
            }
            String refresh = form.getFirst("refresh_token");
            if (refresh == null || !m.refreshTokens.remove(refresh)) {
                return ResponseEntity.badRequest().body(Map.of("error", "invalid_grant",
                        "error_description", "The refresh token is invalid, expired or already used"));
            }
            return ResponseEntity.ok(m.issueTokens());
        });
    }

    // ---- merchant API

    @PostMapping(API + "/products")
    public ResponseEntity<Object> createProduct(@PathVariable String merchant, @RequestBody(required = false) String body,
                                                HttpServletRequest request) {
        JtlMerchant m = merchant(merchant);
        Map<String, Object> in = SandboxJson.object(body == null ? "" : body);
        return api(m, request, "create product", in, () -> {
            synchronized (m) {
                Map<String, Object> json = requireJson(in);
                if (!(json.get("merchantSku") instanceof String sku) || sku.isBlank()) {
                    throw new JtlError(400, "ValidationError", "merchantSku is required");
                }
                if (!(json.get("name") instanceof String name) || name.isBlank()) {
                    throw new JtlError(400, "ValidationError", "name is required");
                }
                if (m.findBySku(sku) != null) {
                    throw new JtlError(409, "ProductAlreadyExists", "A product with merchantSku " + sku + " already exists");
                }
                Map<String, Object> product = new LinkedHashMap<>();
                String jfsku = m.newJfsku();
                product.put("jfsku", jfsku);
                apply(product, json);
                String now = Instant.now().toString();
                product.put("modificationInfo", new LinkedHashMap<>(Map.of("createdAt", now, "updatedAt", now, "state", "Created")));
                m.products.put(jfsku, product);
                m.recordProductChange(product, "Created");
                return ResponseEntity.status(201).body(product);
            }
        });
    }

    @PatchMapping(API + "/products/{jfsku}")
    public ResponseEntity<Object> patchProduct(@PathVariable String merchant, @PathVariable String jfsku,
                                               @RequestBody(required = false) String body, HttpServletRequest request) {
        JtlMerchant m = merchant(merchant);
        Map<String, Object> in = SandboxJson.object(body == null ? "" : body);
        return api(m, request, "update product", in, () -> {
            synchronized (m) {
                Map<String, Object> product = existing(m, jfsku);
                Map<String, Object> json = requireJson(in);
                if (json.get("merchantSku") instanceof String sku && m.findBySku(sku) != null
                        && m.findBySku(sku) != product) {
                    throw new JtlError(409, "ProductAlreadyExists", "A product with merchantSku " + sku + " already exists");
                }
                apply(product, json);
                touch(product);
                m.recordProductChange(product, "Modified");
                return ResponseEntity.noContent().build();
            }
        });
    }

    @GetMapping(API + "/products/{jfsku}")
    public ResponseEntity<Object> getProduct(@PathVariable String merchant, @PathVariable String jfsku,
                                             HttpServletRequest request) {
        JtlMerchant m = merchant(merchant);
        return api(m, request, "get product", null, () -> {
            synchronized (m) {
                return ResponseEntity.ok(existing(m, jfsku));
            }
        });
    }

    @GetMapping(API + "/products")
    public ResponseEntity<Object> listProducts(@PathVariable String merchant, @RequestParam Map<String, String> params,
                                               HttpServletRequest request) {
        JtlMerchant m = merchant(merchant);
        return api(m, request, "list products", null, () -> {
            synchronized (m) {
                List<Map<String, Object>> products = new ArrayList<>(m.products.values());
                String sku = merchantSkuFilter(params.get("$filter"));
                if (sku != null) {
                    products.removeIf(p -> !sku.equals(p.get("merchantSku")));
                }
                return ResponseEntity.ok(page(products, params));
            }
        });
    }

    /** Stock of every product (totals and per warehouse), OData paging with $top (default 50) and $skip. */
    @GetMapping(API + "/stocks")
    public ResponseEntity<Object> stocks(@PathVariable String merchant, @RequestParam Map<String, String> params,
                                         HttpServletRequest request) {
        JtlMerchant m = merchant(merchant);
        return api(m, request, "list stocks", null, () -> {
            synchronized (m) {
                List<Map<String, Object>> all = new ArrayList<>();
                m.products.keySet().forEach(jfsku -> all.add(m.stockView(jfsku)));
                return ResponseEntity.ok(page(all, params));
            }
        });
    }

    @GetMapping(API + "/stocks/updates")
    public ResponseEntity<Object> stockUpdates(@PathVariable String merchant, @RequestParam Map<String, String> params,
                                               HttpServletRequest request) {
        JtlMerchant m = merchant(merchant);
        return api(m, request, "stock updates", null, () -> {
            synchronized (m) {
                return ResponseEntity.ok(feed(m, m.stockChanges, params, request));
            }
        });
    }

    @GetMapping(API + "/products/updates")
    public ResponseEntity<Object> productUpdates(@PathVariable String merchant, @RequestParam Map<String, String> params,
                                                 HttpServletRequest request) {
        JtlMerchant m = merchant(merchant);
        return api(m, request, "product updates", null, () -> {
            synchronized (m) {
                return ResponseEntity.ok(feed(m, m.productChanges, params, request));
            }
        });
    }

    /**
     * A change feed: the changes with fromDate <= timestamp < toDate, oldest first, in chunks; while
     * moreDataAvailable, nextChunkUrl fetches the next chunk of the same window.
     */
    private static Map<String, Object> feed(JtlMerchant m, List<Map<String, Object>> changes, Map<String, String> params,
                                            HttpServletRequest request) {
        Instant from = date(params.get("fromDate"), "fromDate", null);
        Instant to = date(params.get("toDate"), "toDate", Instant.now());
        int offset = number(params.get("offset"), "offset", 0);
        List<Map<String, Object>> window = changes.stream().filter(c -> {
            Instant at = Instant.parse((String) c.get("timestamp"));
            return !at.isBefore(from) && at.isBefore(to);
        }).toList();
        int end = Math.min(window.size(), offset + m.settings.getChunkSize());
        List<Map<String, Object>> chunk = offset >= window.size() ? List.of() : window.subList(offset, end);
        boolean more = end < window.size();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", from.toString());
        out.put("to", to.toString());
        out.put("data", new ArrayList<>(chunk));
        out.put("moreDataAvailable", more);
        out.put("nextChunkUrl", more ? request.getRequestURL() + "?fromDate=" + encode(from.toString())
                + "&toDate=" + encode(to.toString()) + "&offset=" + end : null);
        return out;
    }

    private ResponseEntity<Object> api(JtlMerchant m, HttpServletRequest request, String operation, Object body,
                                       Supplier<ResponseEntity<Object>> handler) {
        return ApiCall.serve(m.faults, m.journal, request, operation, body, faultAnswers(), () -> {
            String auth = request.getHeader("Authorization");
            String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
            if (!m.validAccessToken(token)) {
                return new JtlError(401, "Unauthorized", "The access token is missing, invalid or expired").response();
            }
            try {
                return handler.get();
            } catch (JtlError e) {
                return e.response();
            }
        });
    }

    private static ApiCall.FaultAnswers faultAnswers() {
        return new ApiCall.FaultAnswers() {
            @Override
            public ResponseEntity<Object> serverError() {
                return new JtlError(500, "InternalServerError", "An unexpected error occurred").response();
            }

            @Override
            public ResponseEntity<Object> throttled(String retryAfter) {
                return ResponseEntity.status(429).header("Retry-After", retryAfter)
                        .body(new JtlError(429, "TooManyRequests", "Rate limit exceeded").body());
            }
        };
    }

    /** {"errorCode": {"code", "description"}, "errorMessages": [{"message"}]} with a status. */
    static class JtlError extends RuntimeException {
        final int status;
        final String code;

        JtlError(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }

        Map<String, Object> body() {
            return Map.of("errorCode", Map.of("code", code, "description", getMessage()),
                    "errorMessages", List.of(Map.of("message", getMessage())));
        }

        ResponseEntity<Object> response() {
            return ResponseEntity.status(status).body(body());
        }
    }

    // ---- warehouse admin: what the fulfiller's warehouse does

    @GetMapping("/warehouse/products")
    public List<Map<String, Object>> warehouseProducts(@PathVariable String merchant) {
        JtlMerchant m = merchant(merchant);
        synchronized (m) {
            return new ArrayList<>(m.products.values());
        }
    }

    @GetMapping("/warehouse/stock")
    public List<Map<String, Object>> warehouseStock(@PathVariable String merchant) {
        JtlMerchant m = merchant(merchant);
        synchronized (m) {
            List<Map<String, Object>> all = new ArrayList<>();
            m.products.keySet().forEach(jfsku -> all.add(m.stockView(jfsku)));
            return all;
        }
    }

    /**
     * Books stock as the warehouse does: {"jfsku" or "merchantSku", "warehouseId" (default the
     * merchant's), any of stockLevel, stockLevelReserved, stockLevelBlocked, stockLevelAnnounced,
     * and "changeType"}. Appears in the stock update feed with the next stockVersion.
     */
    @PostMapping("/warehouse/stock")
    public ResponseEntity<Object> bookStock(@PathVariable String merchant, @RequestBody Map<String, Object> body) {
        JtlMerchant m = merchant(merchant);
        synchronized (m) {
            try {
                String jfsku = jfskuOf(m, body);
                Map<String, BigDecimal> levels = new LinkedHashMap<>();
                for (String level : JtlMerchant.LEVELS) {
                    if (body.containsKey(level)) {
                        levels.put(level, nonNegative(body.get(level), level));
                    }
                }
                if (levels.isEmpty()) {
                    throw new JtlError(400, "ValidationError", "give at least one of " + JtlMerchant.LEVELS);
                }
                String warehouse = body.get("warehouseId") == null ? m.settings.getWarehouseId() : body.get("warehouseId").toString();
                String changeType = body.get("changeType") == null ? "Correction" : body.get("changeType").toString();
                return ResponseEntity.ok(m.changeStock(jfsku, warehouse, levels, changeType));
            } catch (JtlError e) {
                return e.response();
            }
        }
    }

    /** The warehouse changes product data, e.g. a measured weight. Appears in the product update feed. */
    @PatchMapping("/warehouse/products/{jfsku}")
    public ResponseEntity<Object> warehouseEdit(@PathVariable String merchant, @PathVariable String jfsku,
                                                @RequestBody Map<String, Object> body) {
        JtlMerchant m = merchant(merchant);
        synchronized (m) {
            try {
                Map<String, Object> product = existing(m, jfsku);
                apply(product, body);
                touch(product);
                m.recordProductChange(product, "Modified");
                return ResponseEntity.ok(product);
            } catch (JtlError e) {
                return e.response();
            }
        }
    }

    // ---- test controls





    /** How many refresh and access tokens are valid (never the tokens themselves). */
    @GetMapping("/tokens")
    public Map<String, Object> tokens(@PathVariable String merchant) {
        JtlMerchant m = merchant(merchant);
        long live = m.accessTokens.values().stream().filter(Instant.now()::isBefore).count();
        return Map.of("validRefreshTokens", m.refreshTokens.size(), "validAccessTokens", live);
    }

    /** The merchant regenerates the app's client secret in JTL's portal: {"clientSecret": "..."}; the old one is refused. */
    @PutMapping("/client")
    public ResponseEntity<Object> rotateClientSecret(@PathVariable String merchant, @RequestBody Map<String, Object> body) {
        JtlMerchant m = merchant(merchant);
        if (!(body.get("clientSecret") instanceof String secret) || secret.isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "give clientSecret as a non-empty string"));
        }
        m.clientSecret = secret;
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/reset")
    public ResponseEntity<Object> reset(@PathVariable String merchant) {
        merchant(merchant);
        sandbox.reset(merchant);
        return ResponseEntity.noContent().build();
    }

    // ---- helpers

    private JtlMerchant merchant(String name) {
        return sandbox.merchant(name).orElseThrow(() -> new UnknownSandboxException("no sandbox JTL merchant '" + name + "'"));
    }

    private static Map<String, Object> existing(JtlMerchant m, String jfsku) {
        Map<String, Object> product = m.products.get(jfsku);
        if (product == null) {
            throw new JtlError(404, "ProductNotFound", "No product with jfsku " + jfsku);
        }
        return product;
    }

    private static String jfskuOf(JtlMerchant m, Map<String, Object> body) {
        if (body.get("jfsku") instanceof String jfsku) {
            existing(m, jfsku);
            return jfsku;
        }
        if (body.get("merchantSku") instanceof String sku && m.findBySku(sku) != null) {
            return (String) m.findBySku(sku).get("jfsku");
        }
        throw new JtlError(404, "ProductNotFound", "give the jfsku or merchantSku of an existing product");
    }

    @SuppressWarnings("unchecked")
    private static void apply(Map<String, Object> product, Map<String, Object> in) {
        for (Map.Entry<String, Object> e : in.entrySet()) {
            if (!PRODUCT_FIELDS.contains(e.getKey())) {
                continue;
            }
            Object value = e.getValue();
            switch (e.getKey()) {
                case "weight", "netWeight" -> product.put(e.getKey(), value == null ? null : nonNegative(value, e.getKey()));
                case "dimensions" -> {
                    if (!(value instanceof Map<?, ?> dims)) {
                        throw new JtlError(400, "ValidationError", "dimensions must be an object of length, width, height (metres)");
                    }
                    Map<String, Object> out = new LinkedHashMap<>();
                    for (String side : List.of("length", "width", "height")) {
                        out.put(side, dims.get(side) == null ? null : nonNegative(dims.get(side), "dimensions." + side));
                    }
                    product.put("dimensions", out);
                }
                case "identifier", "specifications" -> {
                    if (value != null && !(value instanceof Map<?, ?>)) {
                        throw new JtlError(400, "ValidationError", e.getKey() + " must be an object");
                    }
                    Map<String, Object> merged = product.get(e.getKey()) instanceof Map<?, ?> old
                            ? new LinkedHashMap<>((Map<String, Object>) old) : new LinkedHashMap<>();
                    if (value != null) {
                        merged.putAll((Map<String, Object>) value);
                    }
                    product.put(e.getKey(), merged);
                }
                default -> product.put(e.getKey(), value);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void touch(Map<String, Object> product) {
        Map<String, Object> info = (Map<String, Object>) product.get("modificationInfo");
        info.put("updatedAt", Instant.now().toString());
        info.put("state", "Modified");
    }

    private static BigDecimal nonNegative(Object value, String name) {
        try {
            BigDecimal d = new BigDecimal(value.toString());
            if (d.signum() >= 0) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new JtlError(400, "ValidationError", name + " must be a number, 0 or more");
    }

    private static final java.util.regex.Pattern MERCHANT_SKU_EQ = java.util.regex.Pattern.compile("merchantSku eq '((?:[^']|'')*)'");

    /** The OData filter the hub sends, {@code merchantSku eq 'X'}; any other filter is refused as JTL would. */
    private static String merchantSkuFilter(String filter) {
        if (filter == null) {
            return null;
        }
        java.util.regex.Matcher m = MERCHANT_SKU_EQ.matcher(filter.trim());
        if (!m.matches()) {
            throw new JtlError(400, "ValidationError", "unsupported $filter: " + filter);
        }
        return m.group(1).replace("''", "'");
    }

    private static Map<String, Object> page(List<Map<String, Object>> all, Map<String, String> params) {
        int top = number(params.get("$top"), "$top", 50);
        int skip = number(params.get("$skip"), "$skip", 0);
        if (top < 1 || top > 500) {
            throw new JtlError(400, "ValidationError", "$top must be between 1 and 500");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", new ArrayList<>(all.subList(Math.min(skip, all.size()), Math.min(all.size(), skip + top))));
        out.put("totalCount", all.size());
        out.put("moreDataAvailable", skip + top < all.size());
        return out;
    }

    private static int number(String raw, String name, int fallback) {
        if (raw == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new JtlError(400, "ValidationError", name + " must be a whole number, 0 or more");
    }

    private static Instant date(String raw, String name, Instant fallback) {
        if (raw == null) {
            if (fallback == null) {
                throw new JtlError(400, "ValidationError", name + " is required (ISO 8601)");
            }
            return fallback;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw new JtlError(400, "ValidationError", name + " must be an ISO 8601 date-time");
        }
    }

    private static Map<String, Object> requireJson(Map<String, Object> in) {
        if (in == null) {
            throw new JtlError(400, "ValidationError", "the body must be a JSON object");
        }
        return in;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static boolean same(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
