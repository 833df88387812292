package com.nolimits.synchub.merge;

/** A channel of the product's client, as far as the merge needs to know it. */
public record ChannelRef(String id, Platform platform) {
}
