package com.nolimits.synchub.ingress;

import com.nolimits.synchub.merge.Platform;

/** Turns one platform's webhook body into an {@link InboundEvent}. */
public interface PayloadMapper {

    Platform platform();

    /** @throws UnmappableEventException when the body is not what the topic promises */
    InboundEvent map(String topic, String payload);
}
