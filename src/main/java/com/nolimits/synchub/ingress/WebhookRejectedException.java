package com.nolimits.synchub.ingress;

/** A webhook the hub refuses before storing anything: the status and a reason without secrets. */
public class WebhookRejectedException extends RuntimeException {

    private final int status;

    public WebhookRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
