package com.nolimits.synchub.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.LinkedHashMap;
import java.util.Map;

/** The management API's envelope: {"success": true, "data": ...} and {"success": false, "error": "..."}. */
public final class ApiResponses {

    private ApiResponses() {
    }

    public static ResponseEntity<Map<String, Object>> ok(Object data) {
        return status(HttpStatus.OK, data);
    }

    public static ResponseEntity<Map<String, Object>> status(HttpStatus status, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", data);
        return ResponseEntity.status(status).body(body);
    }

    /** A typed answer: its data's fields are described in the OpenAPI document. */
    public static <T> ResponseEntity<ApiAnswer<T>> answer(T data) {
        return ResponseEntity.ok(ApiAnswer.of(data));
    }

    public static ResponseEntity<ApiError> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new ApiError(false, message));
    }
}
