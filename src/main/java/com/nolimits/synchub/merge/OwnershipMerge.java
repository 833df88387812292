package com.nolimits.synchub.merge;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The ownership merge: decides, field by field, what an incoming change does to a product
 * (docs/architecture.md, "Field ownership"). Pure: no clock, no database, no Camel.
 *
 * <p>Per field, in this order: may the origin write the group? is it the same value? is there a
 * later write already? is it a conflict (another origin inside the window)? Outside the window the
 * later change by source time wins; inside it a preferred origin wins (commerce platforms for
 * commerce, NOLIMITS for ops, JTL for stock), and between equals the later change wins. This makes
 * the outcome independent of the order in which events arrive.
 */
public class OwnershipMerge {

    private final OwnershipRules rules;

    public OwnershipMerge(OwnershipRules rules) {
        this.rules = rules;
    }

    public OwnershipRules rules() {
        return rules;
    }

    public MergeResult merge(String clientId, ProductSnapshot current, Change change, List<ChannelRef> channels) {
        boolean created = !current.exists();
        Map<ProductField, Object> applied = new EnumMap<>(ProductField.class);
        Map<ProductField, Object> previous = new EnumMap<>(ProductField.class);
        Map<ProductField, FieldStamp> stamps = new EnumMap<>(ProductField.class);
        List<MergeResult.Ignored> ignored = new ArrayList<>();
        List<MergeResult.ConflictDecision> conflicts = new ArrayList<>();
        FieldStamp incoming = new FieldStamp(change.origin(), change.sourceTime());

        for (Map.Entry<ProductField, Object> entry : change.fields().entrySet()) {
            ProductField field = entry.getKey();
            Object value = entry.getValue();
            Object currentValue = current.value(field);
            FieldGroup group = rules.groupOf(clientId, current.ownershipOverrides(), field);

            boolean same = Objects.equals(value, currentValue);
            if (!group.mayWrite(change.origin(), created)) {
                if (!same) {
                    ignored.add(new MergeResult.Ignored(field, value, MergeResult.Reason.NOT_PERMITTED));
                }
                continue;
            }
            FieldStamp last = current.stamps().get(field);
            boolean wins;
            if (last == null || change.kind() == Change.Kind.RESOLUTION) {
                wins = true;
            } else if (last.origin() == change.origin() || !insideWindow(last, incoming)) {
                wins = !incoming.at().isBefore(last.at());
            } else {
                wins = winsConflict(group, incoming, last);
                if (!same) {
                    conflicts.add(new MergeResult.ConflictDecision(field, group, currentValue, last, value, incoming,
                            wins, group.conflictsStayOpen()));
                }
            }
            if (!wins) {
                boolean conflict = last.origin() != change.origin() && insideWindow(last, incoming);
                if (!same) {
                    ignored.add(new MergeResult.Ignored(field, value,
                            conflict ? MergeResult.Reason.LOST_CONFLICT : MergeResult.Reason.STALE));
                }
                continue;
            }
            if (!same) {
                applied.put(field, value);
                previous.put(field, currentValue);
            }
            if (!incoming.equals(last)) {
                stamps.put(field, incoming);
            }
        }
        List<MergeResult.Push> pushes = pushes(clientId, current, change, channels, created, applied, ignored);
        return new MergeResult(created, applied, previous, stamps, ignored, conflicts, pushes);
    }

    private boolean insideWindow(FieldStamp a, FieldStamp b) {
        long millis = Math.abs(a.at().toEpochMilli() - b.at().toEpochMilli());
        return millis <= rules.conflictWindow().toMillis();
    }

    /** Inside the window: the group's preferred origin first, then the later change, then a fixed origin order. */
    private static boolean winsConflict(FieldGroup group, FieldStamp incoming, FieldStamp last) {
        boolean incomingPreferred = group.prefers(incoming.origin());
        if (incomingPreferred != group.prefers(last.origin())) {
            return incomingPreferred;
        }
        int byTime = incoming.at().compareTo(last.at());
        if (byTime != 0) {
            return byTime > 0;
        }
        return incoming.origin().ordinal() < last.origin().ordinal();
    }

    private List<MergeResult.Push> pushes(String clientId, ProductSnapshot current, Change change,
                                          List<ChannelRef> channels, boolean created,
                                          Map<ProductField, Object> applied, List<MergeResult.Ignored> ignored) {
        List<MergeResult.Push> pushes = new ArrayList<>();
        for (ChannelRef channel : channels) {
            boolean isOrigin = channel.id().equals(change.channelId());
            Set<ProductField> fields = EnumSet.noneOf(ProductField.class);
            if (isOrigin) {
                for (MergeResult.Ignored ignoredField : ignored) {
                    if (needsCorrection(clientId, current, channel, ignoredField)) {
                        fields.add(ignoredField.field());
                    }
                }
            } else {
                for (ProductField field : applied.keySet()) {
                    if (channel.platform().receives(field, created)) {
                        fields.add(field);
                    }
                }
            }
            if (!fields.isEmpty()) {
                pushes.add(new MergeResult.Push(channel.id(), fields, isOrigin));
            }
        }
        return pushes;
    }

    /**
     * The origin sent a value the hub did not take: push the hub's value back so the platform does
     * not drift. Not for stale events (the platform has moved on since), and stock only downward: a
     * lower figure in a shop is most likely a sale the warehouse has not seen yet.
     */
    private boolean needsCorrection(String clientId, ProductSnapshot current, ChannelRef channel,
                                    MergeResult.Ignored ignored) {
        ProductField field = ignored.field();
        if (ignored.reason() == MergeResult.Reason.STALE || !channel.platform().receives(field, false)) {
            return false;
        }
        Object hubValue = current.value(field);
        if (rules.groupOf(clientId, current.ownershipOverrides(), field) == FieldGroup.STOCK) {
            return ignored.value() != null && hubValue != null && compare(ignored.value(), hubValue) > 0;
        }
        return true;
    }

    private static int compare(Object a, Object b) {
        return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
    }
}
