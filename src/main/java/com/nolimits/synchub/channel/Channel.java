package com.nolimits.synchub.channel;

import com.nolimits.synchub.merge.ChannelRef;
import com.nolimits.synchub.merge.Platform;

/** A configured channel with its ids: what the rest of the hub looks channels up as. */
public record Channel(String id, String clientId, ChannelSettings settings) {

    public Platform platform() {
        return settings.getPlatform();
    }

    public ChannelRef ref() {
        return new ChannelRef(id, settings.getPlatform());
    }

    @Override
    public String toString() {
        return "Channel{" + id + ", client=" + clientId + ", " + settings + "}";
    }
}
