package com.nolimits.synchub.sandbox.common;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;

import java.util.function.Supplier;

/**
 * Serves one API call of the hub the way every sandbox does: injected latency and faults first, then
 * the handler, and the call recorded in the journal with the status it got.
 */
public final class ApiCall {

    /** A platform's own answers to injected faults (its error body, its way of throttling). */
    public interface FaultAnswers {
        ResponseEntity<Object> serverError();

        ResponseEntity<Object> throttled(String retryAfter);
    }

    private ApiCall() {
    }

    public static ResponseEntity<Object> serve(Faults faults, Journal journal, HttpServletRequest request,
                                               String operation, Object body, FaultAnswers answers,
                                               Supplier<ResponseEntity<Object>> handler) {
        sleep(faults.latencyMs());
        ResponseEntity<Object> response = switch (faults.nextApiCall()) {
            case ERROR -> answers.serverError();
            case THROTTLE -> answers.throttled(faults.retryAfter());
            case TIMEOUT -> {
                sleep(faults.timeoutMs()); // the hub's client gives up long before
                yield ResponseEntity.status(504).build();
            }
            case LOST_ANSWER -> { // the platform applies the call, but its answer never reaches the caller
                handler.get();
                yield ResponseEntity.status(504).build();
            }
            case NONE -> handler.get();
        };
        journal.record(request.getMethod(), request.getRequestURI(), withoutCredentials(request.getQueryString()), operation, body,
                response.getStatusCode().value(), errorCode(response.getBody()));
        return response;
    }

    /** The first {@code errors[].extensions.code} of a GraphQL answer (THROTTLED), or null. */
    static String errorCode(Object answer) {
        if (answer instanceof java.util.Map<?, ?> map && map.get("errors") instanceof java.util.List<?> errors) {
            for (Object error : errors) {
                if (error instanceof java.util.Map<?, ?> e && e.get("extensions") instanceof java.util.Map<?, ?> ext
                        && ext.get("code") != null) {
                    return ext.get("code").toString();
                }
            }
        }
        return null;
    }

    /** The query as the journal shows it: never keys, secrets or signatures (WooCommerce takes them there). */
    public static String withoutCredentials(String query) {
        if (query == null) {
            return null;
        }
        String kept = java.util.Arrays.stream(query.split("&"))
                .filter(p -> !p.startsWith("oauth_") && !p.startsWith("consumer_key=") && !p.startsWith("consumer_secret="))
                .collect(java.util.stream.Collectors.joining("&"));
        return kept.isEmpty() ? null : kept;
    }

    private static void sleep(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
