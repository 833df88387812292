package com.nolimits.synchub.store;

import java.util.UUID;

/** A platform product is already linked to another hub product: linking it again would make one product two. */
public class LinkConflictException extends RuntimeException {

    public LinkConflictException(String channelId, String externalId, UUID linkedTo, UUID refused) {
        super("product " + externalId + " of channel " + channelId + " is already linked to hub product " + linkedTo
                + ", not linked to " + refused + " as well");
    }
}
