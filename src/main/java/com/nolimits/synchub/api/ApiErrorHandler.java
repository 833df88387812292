package com.nolimits.synchub.api;

import com.nolimits.synchub.merge.InvalidFieldValueException;
import com.nolimits.synchub.sync.DuplicateSkuException;
import com.nolimits.synchub.sync.NothingToResolveException;
import com.nolimits.synchub.sync.ProductNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.Map;

/** Every management API error as {"success": false, "error": "..."} with a fitting status. */
@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e) {
        return ApiResponses.error(e.status(), e.getMessage());
    }

    @ExceptionHandler({InvalidFieldValueException.class, IllegalArgumentException.class})
    ResponseEntity<ApiError> invalid(IllegalArgumentException e) {
        return ApiResponses.error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(ProductNotFoundException.class)
    ResponseEntity<ApiError> notFound(ProductNotFoundException e) {
        return ApiResponses.error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(DuplicateSkuException.class)
    ResponseEntity<ApiError> duplicate(DuplicateSkuException e) {
        return ApiResponses.error(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(NothingToResolveException.class)
    ResponseEntity<ApiError> nothingToResolve(NothingToResolveException e) {
        return ApiResponses.error(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return ApiResponses.error(HttpStatus.BAD_REQUEST, "the request body is missing or is not a JSON object");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return ApiResponses.error(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "send the body as JSON with Content-Type: application/json");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return ApiResponses.error(HttpStatus.METHOD_NOT_ALLOWED, e.getMethod() + " is not allowed here");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return ApiResponses.error(HttpStatus.BAD_REQUEST, e.getParameterName() + " is required");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noSuchPath(NoResourceFoundException e) {
        return ApiResponses.error(HttpStatus.NOT_FOUND, "no such endpoint: /" + e.getResourcePath());
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
            DataAccessResourceFailureException.class})
    ResponseEntity<ApiError> databaseDown(RuntimeException e) {
        log.error("Database unavailable: {}", e.getMessage());
        return ApiResponses.error(HttpStatus.SERVICE_UNAVAILABLE, "the database is unavailable, try again later");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        log.error("Unexpected error in the management API", e);
        return ApiResponses.error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error, see the hub's log");
    }
}
