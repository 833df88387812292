package com.nolimits.synchub.ingress;

/** A signed webhook whose body cannot be understood; it is kept as a failed inbox event with this reason. */
public class UnmappableEventException extends RuntimeException {
    public UnmappableEventException(String message) {
        super(message);
    }
}
