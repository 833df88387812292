package com.nolimits.synchub.platform.woocommerce;

import com.nolimits.synchub.channel.ChannelSettings;
import org.apache.camel.Exchange;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How WooCommerce takes the REST API keys: over HTTPS as HTTP Basic; over plain HTTP only as an OAuth
 * 1.0a "one-legged" signature in the query (oauth_consumer_key, oauth_timestamp, oauth_nonce,
 * oauth_signature_method HMAC-SHA256, oauth_signature over the method, the address and every query
 * parameter, keyed with the consumer secret and "&"), since Basic credentials would travel readable.
 * Applied to a request whose method and address (Exchange.HTTP_METHOD, HTTP_URI) are set.
 */
final class WooAuthentication {

    private static final SecureRandom RANDOM = new SecureRandom();

    private WooAuthentication() {
    }

    static void authenticate(Exchange exchange, ChannelSettings channel) {
        String url = exchange.getIn().getHeader(Exchange.HTTP_URI, String.class);
        if (url.startsWith("https://")) {
            exchange.getIn().setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (channel.getConsumerKey() + ":" + channel.getConsumerSecret()).getBytes(StandardCharsets.UTF_8)));
            return;
        }
        exchange.getIn().removeHeader("Authorization");
        String method = exchange.getIn().getHeader(Exchange.HTTP_METHOD, "GET", String.class);
        exchange.getIn().setHeader(Exchange.HTTP_URI, signed(method, url, channel.getConsumerKey(), channel.getConsumerSecret(),
                Clock.systemUTC().instant().getEpochSecond(), nonce()));
    }

    /** The address with the OAuth 1.0a parameters and signature added to its query. */
    static String signed(String method, String url, String consumerKey, String consumerSecret, long timestamp, String nonce) {
        URI uri = URI.create(url);
        String base = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        Map<String, String> parameters = new TreeMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                parameters.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        parameters.put("oauth_consumer_key", consumerKey);
        parameters.put("oauth_nonce", nonce);
        parameters.put("oauth_signature_method", "HMAC-SHA256");
        parameters.put("oauth_timestamp", String.valueOf(timestamp));
        parameters.put("oauth_version", "1.0");
        List<String> pairs = new ArrayList<>();
        parameters.forEach((k, v) -> pairs.add(encode(k) + "=" + encode(v)));
        String normalized = String.join("&", pairs);
        String signatureBase = method.toUpperCase() + "&" + encode(base) + "&" + encode(normalized);
        return base + "?" + normalized + "&oauth_signature=" + encode(hmacSha256(consumerSecret + "&", signatureBase));
    }

    private static String hmacSha256(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** RFC 3986 percent-encoding, as OAuth 1.0a wants it (space is %20, ~ stays). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
