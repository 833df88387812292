package com.nolimits.synchub.sandbox.common;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A sandbox path naming a shop, site or merchant that is not configured. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownSandboxException extends RuntimeException {
    public UnknownSandboxException(String message) {
        super(message);
    }
}
