package com.nolimits.synchub.security;

import com.nolimits.synchub.channel.SyncProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Seals secrets the hub keeps in its database (JTL-FFN's OAuth tokens) with AES-256-GCM under the key in
 * SYNC_SECRETS_KEY (base64 of 32 random bytes: {@code openssl rand -base64 32}). Each value is bound to
 * what it belongs to (the channel id, as associated data), so a sealed token copied to another channel's
 * row does not open. Without a key nothing is sealed: the hub refuses to keep tokens rather than keep
 * them readable. The sandbox profile makes a key up for the run.
 */
@Component
public class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    /** Sealed values start with this, then base64 of IV and ciphertext with its tag. */
    static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** No SYNC_SECRETS_KEY: the hub cannot keep a token. */
    public static class MissingKeyException extends IllegalStateException {
        public MissingKeyException() {
            super("SYNC_SECRETS_KEY is not set: the hub keeps no tokens it cannot encrypt. "
                    + "Create a key with 'openssl rand -base64 32', set SYNC_SECRETS_KEY and restart the hub");
        }
    }

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    public SecretBox(SyncProperties properties) {
        this(properties.getSecrets().getKey(), properties.getSecrets().isMakeUpKey());
    }

    public SecretBox(String configured, boolean makeUpKey) {
        if (configured != null && !configured.isBlank()) {
            key = new SecretKeySpec(decodeKey(configured.trim()), "AES");
        } else if (makeUpKey) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            key = new SecretKeySpec(bytes, "AES");
            log.info("No SYNC_SECRETS_KEY: made one up for this run (sync.secrets.make-up-key); tokens kept by "
                    + "earlier runs cannot be read and are asked for again");
        } else {
            key = null;
        }
    }

    public static SecretBox withKey(String base64Key) {
        return new SecretBox(base64Key, false);
    }

    /** Whether a stored value was sealed (by any key), rather than kept in the clear by an earlier version. */
    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    public boolean hasKey() {
        return key != null;
    }

    /** @throws MissingKeyException without a key */
    public String seal(String plaintext, String boundTo) {
        if (key == null) {
            throw new MissingKeyException();
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /**
     * @return the plaintext, or empty when the value does not open with this key (another key, another
     * owner, altered, or no key at all)
     */
    public Optional<String> open(String sealed, String boundTo) {
        if (key == null || sealed == null || !sealed.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
            return Optional.of(new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The key's text is never part of a message: it could be half a real key with a typo. */
    private static byte[] decodeKey(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SYNC_SECRETS_KEY is not base64: create one with 'openssl rand -base64 32'");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("SYNC_SECRETS_KEY holds " + bytes.length + " bytes, AES-256 needs 32: "
                    + "create one with 'openssl rand -base64 32'");
        }
        return bytes;
    }
}
