package com.nolimits.synchub.sync;

/** A resolve request for a product that has no open conflict (on the named fields). */
public class NothingToResolveException extends RuntimeException {
    public NothingToResolveException(String message) {
        super(message);
    }
}
