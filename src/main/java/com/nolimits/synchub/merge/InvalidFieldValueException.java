package com.nolimits.synchub.merge;

/** A value that does not fit its field's type or range. The message says what is wrong. */
public class InvalidFieldValueException extends IllegalArgumentException {
    public InvalidFieldValueException(String message) {
        super(message);
    }
}
