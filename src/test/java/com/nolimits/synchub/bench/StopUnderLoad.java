package com.nolimits.synchub.bench;


import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault 6: the hub is stopped with SIGTERM, as a service manager stops it, while a JTL-FFN poll waits on a
 * slow warehouse (every JTL call takes 8 s) and a burst of new Shopify products comes in, then started
 * again; webhooks not answered 200 are sent again, as Shopify does. Passes when the process ended
 * within the shutdown grace (15 s) plus 15 s, and every product reached the hub, WooCommerce and JTL-FFN
 * exactly once. The platforms run in a process of their own, so they outlive the hub.
 */
final class StopUnderLoad {

    static final Duration LIMIT = Duration.ofSeconds(30);

    record Result(int webhooks, int stoppedAfter, double stopSeconds, long answeredDuringStop, long hubProducts,
                  long eventsNotDone, long wooProducts, long wooCreates, long jtlProducts, long jtlCreates,
                  double convergeSeconds) {
        boolean passed() {
            return stopSeconds >= 0 && stopSeconds <= LIMIT.toSeconds() && hubProducts == webhooks && eventsNotDone == 0
                    && wooProducts == webhooks && wooCreates == webhooks && jtlProducts == webhooks && jtlCreates == webhooks;
        }
    }

    static Result run(BenchSettings settings, Path workDir, int webhooks, int stopAfter) throws Exception {
        HubProcess.resetSchema(settings);
        int hubPort = HubProcess.freePort();
        try (SandboxProcess platforms = SandboxProcess.start(workDir, List.of())) {
            List<String> arguments = new ArrayList<>(platforms.channelArguments());
            arguments.addAll(List.of("--sync.jtl.poll-interval=1000", "--sync.jtl.first-poll-delay=500"));
            HubProcess hub = HubProcess.start(settings, workDir, hubPort, arguments);
            BenchHttp http = new BenchHttp(hub.base);
            BenchHttp sandboxes = new BenchHttp(platforms.base);
            sandboxes.sandbox("PUT", "jtl/demo/faults", "{\"latencyMs\": 8000}"); // a poll is in flight from now on
            Thread.sleep(2500);

            boolean[] answered = new boolean[webhooks];
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger afterStop = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(16);
            AtomicInteger next = new AtomicInteger();
            long[] stopAt = {Long.MAX_VALUE};
            for (int t = 0; t < 16; t++) {
                senders.execute(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < webhooks) {
                        if (CrashRecovery.send(http, "stop", 8_000_000, i) == 200) {
                            answered[i] = true;
                            accepted.incrementAndGet();
                            if (System.nanoTime() > stopAt[0]) {
                                afterStop.incrementAndGet();
                            }
                        }
                    }
                });
            }
            while (accepted.get() < stopAfter) {
                Thread.sleep(5);
            }
            stopAt[0] = System.nanoTime();
            Duration stopped = hub.terminate(LIMIT.plusSeconds(60));
            int stoppedAfter = accepted.get();
            senders.shutdown();
            senders.awaitTermination(5, TimeUnit.MINUTES);
            if (stopped == null) {
                hub.kill();
            }
            sandboxes.sandbox("PUT", "jtl/demo/faults", "{\"reset\": true}");

            hub = HubProcess.start(settings, workDir, hubPort, platforms.channelArguments());
            long started = System.nanoTime();
            try {
                for (int round = 0; round < 10; round++) { // Shopify's retries of what was not answered 200
                    boolean open = false;
                    for (int i = 0; i < webhooks; i++) {
                        if (!answered[i]) {
                            open = true;
                            answered[i] = CrashRecovery.send(http, "stop", 8_000_000, i) == 200;
                        }
                    }
                    if (!open) {
                        break;
                    }
                }
                new Journals(http).awaitQuiet(Duration.ofMinutes(20));
                double converge = (System.nanoTime() - started) / 1e9;
                Map<String, Long> db = CrashRecovery.counts(settings, "STOP-");
                return new Result(webhooks, stoppedAfter, stopped == null ? -1 : stopped.toMillis() / 1000.0, afterStop.get(),
                        db.get("products"), db.get("open"), CrashRecovery.count(sandboxes, "woocommerce/demo/merchant/products", "STOP-"),
                        CrashRecovery.creates(sandboxes, "woocommerce", "create product", "STOP-"),
                        CrashRecovery.count(sandboxes, "jtl/demo/warehouse/products", "STOP-"),
                        CrashRecovery.creates(sandboxes, "jtl", "create product", "STOP-"), converge);
            } finally {
                hub.close();
            }
        }
    }

    private StopUnderLoad() {
    }
}
