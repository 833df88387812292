package com.nolimits.synchub.reconcile;

import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.channel.Channel;

import java.time.Instant;

/**
 * One reconciliation sweep of one commerce channel in routes/reconciliation.camel.yaml (exchange property
 * {@link ExchangeKeys#RECONCILE}): the window [from, until) of product modifications and the next page to read.
 */
public final class Sweep {

    public static final String PROPERTY = ExchangeKeys.RECONCILE;

    final Channel channel;
    Instant from;
    Instant until;
    /** Shopify: the cursor of the next page; WooCommerce: the next page number. Null when done. */
    String next;
    int read;
    int stored;

    Sweep(Channel channel) {
        this.channel = channel;
    }

    public Channel channel() {
        return channel;
    }

    public Instant from() {
        return from;
    }

    public String next() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }

    public boolean hasMore() {
        return next != null;
    }

    String watermark() {
        return "reconcile:" + channel.id();
    }

    @Override
    public String toString() {
        return "reconciliation of " + channel.id();
    }
}
