package com.nolimits.synchub.ingress;

import com.nolimits.synchub.channel.SyncProperties;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/** What every webhook check shares: the raw body within its size limit, HMAC verification, hashing. */
@Component
public class WebhookRequest {

    private final long maxBodyBytes;

    public WebhookRequest(SyncProperties properties) {
        this.maxBodyBytes = properties.getWebhooks().getMaxBodySize().toBytes();
    }

    /** The body exactly as it arrived: the signature covers these bytes, never a re-serialisation. */
    public byte[] rawBody(Exchange exchange) {
        Long declared = exchange.getIn().getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > maxBodyBytes) {
            throw tooLarge();
        }
        byte[] body = exchange.getIn().getBody(byte[].class);
        if (body == null) {
            return new byte[0];
        }
        if (body.length > maxBodyBytes) {
            throw tooLarge();
        }
        return body;
    }

    private WebhookRejectedException tooLarge() {
        return new WebhookRejectedException(413, "the body is larger than " + maxBodyBytes + " bytes");
    }

    /** Base64 HMAC-SHA256 of the raw body with the channel's secret, compared in constant time. */
    public void verify(String secret, byte[] body, String signature, String what) {
        if (signature == null || signature.isBlank()) {
            throw new WebhookRejectedException(401, "missing " + what + " signature");
        }
        if (secret == null || secret.isBlank()) {
            throw new WebhookRejectedException(401, "the channel has no webhook secret configured");
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            expected = Base64.getEncoder().encode(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8))) {
            throw new WebhookRejectedException(401, "invalid " + what + " signature");
        }
    }

    /**
     * The dedup key as stored: a key made of long platform values (an event id of any length) is kept
     * to its start and the SHA-256 of the whole, so it always fits the repository's column and stays unique.
     */
    public static String dedupKey(String key) {
        return key.length() <= MAX_DEDUP_KEY ? key
                : key.substring(0, 100) + "#sha256:" + sha256(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static final int MAX_DEDUP_KEY = 200;

    public static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
