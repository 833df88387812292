package com.nolimits.synchub.ingress;

/**
 * What became of one stored event's items, for the note the inbox keeps: an event whose every item was an
 * echo is skipped as an echo, one whose items were echoes or changed nothing as unchanged; an event with
 * a reason of its own (a stock report of another location, a delete the platform cannot confirm) keeps it.
 * Shared by the split's copies of the exchange, as they run one after another.
 */
public final class InboundTally {

    public static final String ECHO = "Skipping echo from our own update";
    public static final String UNCHANGED = "No field changed on the channel";

    private boolean reportsItems;
    private int items;
    private int echoes;
    private int unchanged;
    private String reason;

    /** The event reports items (products or a stock figure): its note depends on what became of them. */
    void reportsItems() {
        reportsItems = true;
    }

    void item() {
        reportsItems = true;
        items++;
    }

    void echo() {
        echoes++;
    }

    void unchanged() {
        unchanged++;
    }

    /** The event is skipped for this reason. */
    void skipped(String why) {
        reason = why;
    }

    /** @return why the event was skipped, or null when it was applied */
    String note() {
        if (reason != null) {
            return reason;
        }
        if (!reportsItems) {
            return null;
        }
        return echoes == items ? ECHO : echoes + unchanged == items ? UNCHANGED : null;
    }
}
