package com.nolimits.synchub.outbound;

/**
 * The platform refused the channel's credentials for good (JTL-FFN: invalid_client, invalid_grant): no
 * retry helps until someone connects the channel again. Its jobs wait, neither failed nor retried.
 */
public class ChannelNeedsConnectException extends RuntimeException {

    public ChannelNeedsConnectException(String channelId, String problem) {
        super("channel " + channelId + " needs to be connected again: " + problem);
    }
}
