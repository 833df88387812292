package com.nolimits.synchub.sandbox;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/** A plain HTTP server standing in for the hub: records every webhook and answers a chosen status. */
public class WebhookReceiver implements AutoCloseable {

    public record Received(String path, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private volatile int status = 200;
    private final java.util.concurrent.atomic.AtomicInteger failuresLeft = new java.util.concurrent.atomic.AtomicInteger();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            synchronized (received) {
                received.add(new Received(exchange.getRequestURI().getPath(), headers, body));
                received.notifyAll();
            }
            int answer = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : status;
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void answer(int status) {
        this.status = status;
    }

    /** Answers 500 to the next {@code n} requests, then as before. */
    public void failNext(int n) {
        failuresLeft.set(n);
    }

    public void clear() {
        failuresLeft.set(0);
        synchronized (received) {
            received.clear();
        }
        status = 200;
    }

    public List<Received> all() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    /** Waits until {@code count} received requests match, or fails after the timeout. */
    public List<Received> await(Predicate<Received> match, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                List<Received> matching = received.stream().filter(match).toList();
                if (matching.size() >= count) {
                    return matching;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " matching webhooks, got " + matching.size()
                            + " of " + received.stream().map(Received::path).toList());
                }
                received.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
