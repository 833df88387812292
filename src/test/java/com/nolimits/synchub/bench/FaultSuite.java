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
                + databaseOutage(settings, work, tiny ? 3 : 20, tiny ? 5 : 30);
        Files.writeString(report, md);
        System.out.println("Report written to " + report);
    }

    static String run(BenchSettings settings, int crashWebhooks, int killAfter, int hostile, Path workDir) throws Exception {
        StringBuilder md = new StringBuilder("## Fault runs of " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                + " (settings: " + settings.name() + ")\n\n");

        System.out.println("[faults] 1. kill -9 during a burst");
        CrashRecovery.Result crash = CrashRecovery.run(settings, workDir, crashWebhooks, killAfter);
        md.append(String.format(Locale.ROOT, """
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
                crash.webhooks(), crash.jtlProducts(), crash.jtlCreates(), crash.convergeSeconds()));

        System.out.println("[faults] 4. hostile requests");
        HostileRequests.Result attacks;
        try (HubProcess hub = HubProcess.start(settings, workDir)) {
            attacks = HostileRequests.run(settings, hub.base, hostile);
        }
        StringBuilder statuses = new StringBuilder();
        attacks.statuses().forEach((status, n) -> statuses.append(status < 0 ? "no answer" : status).append(": ").append(n).append(", "));
        md.append(String.format(Locale.ROOT, """
                ### Fault 4. hostile requests: %s

                %d requests from 16 senders in %.1f s: unsigned, wrong signature, replayed, truncated, oversized
                (1.2 MB), non-JSON, wrong content type, huge numbers, unicode and control characters, an unknown
                shop, WooCommerce without and with a wrong signature, a path traversal, management calls without
                a key and with bad bodies.

                | | expected | found |
                |---|---|---|
                | answers | no 5xx | %s |
                | webhooks and products stored | %d (unchanged) | %d |
                | health afterwards | UP | %s |

                """, verdict(attacks.passed()), attacks.requests(), attacks.seconds(),
                statuses.substring(0, Math.max(0, statuses.length() - 2)), attacks.storedBefore(), attacks.storedAfter(),
                attacks.healthy() ? "UP" : "not UP"));
        return md.toString();
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
