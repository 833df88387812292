package com.nolimits.synchub.sandbox.common;

import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Map;

/** Errors of the sandbox's own admin endpoints; they come before the hub's API error handling. */
@RestControllerAdvice(basePackages = "com.nolimits.synchub.sandbox")
@Order(Ordered.HIGHEST_PRECEDENCE)
@Profile("sandbox")
public class SandboxErrors {

    @ExceptionHandler(UnknownSandboxException.class)
    ResponseEntity<Object> unknown(UnknownSandboxException e) {
        return ResponseEntity.status(404).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler({IllegalArgumentException.class, HttpMessageNotReadableException.class, ClassCastException.class})
    ResponseEntity<Object> bad(RuntimeException e) {
        return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(e.getMessage())));
    }
}
