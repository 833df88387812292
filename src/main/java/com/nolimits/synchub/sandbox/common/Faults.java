package com.nolimits.synchub.sandbox.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults a sandbox injects, set at run time through its admin endpoint
 * ({@code PUT /sandbox/{platform}/{shop}/faults}). Rates are shares from 0 to 1.
 */
public class Faults {

    /** What to do with one API call. */
    public enum ApiFault { NONE, ERROR, TIMEOUT, THROTTLE, LOST_ANSWER }

    private double errorRate;
    private double timeoutRate;
    private long latencyMs;
    private long timeoutMs = 30_000;
    private final AtomicInteger throttleNext = new AtomicInteger();
    private final AtomicInteger lostAnswerNext = new AtomicInteger();
    private String retryAfter = "2";
    private double dropWebhookRate;
    private double duplicateWebhookRate;
    private long webhookDelayMs;
    private long reorderWindowMs;
    private final Random random = new Random();

    public synchronized ApiFault nextApiCall() {
        if (throttleNext.get() > 0 && throttleNext.getAndDecrement() > 0) {
            return ApiFault.THROTTLE;
        }
        if (lostAnswerNext.get() > 0 && lostAnswerNext.getAndDecrement() > 0) {
            return ApiFault.LOST_ANSWER;
        }
        double roll = random.nextDouble();
        if (roll < errorRate) {
            return ApiFault.ERROR;
        }
        if (roll < errorRate + timeoutRate) {
            return ApiFault.TIMEOUT;
        }
        return ApiFault.NONE;
    }

    public synchronized boolean dropWebhook() {
        return random.nextDouble() < dropWebhookRate;
    }

    public synchronized boolean duplicateWebhook() {
        return random.nextDouble() < duplicateWebhookRate;
    }

    /** Delay before a webhook goes out: the fixed delay plus a random share of the reorder window. */
    public synchronized long webhookDelayMs() {
        long jitter = reorderWindowMs > 0 ? (long) (random.nextDouble() * reorderWindowMs) : 0;
        return webhookDelayMs + jitter;
    }

    public synchronized long latencyMs() {
        return latencyMs;
    }

    public synchronized long timeoutMs() {
        return timeoutMs;
    }

    /** The Retry-After header of a throttled answer: seconds, or any text (an HTTP-date, "1.5") to try a client with. */
    public synchronized String retryAfter() {
        return retryAfter;
    }

    /**
     * Applies the settings given (others keep their value). Keys: errorRate, timeoutRate, latencyMs,
     * timeoutMs, throttleNext, lostAnswerNext, retryAfterSeconds (or retryAfter: the header's text as is), dropWebhookRate, duplicateWebhookRate,
     * webhookDelayMs, reorderWindowMs, seed. {@code reset: true} clears everything first.
     */
    public synchronized Map<String, Object> apply(Map<String, Object> settings) {
        if (Boolean.TRUE.equals(settings.get("reset"))) {
            errorRate = timeoutRate = dropWebhookRate = duplicateWebhookRate = 0;
            latencyMs = webhookDelayMs = reorderWindowMs = 0;
            timeoutMs = 30_000;
            retryAfter = "2";
            throttleNext.set(0);
            lostAnswerNext.set(0);
        }
        for (Map.Entry<String, Object> e : settings.entrySet()) {
            switch (e.getKey()) {
                case "reset" -> { }
                case "errorRate" -> errorRate = rate(e);
                case "timeoutRate" -> timeoutRate = rate(e);
                case "dropWebhookRate" -> dropWebhookRate = rate(e);
                case "duplicateWebhookRate" -> duplicateWebhookRate = rate(e);
                case "latencyMs" -> latencyMs = whole(e);
                case "timeoutMs" -> timeoutMs = whole(e);
                case "webhookDelayMs" -> webhookDelayMs = whole(e);
                case "reorderWindowMs" -> reorderWindowMs = whole(e);
                case "throttleNext" -> throttleNext.set((int) whole(e));
                case "lostAnswerNext" -> lostAnswerNext.set((int) whole(e));
                case "retryAfterSeconds" -> retryAfter = String.valueOf(whole(e));
                case "retryAfter" -> retryAfter = String.valueOf(e.getValue());
                case "seed" -> random.setSeed(whole(e));
                default -> throw new IllegalArgumentException("unknown fault setting '" + e.getKey() + "'");
            }
        }
        return view();
    }

    public synchronized Map<String, Object> view() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("errorRate", errorRate);
        out.put("timeoutRate", timeoutRate);
        out.put("latencyMs", latencyMs);
        out.put("timeoutMs", timeoutMs);
        out.put("throttleNext", throttleNext.get());
        out.put("lostAnswerNext", lostAnswerNext.get());
        out.put("retryAfter", retryAfter);
        out.put("dropWebhookRate", dropWebhookRate);
        out.put("duplicateWebhookRate", duplicateWebhookRate);
        out.put("webhookDelayMs", webhookDelayMs);
        out.put("reorderWindowMs", reorderWindowMs);
        return out;
    }

    private static double rate(Map.Entry<String, Object> e) {
        if (e.getValue() instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException(e.getKey() + " must be a number from 0 to 1");
    }

    private static long whole(Map.Entry<String, Object> e) {
        if (e.getValue() instanceof Number n && n.longValue() >= 0) {
            return n.longValue();
        }
        throw new IllegalArgumentException(e.getKey() + " must be a whole number, 0 or more");
    }
}
