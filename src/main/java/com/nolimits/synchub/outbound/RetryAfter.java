package com.nolimits.synchub.outbound;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A platform's {@code Retry-After} header as HTTP defines it (RFC 9110, 10.2.3): whole seconds, or an
 * HTTP-date. Anything else ("1.5", text) is no instruction, and the hub's own backoff applies. Reading
 * it never fails: whether a failure is transient depends on the status alone.
 */
public final class RetryAfter {

    /** Far enough for any platform; a header asking for longer is capped, not obeyed for days. */
    static final long MAX_SECONDS = 24 * 3600;

    private RetryAfter() {
    }

    /** Seconds to wait from {@code now}; 0 when the header is missing or not of HTTP's forms. */
    public static long seconds(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            return value.length() > 6 ? MAX_SECONDS : Math.min(Long.parseLong(value), MAX_SECONDS);
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            long seconds = (long) Math.ceil(Duration.between(now, at).toMillis() / 1000.0);
            return Math.max(0, Math.min(seconds, MAX_SECONDS));
        } catch (DateTimeParseException notADate) {
            return 0;
        }
    }
}
