package com.nolimits.synchub.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** Every refused or failed management API request: the status code says what kind, the error what is wrong. */
@Schema(description = "A refused or failed request: 400 a wrong field or parameter (named), 401 no or wrong credentials, "
        + "403 another client's data, 404 no such product or endpoint, 409 a duplicate sku or nothing to resolve, "
        + "413 a body over the limit, 429 too many wrong credentials, 502 a platform refused, 503 the database is down")
public record ApiError(@Schema(description = "always false here", example = "false") boolean success,
                       @Schema(description = "what is wrong, in words", example = "sku is required: ?sku=<the product's sku>")
                       String error) {
}
