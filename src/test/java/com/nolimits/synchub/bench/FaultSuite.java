package com.nolimits.synchub.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The scripted fault runs of docs/benchmarks.md, each with a verdict and its figures.
 * Usage: FaultSuite full|tiny [report.md]
 */
public final class FaultSuite {

    public static void main(String[] args) throws Exception {
        boolean tiny = args.length > 0 && args[0].equals("tiny");
        Path report = Path.of(args.length > 1 ? args[1] : "target/bench/faults.md");
        Files.createDirectories(report.toAbsolutePath().getParent());
        Path work = report.toAbsolutePath().getParent();
        BenchSettings settings = tiny ? BenchSettings.tiny() : BenchSettings.full();
        String md = run(settings, tiny ? 60 : 5_000, tiny ? 20 : 2_000, tiny ? 150 : 10_000, work)
                + stopUnderLoad(settings, work, tiny ? 60 : 5_000, tiny ? 20 : 2_000)
                + flakyPlatforms(settings, tiny ? FlakyPlatforms.Settings.tiny() : FlakyPlatforms.Settings.full(), work)
                + convergenceSoak(settings, tiny ? ConvergenceSoak.Settings.tiny() : ConvergenceSoak.Settings.full(), work)
                + databaseOutage(settings, work, tiny ? 3 : 20, tiny ? 5 : 30);
        Files.writeString(report, md);
        System.out.println("Report written to " + report);
    }

    static String run(BenchSettings settings, int crashWebhooks, int killAfter, int hostile, Path workDir) throws Exception {
        return "## Fault runs of " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                + " (settings: " + settings.name() + ")\n\n"
                + crashRecovery(settings, workDir, crashWebhooks, killAfter) + hostileRequests(settings, workDir, hostile);
    }

    static String crashRecovery(BenchSettings settings, Path workDir, int crashWebhooks, int killAfter) throws Exception {
        System.out.println("[faults] 1. kill -9 during a burst");
        CrashRecovery.Result crash = CrashRecovery.run(settings, workDir, crashWebhooks, killAfter);
        return String.format(Locale.ROOT, """
                ### Fault 1. kill -9 in the middle of a burst: %s

                %d new Shopify products, one signed products/create webhook each, from 16 senders; the hub was killed
                (SIGKILL) after %d were answered 200 and started again (down %.1f s, restart included); webhooks not
                answered 200 were sent again with their event ids, as Shopify does.

                | | expected | found |
                |---|---|---|
                | webhooks not answered 200 before the retries | | %d |
                | hub products | %d | %d |
                | stored events not merged | 0 | %d |
                | WooCommerce products / accepted create calls | %d / %d | %d / %d |
                | JTL-FFN products / accepted create calls | %d / %d | %d / %d |
                | from the restart until every platform converged | | %.1f s |

                """, verdict(crash.passed()), crash.webhooks(), crash.killedAfter(), crash.downSeconds(),
                crash.notAnsweredBeforeRetry(), crash.webhooks(), crash.hubProducts(), crash.eventsNotDone(),
                crash.webhooks(), crash.webhooks(), crash.wooProducts(), crash.wooCreates(), crash.webhooks(),
                crash.webhooks(), crash.jtlProducts(), crash.jtlCreates(), crash.convergeSeconds());
    }

    static String hostileRequests(BenchSettings settings, Path workDir, int hostile) throws Exception {
        System.out.println("[faults] 4. hostile requests");
        HostileRequests.Result attacks;
        try (HubProcess hub = HubProcess.start(settings, workDir)) {
            attacks = HostileRequests.run(settings, hub.base, hostile);
        }
        StringBuilder statuses = new StringBuilder();
        attacks.statuses().forEach((status, n) -> statuses.append(status < 0 ? "no answer" : status).append(": ").append(n).append(", "));
        return String.format(Locale.ROOT, """
                ### Fault 4. hostile requests: %s

                %d requests from 16 senders in %.1f s: unsigned, wrong signature, replayed, truncated, oversized
                (1.2 MB), non-JSON, wrong content type, huge numbers, unicode and control characters, an unknown
                shop, WooCommerce without and with a wrong signature, a path traversal, management calls without
                a key and with bad bodies; a signed update body re-labelled as a delete and a bare delete body as
                an update, a delivery triggered three days ago, 1.5 MB chunked, a signed form body, the signature
                and shop in the query, a 2,000-character event id, a NUL in a name through the API, guessed API
                keys, Jolokia's exec (stop the Shopify webhook route) by GET and by POST from another origin.

                | | expected | found |
                |---|---|---|
                | answers | no 5xx | %s |
                | webhooks and products stored | %d (unchanged) | %d |
                | health and the Shopify webhook route afterwards | UP, running | %s |

                """, verdict(attacks.passed()), attacks.requests(), attacks.seconds(),
                statuses.substring(0, Math.max(0, statuses.length() - 2)), attacks.storedBefore(), attacks.storedAfter(),
                attacks.healthy() ? "UP, running" : "not UP or stopped");
    }

