package com.nolimits.synchub.sandbox.common;

import java.util.Optional;

/** One simulated platform: what the shared test controls need of its shops, sites or accounts. */
public interface Sandbox {

    /** shopify, woocommerce or jtl: the path segment after /sandbox/. */
    String platform();

    /** The faults and journal of one shop, site or account, if it exists. */
    Optional<Controls> controls(String name);

    record Controls(Faults faults, Journal journal) {
    }
}
