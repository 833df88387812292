package com.nolimits.synchub.sandbox.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends a sandbox's webhooks over real HTTP, through the sandbox's faults (drop, duplicate, delay,
 * reorder). Each delivery says how to build its body and headers at send time, and what counts as
 * success; the platform decides what a failure leads to (Shopify retries, WooCommerce does not).
 */
public class WebhookSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    /** One delivery attempt's request. */
    public record Request(String url, String contentType, byte[] body, Map<String, String> headers) {
    }

    /** What a sandbox wants sent: built at send time; told how the attempt went. */
    public interface Delivery {
        Request build(int attempt);

        /** @param status the HTTP status, or -1 when the hub could not be reached */
        void finished(int attempt, int status);
    }

    /** Every attempt made, for the admin endpoint and tests. */
    public record Attempt(String url, String topic, int attempt, int status) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, r -> {
        Thread t = new Thread(r, "sandbox-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final Faults faults;
    private final List<Attempt> attempts = new ArrayList<>();

    public WebhookSender(Faults faults) {
        this.faults = faults;
    }

    /** Queues a delivery through the faults: it may be dropped, duplicated, delayed or reordered. */
    public void submit(Delivery delivery) {
        submit(delivery, 0);
    }

    /** The same, after the platform's own queueing delay. */
    public void submit(Delivery delivery, long platformDelayMs) {
        if (faults.dropWebhook()) {
            log.info("Sandbox dropped a webhook (fault injection)");
            return;
        }
        schedule(delivery, 1, platformDelayMs + faults.webhookDelayMs());
        if (faults.duplicateWebhook()) {
            schedule(delivery, 1, platformDelayMs + faults.webhookDelayMs());
        }
    }

    /** Schedules an attempt (first or retry) after a delay. */
    public void schedule(Delivery delivery, int attempt, long delayMs) {
        scheduler.schedule(() -> send(delivery, attempt), delayMs, TimeUnit.MILLISECONDS);
    }

    private void send(Delivery delivery, int attempt) {
        Request request;
        try {
            request = delivery.build(attempt);
        } catch (RuntimeException e) {
            log.warn("Sandbox could not build a webhook: {}", e.getMessage());
            return;
        }
        if (request == null) {
            return;
        }
        int status;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url()))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", request.contentType())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(builder::header);
            status = http.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            status = -1;
        }
        synchronized (attempts) {
            attempts.add(new Attempt(request.url(), request.headers().getOrDefault("X-Shopify-Topic",
                    request.headers().getOrDefault("X-WC-Webhook-Topic", "ping")), attempt, status));
            if (attempts.size() > 20_000) {
                attempts.remove(0);
            }
        }
        delivery.finished(attempt, status);
    }

    public List<Attempt> attempts() {
        synchronized (attempts) {
            return new ArrayList<>(attempts);
        }
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