    static String stopUnderLoad(BenchSettings settings, Path workDir, int webhooks, int stopAfter) throws Exception {
        System.out.println("[faults] 6. SIGTERM under load");
        StopUnderLoad.Result stop = StopUnderLoad.run(settings, workDir, webhooks, stopAfter);
        return String.format(Locale.ROOT, """
                ### Fault 6. SIGTERM in the middle of a poll and a burst: %s

                %d new Shopify products, one signed products/create webhook each, from 16 senders, while every
                JTL-FFN call took 8 s (a poll in flight); the hub was stopped with SIGTERM after %d were answered
                200 and started again; webhooks not answered 200 were sent again with their event ids.

                | | expected | found |
                |---|---|---|
                | from SIGTERM until the process ended | at most %d s (grace 15 s + 15 s) | %.1f s |
                | webhooks answered 200 after SIGTERM (the graceful stop finished them) | | %d |
                | hub products | %d | %d |
                | stored events not merged | 0 | %d |
                | WooCommerce products / accepted create calls | %d / %d | %d / %d |
                | JTL-FFN products / accepted create calls | %d / %d | %d / %d |
                | from the restart until every platform converged | | %.1f s |

                """, verdict(stop.passed()), stop.webhooks(), stop.stoppedAfter(), StopUnderLoad.LIMIT.toSeconds(),
                stop.stopSeconds(), stop.answeredDuringStop(), stop.webhooks(), stop.hubProducts(), stop.eventsNotDone(),
                stop.webhooks(), stop.webhooks(), stop.wooProducts(), stop.wooCreates(), stop.webhooks(), stop.webhooks(),
                stop.jtlProducts(), stop.jtlCreates(), stop.convergeSeconds());
    }

    static String flakyPlatforms(BenchSettings bench, FlakyPlatforms.Settings settings, Path workDir) throws Exception {
        System.out.println("[faults] 2. platforms failing, timing out and throttling");
        FlakyPlatforms.Result r = FlakyPlatforms.run(bench, settings, workDir);
        return String.format(Locale.ROOT, """
                ### Fault 2. platforms failing, timing out and throttling: %s

                For %d s the three sandboxes answered 20%% of the hub's API calls 500, let 10%% hang %d ms and answered
                the next %d calls 429 (Shopify: THROTTLED, Retry-After 5 s) every %d s, while %d changes came in, %.0f per
                second, over %d products: name and warehouse notes edited in the hub, prices by the Shopify merchant,
                stock booked in the JTL-FFN warehouse. Retry delay %d ms, doubled each attempt, 3 attempts; a job out of
                attempts is queued again %d ms after it failed (the defaults but in the test suite's tiny run). No operator.

                | | expected | found |
                |---|---|---|
                | the hub's API calls while faulty, by HTTP status (Shopify answers THROTTLED with a 200) | | %s |
                | retries logged | some | %d |
                | retries scheduled sooner than the backoff | 0 | %d |
                | attempts made before their scheduled time | 0 | %d |
                | jobs tried more often than allowed | 0 | %d |
                | jobs queued again by the failed-push recovery (all attempts in the faulty time) | | %d |
                | jobs pending, processing or failed at the end | 0 | %d |
                | platform values not equal to the last change (hub, Shopify, WooCommerce, JTL-FFN) | 0 | %d |
                | from the end of the faults until everything was pushed | | %.1f s |
                %s
                """, verdict(r.passed()), settings.faultSeconds(), settings.timeoutMs(), settings.burstCalls(),
                settings.burstEverySeconds(), r.changes(), settings.changesPerSecond(), settings.products(),
                settings.retryDelayMs(), settings.recoveryDelayMs(), list(r.faultAnswers()), r.retries(),
                r.shortBackoffs(), r.earlyRetries(), r.overAttempts(), r.recovered(), r.stillOpen(),
                r.wrong().size(), r.drainSeconds(), firstOf(r.wrong()));
    }

