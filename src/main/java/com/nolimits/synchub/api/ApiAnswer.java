package com.nolimits.synchub.api;

import io.swagger.v3.oas.annotations.media.Schema;

/** A successful management API answer: {@code {"success": true, "data": ...}}. */
public record ApiAnswer<T>(@Schema(description = "always true here", example = "true") boolean success,
                           @Schema(description = "what was asked for") T data) {

    static <T> ApiAnswer<T> of(T data) {
        return new ApiAnswer<>(true, data);
    }
}
