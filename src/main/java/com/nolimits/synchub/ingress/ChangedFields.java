package com.nolimits.synchub.ingress;

import com.nolimits.synchub.camel.ExchangeKeys;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.store.LinkStore;
import com.nolimits.synchub.store.PushRecordStore;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Which fields of a whole-product report a channel really changed. Shopify and WooCommerce send the
 * whole product on every edit (and JTL-FFN its whole product on every change): a merchant's price edit
 * also carries the name the shop holds, and while the hub's newer name is still on its way there, that
 * old name must not count as the merchant's edit (it would win as the later write).
 * <p>
 * A reported field counts as changed unless
 * <ul>
 *   <li>the channel already reported that field at a later time (webhooks arrive out of order), or</li>
 *   <li>it equals what the hub knew the channel held at the report's time: the later of the channel's
 *       last report of the field and the last push the platform confirmed before the report, or the
 *       value of any push made since (in flight, failed or stamped with the report's own second: it may
 *       have landed before the report).</li>
 * </ul>
 * An echo of the hub's push is a report in which no field counts as changed; a merchant's edit made in
 * the second a push landed comes with the push's values, and its own field still counts.
 */
@Component
public class ChangedFields {

    private final LinkStore links;
    private final PushRecordStore pushes;

    public ChangedFields(LinkStore links, PushRecordStore pushes) {
        this.links = links;
        this.pushes = pushes;
    }

    /**
     * A channel's report judged against what the hub pushed there and what the channel reported before.
     *
     * @param echo    whether it only reports back a push of the hub's: EchoFilter says so and no field
     *                counts as changed (a merchant's edit in the second of the push rides along with it)
     * @param changed the fields the channel changed
     */
    public record Judgement(boolean echo, Map<ProductField, Object> changed) {

        /** What the route does with the report: skip it as an echo, skip it as unchanged, or merge it. */
        public Verdict verdict() {
            return echo ? Verdict.ECHO : changed.isEmpty() ? Verdict.UNCHANGED : Verdict.CHANGED;
        }

        /** Kept on the exchange: the judgement for the steps, its verdict as the header the route's choice reads. */
        void keep(Exchange exchange) {
            exchange.setProperty(ExchangeKeys.JUDGEMENT, this);
            exchange.getIn().setHeader(ExchangeKeys.VERDICT, verdict().name());
        }
    }

    /** The route's answer to a report: {@code ${header.SyncVerdict} == 'ECHO'} and so on. */
    public enum Verdict { ECHO, UNCHANGED, CHANGED }

    /** The route's step: judges the item (routes/inbound-product-change.camel.yaml) into the exchange's judgement. */
    public void judgeReport(Exchange exchange) {
        InboundEvent.Item item = InboundExchange.item(exchange);
        judge(InboundExchange.productId(exchange), InboundExchange.channel(exchange).id(), item.fields(),
                InboundExchange.sourceTime(exchange)).keep(exchange);
    }

    /** Judges the channel's report (made at the platform time {@code at}), reading the channel's pushes once. */
    public Judgement judge(UUID productId, String channelId, Map<ProductField, Object> reported, Instant at) {
        List<PushRecordStore.PushRecord> recent = pushes.recent(productId, channelId, EchoFilter.PUSHES_REMEMBERED);
        Map<ProductField, Object> changed = changed(reported, at, links.reportedValues(productId, channelId), recent);
        return new Judgement(changed.isEmpty() && EchoFilter.isEcho(recent, reported, at), changed);
    }

    /**
     * Remembers the report once judged. Not an echo: it is skipped whole, so a field a
     * merchant changed meanwhile was not applied from it, and its own (older) webhook must still count.
     */
    public void remember(UUID productId, String channelId, Map<ProductField, Object> reported, Instant at) {
        Map<String, Object> keyed = new LinkedHashMap<>();
        reported.forEach((field, value) -> keyed.put(field.key(), value));
        links.rememberReported(productId, channelId, keyed, at);
    }

    /**
     * @param known  the channel's last report of each field, by field key
     * @param recent the latest pushes to the channel, any order
     */
    static Map<ProductField, Object> changed(Map<ProductField, Object> reported, Instant at,
                                             Map<String, LinkStore.Reported> known,
                                             List<PushRecordStore.PushRecord> recent) {
        Map<ProductField, Object> changed = new EnumMap<>(ProductField.class);
        reported.forEach((field, value) -> {
            if (isChange(field, value, at, known.get(field.key()), recent)) {
                changed.put(field, value);
            }
        });
        return changed;
    }

    private static boolean isChange(ProductField field, Object value, Instant at, LinkStore.Reported last,
                                    List<PushRecordStore.PushRecord> recent) {
        if (last != null && last.at().isAfter(at)) {
            return false; // a later report of this field was applied already
        }
        // the time of the latest state of the field the hub knows for sure the channel had at the report's time;
        // a push stamped with the report's own time is not sure: the platforms stamp whole seconds, so the
        // report may show the state before it (the echo of a push's first call shows the old price)
        Instant known = last == null ? Instant.MIN : last.at();
        for (PushRecordStore.PushRecord push : recent) {
            if (push.landed() && push.values().containsKey(field.key())
                    && push.version().isBefore(at) && push.version().isAfter(known)) {
                known = push.version();
            }
        }
        if (last != null && !last.at().isBefore(known) && same(field, last.value(), value)) {
            return false;
        }
        for (PushRecordStore.PushRecord push : recent) {
            if (push.values().containsKey(field.key()) && !push.version().isBefore(known)
                    && same(field, push.values().get(field.key()), value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(ProductField field, Object stored, Object canonical) {
        return Objects.equals(field.canonical(stored), canonical);
    }
}