    static String convergenceSoak(BenchSettings bench, ConvergenceSoak.Settings settings, Path workDir) throws Exception {
        System.out.println("[faults] 5. convergence soak");
        ConvergenceSoak.Result r = ConvergenceSoak.run(bench, settings, workDir);
        return String.format(Locale.ROOT, """
                ### Fault 5. convergence soak: %s

                For %d s four editors at once, each editing a random one of %d products every %.1f s on average: the
                Shopify merchant (title, price, its own stock count), the WooCommerce merchant (name, price), the hub
                (name, warehouse notes) and the JTL-FFN warehouse (stock bookings).

                | | expected | found |
                |---|---|---|
                | edits, by place and field | | %s |
                | the hub's write calls to the platforms | at most 3 per edit (%d) | %d (%s) |
                | write calls in a quiet %s afterwards | 0 | %d |
                | conflicts recorded, by field and status | some | %s |
                | fields checked against their last write (exact / two writes under 2 s apart, either) | | %d / %d |
                | Shopify merchant stock counts below the warehouse's after its last booking, left alone (a sale: DESIGN "Stock pushes") | | %d |
                | values not as the ownership rules say (any platform, any field) | 0 | %d |
                | from the last edit until the hub was quiet | | %.1f s |
                %s
                """, verdict(r.passed()), settings.seconds(), settings.products(), settings.editEveryMs() / 1000.0,
                list(r.edits()), 3 * r.totalEdits(), r.totalCalls(), list(r.writeCalls()),
                bench.name().equals("tiny") ? "5 s" : "minute", r.callsWhenQuiet(), list(r.conflicts()),
                r.exactChecks(), r.ambiguousChecks(), r.keptSales(), r.wrong().size(), r.convergeSeconds(),
                firstOf(r.wrong()));
    }

    private static String list(java.util.Map<String, ? extends Number> counts) {
        StringBuilder out = new StringBuilder();
        counts.forEach((what, n) -> out.append(out.isEmpty() ? "" : ", ").append(what).append(": ").append(n));
        return out.isEmpty() ? "none" : out.toString();
    }

    /** The first 20 mismatches, as a list under the table. */
    private static String firstOf(java.util.List<String> wrong) {
        StringBuilder out = new StringBuilder();
        wrong.stream().limit(20).forEach(w -> out.append("\n- ").append(w));
        return out.toString();
    }

    /**
     * Fault 3 stops the local PostgreSQL server: not part of the test suite's tiny run, whose other
     * test contexts share that server.
     */
    static String databaseOutage(BenchSettings settings, Path workDir, int products, int downSeconds) throws Exception {
        System.out.println("[faults] 3. PostgreSQL stopped under load");
        DatabaseOutage.Result outage = DatabaseOutage.run(settings, workDir, products, downSeconds);
        if (!outage.run()) {
            return "### Fault 3. PostgreSQL stopped under load: NOT RUN\n\n" + outage.why() + "\n\n";
        }
        return String.format(Locale.ROOT, """
                ### Fault 3. PostgreSQL stopped under load: %s

                %d senders, one per product, each sending the merchant's price edits in order (one every 0.2 s,
                each again with its event id until answered 200, as Shopify does); the PostgreSQL server was
                stopped (fast shutdown: connections cut) for %.0f s in the middle and started again.

                | | expected | found |
                |---|---|---|
                | webhooks answered 200 while the database was down | 0 | %d |
                | answers 503 (retry later) meanwhile | some | %d |
                | webhooks answered 200 in all | | %d |
                | products whose hub price is not the last one accepted | 0 | %d |
                | products whose WooCommerce price is not the last one accepted | 0 | %d |
                | from the restart until everything was merged and pushed | | %.1f s |

                """, verdict(outage.passed()), outage.products(), outage.downSeconds(), outage.acceptedWhileDown(),
                outage.unavailable(), outage.accepted(), outage.hubWrong(), outage.wooWrong(), outage.recoverSeconds());
    }

    private static String verdict(boolean passed) {
        return passed ? "PASS" : "FAIL";
    }

    private FaultSuite() {
    }
}
