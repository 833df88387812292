package com.nolimits.synchub.merge;

/** field-ownership.yaml is wrong; the message names the file and the bad entry. */
public class OwnershipConfigException extends IllegalStateException {
    public OwnershipConfigException(String message) {
        super(message);
    }
}
