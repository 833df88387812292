package com.nolimits.synchub.platform.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.nolimits.synchub.outbound.PushFailedException;

import java.util.ArrayList;
import java.util.List;

/**
 * Shopify's GraphQL answers carry their errors in an HTTP 200: top-level {@code errors} (THROTTLED is
 * worth a retry once the bucket refilled; anything else is a request the shop will never take) and
 * each mutation's {@code userErrors} (the shop refused the values: permanent).
 */
final class ShopifyGraphqlErrors {

    static final String STALE = "CHANGE_FROM_QUANTITY_STALE";

    private ShopifyGraphqlErrors() {
    }

    static void failOnErrors(JsonNode answer) {
        JsonNode errors = answer.path("errors");
        if (!errors.isArray() || errors.isEmpty()) {
            return;
        }
        for (JsonNode error : errors) {
            if ("THROTTLED".equals(error.path("extensions").path("code").asText())) {
                throw PushFailedException.throttled("Shopify throttled the call (THROTTLED)", secondsUntilRefilled(answer));
            }
        }
        throw PushFailedException.permanent("Shopify refused the request: " + messages(errors));
    }

    static void failOnUserErrors(String mutation, JsonNode userErrors) {
        if (userErrors.isArray() && !userErrors.isEmpty()) {
            throw PushFailedException.permanent("Shopify " + mutation + " userErrors: " + messages(userErrors));
        }
    }

    /** From throttleStatus: how long until the bucket holds the requested cost again. */
    private static long secondsUntilRefilled(JsonNode answer) {
        JsonNode cost = answer.path("extensions").path("cost");
        JsonNode status = cost.path("throttleStatus");
        double rate = status.path("restoreRate").asDouble(0);
        if (rate <= 0) {
            return 0;
        }
        double missing = cost.path("requestedQueryCost").asDouble(0) - status.path("currentlyAvailable").asDouble(0);
        return Math.max(1, (long) Math.ceil(missing / rate));
    }

    private static String messages(JsonNode errors) {
        List<String> out = new ArrayList<>();
        for (JsonNode error : errors) {
            String field = error.path("field").isArray() ? String.join(".", texts(error.path("field"))) : "";
            String code = error.path("code").asText("");
            out.add((field.isEmpty() ? "" : field + ": ") + error.path("message").asText() + (code.isEmpty() ? "" : " (" + code + ")"));
        }
        return String.join("; ", out);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    static String brief(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) : body;
    }
}
