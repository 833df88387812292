package com.nolimits.synchub.sandbox.jtl;

import com.nolimits.synchub.sandbox.SandboxProperties;
import com.nolimits.synchub.sandbox.common.Faults;
import com.nolimits.synchub.sandbox.common.Journal;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One sandbox JTL-FFN merchant account: products, stock per warehouse with ascending stock versions,
 * the change feeds the hub polls, and OAuth2 tokens (refresh tokens are single-use).
 */
public class JtlMerchant {

    static final String JFSKU_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    static final List<String> LEVELS = List.of("stockLevel", "stockLevelReserved", "stockLevelBlocked", "stockLevelAnnounced");

    final String name;
    final SandboxProperties.Merchant settings;
    final Faults faults = new Faults();
    final Journal journal = new Journal();
    final Map<String, Map<String, Object>> products = new LinkedHashMap<>();
    /** jfsku -> warehouseId -> level name -> quantity */
    final Map<String, Map<String, Map<String, BigDecimal>>> stock = new LinkedHashMap<>();
    final Map<String, Long> stockVersions = new LinkedHashMap<>();
    final List<Map<String, Object>> stockChanges = new ArrayList<>();
    final List<Map<String, Object>> productChanges = new ArrayList<>();
    final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    /** The app's client secret: the configured one, until the merchant regenerates it (PUT /client). */
    volatile String clientSecret;
    final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    JtlMerchant(String name, SandboxProperties.Merchant settings) {
        this.name = name;
        this.settings = settings;
        this.clientSecret = settings.getClientSecret();
        if (settings.getRefreshToken() != null && !settings.getRefreshToken().isBlank()) {
            refreshTokens.add(settings.getRefreshToken());
        }
    }

    String newJfsku() {
        StringBuilder sb = new StringBuilder(11);
        for (int i = 0; i < 11; i++) {
            sb.append(JFSKU_CHARS.charAt(random.nextInt(JFSKU_CHARS.length())));
        }
        return products.containsKey(sb.toString()) ? newJfsku() : sb.toString();
    }

    String newToken(String prefix) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return prefix + java.util.HexFormat.of().formatHex(bytes);
    }

    /** A token answer; the refresh token just used is gone, the new one is the only one that works. */
    Map<String, Object> issueTokens() {
        String access = newToken("at_");
        String refresh = newToken("rt_");
        accessTokens.put(access, Instant.now().plusSeconds(settings.getAccessTokenTtlSeconds()));
        refreshTokens.add(refresh);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token_type", "Bearer");
        answer.put("expires_in", settings.getAccessTokenTtlSeconds());
        answer.put("access_token", access);
        answer.put("refresh_token", refresh);
        answer.put("scope", "ffn.merchant.read ffn.merchant.write");
        return answer;
    }

    /** An authorization code the merchant's "Allow" made: single-use, for one redirect_uri, one minute long. */
    record AuthorizationCode(String redirectUri, Instant expires) {
    }

    final Map<String, AuthorizationCode> codes = new ConcurrentHashMap<>();

    String newCode(String redirectUri) {
        String code = newToken("code_");
        codes.put(code, new AuthorizationCode(redirectUri, Instant.now().plusSeconds(60)));
        return code;
    }

    boolean spendCode(String code, String redirectUri) {
        AuthorizationCode issued = code == null ? null : codes.remove(code);
        return issued != null && issued.redirectUri().equals(redirectUri) && Instant.now().isBefore(issued.expires());
    }

    boolean validAccessToken(String token) {
        Instant expiry = token == null ? null : accessTokens.get(token);
        return expiry != null && Instant.now().isBefore(expiry);
    }

    Map<String, Object> findBySku(String merchantSku) {
        return products.values().stream().filter(p -> merchantSku.equals(p.get("merchantSku"))).findFirst().orElse(null);
    }

    void recordProductChange(Map<String, Object> product, String changeType) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("jfsku", product.get("jfsku"));
        change.put("merchantSku", product.get("merchantSku"));
        change.put("changeType", changeType);
        change.put("timestamp", Instant.now().toString());
        change.put("product", deepCopy(product));
        productChanges.add(change);
    }

    /** Sets stock levels in one warehouse; records a stock change with the next stockVersion. */
    Map<String, Object> changeStock(String jfsku, String warehouseId, Map<String, BigDecimal> levels, String changeType) {
        Map<String, BigDecimal> current = stock.computeIfAbsent(jfsku, k -> new LinkedHashMap<>())
                .computeIfAbsent(warehouseId, k -> zeroLevels());
        current.putAll(levels);
        long version = stockVersions.merge(warehouseId + "/" + jfsku, 1L, Long::sum);
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("stockChangeId", Map.of("warehouseId", warehouseId, "jfsku", jfsku, "stockVersion", version));
        change.put("merchantSku", products.get(jfsku).get("merchantSku"));
        change.put("changeType", changeType);
        LEVELS.forEach(level -> change.put(level, current.get(level)));
        change.put("timestamp", Instant.now().toString());
        stockChanges.add(change);
        return change;
    }

    static Map<String, BigDecimal> zeroLevels() {
        Map<String, BigDecimal> levels = new LinkedHashMap<>();
        LEVELS.forEach(level -> levels.put(level, BigDecimal.ZERO));
        return levels;
    }

    /** Total stock of a product over its warehouses, with the per-warehouse breakdown. */
    Map<String, Object> stockView(String jfsku) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("jfsku", jfsku);
        view.put("merchantSku", products.get(jfsku).get("merchantSku"));
        Map<String, BigDecimal> totals = zeroLevels();
        List<Map<String, Object>> warehouses = new ArrayList<>();
        stock.getOrDefault(jfsku, Map.of()).forEach((warehouse, levels) -> {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("warehouseId", warehouse);
            levels.forEach((level, quantity) -> {
                w.put(level, quantity);
                totals.merge(level, quantity, BigDecimal::add);
            });
            warehouses.add(w);
        });
        view.putAll(totals);
        view.put("warehouses", warehouses);
        return view;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v));
        return out;
    }
}
