package com.nolimits.synchub.ingress;

/** A platform refused (or did not answer) a webhook subscription call; the message has its words. */
public class SubscriptionRefusedException extends RuntimeException {

    public SubscriptionRefusedException(String message) {
        super(message);
    }
}
