package com.nolimits.synchub.sandbox.woocommerce;

import jakarta.servlet.http.HttpServletRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * WooCommerce's check of an OAuth 1.0a "one-legged" request (WC_REST_Authentication::
 * check_oauth_signature, the way WooCommerce takes the keys over plain HTTP): the parameters as PHP
 * decodes a query, sorted by key, each "key=value" of their rawurlencoded forms rawurlencoded again and
 * joined with %26; the base string
 * METHOD&rawurlencode(address)&parameters; HMAC-SHA1 or -SHA256 keyed "consumer_secret&"; a
 * timestamp no older than 15 minutes and a nonce used once.
 */
final class WooOAuth1 {

    private WooOAuth1() {
    }

    static boolean present(HttpServletRequest request) {
        return request.getParameter("oauth_consumer_key") != null || request.getParameter("oauth_signature") != null;
    }

    /** @return WooCommerce's error message, or null when the request is signed with the site's keys */
    static String problem(WooSite site, HttpServletRequest request) {
        Map<String, String> params = new TreeMap<>(); // strcmp order
        for (String pair : request.getQueryString() == null ? new String[0] : request.getQueryString().split("&")) {
            int eq = pair.indexOf('=');
            params.put(rawDecode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : rawDecode(pair.substring(eq + 1)));
        }
        for (String required : List.of("oauth_consumer_key", "oauth_timestamp", "oauth_nonce", "oauth_signature", "oauth_signature_method")) {
            if (params.get(required) == null || params.get(required).isEmpty()) {
                return "Missing OAuth parameter " + required;
            }
        }
        if (!same(params.get("oauth_consumer_key"), site.settings.getConsumerKey())) {
            return "Consumer key is invalid.";
        }
        String method = params.get("oauth_signature_method");
        if (!method.equals("HMAC-SHA1") && !method.equals("HMAC-SHA256")) {
            return "Invalid signature - signature method is invalid.";
        }
        String given = params.remove("oauth_signature").replace(' ', '+');
        List<String> joined = new ArrayList<>();
        params.forEach((k, v) -> joined.add(rawEncode(rawEncode(k) + "=" + rawEncode(v))));
        String address = request.getRequestURL().toString();
        String toSign = request.getMethod().toUpperCase() + "&" + rawEncode(address) + "&" + String.join("%26", joined);
        String algorithm = method.equals("HMAC-SHA1") ? "HmacSHA1" : "HmacSHA256";
        String expected;
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec((site.settings.getConsumerSecret() + "&").getBytes(StandardCharsets.UTF_8), algorithm));
            expected = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (!same(expected, given)) {
            return "Invalid signature - provided signature does not match.";
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(params.get("oauth_timestamp"));
        } catch (NumberFormatException e) {
            return "Invalid timestamp.";
        }
        if (timestamp < Instant.now().getEpochSecond() - 15 * 60) {
            return "Invalid timestamp.";
        }
        if (!site.spendNonce(params.get("oauth_nonce"), timestamp)) {
            return "Invalid nonce - nonce has already been used.";
        }
        return null;
    }

    /** PHP's rawurlencode. */
    private static String rawEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    /** As PHP fills $_GET: "+" is a space (the signature's spaces are turned back into "+"). */
    private static String rawDecode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
