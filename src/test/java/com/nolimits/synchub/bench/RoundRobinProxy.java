package com.nolimits.synchub.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The load balancer in front of several hub instances, as the tests and the benchmarks need one: each
 * request goes to the next instance in turn; one that refuses the connection (killed, restarting) is
 * passed over for the next, as a load balancer's health check would. The body and headers (signatures
 * included) are passed on unchanged.
 */
public final class RoundRobinProxy implements AutoCloseable {

    /** Headers java.net.http sets itself. */
    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(32);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicReferenceArray<String> targets; // a slot without an instance yet is passed over
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLongArray answeredBy;
    public final String base;

    private RoundRobinProxy(int slots) throws IOException {
        this.targets = new AtomicReferenceArray<>(slots);
        this.answeredBy = new AtomicLongArray(slots);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Listens on a free port of 127.0.0.1 and spreads requests over the given bases (http://host:port). */
    public static RoundRobinProxy start(List<String> targets) throws IOException {
        RoundRobinProxy proxy = new RoundRobinProxy(targets.size());
        for (int slot = 0; slot < targets.size(); slot++) {
            proxy.route(slot, targets.get(slot));
        }
        return proxy;
    }

    /**
     * Listens on a free port with the given number of slots and no instance behind them yet: the instances
     * are started with this proxy's address and each put in its slot once it knows its own port.
     */
    public static RoundRobinProxy withSlots(int slots) throws IOException {
        return new RoundRobinProxy(slots);
    }

    /** Puts an instance (http://host:port) in a slot, replacing the one there (an instance started again). */
    public void route(int slot, String target) {
        targets.set(slot, target);
    }

    /** How many requests each slot's instances answered, in the order of the slots. */
    public List<Long> answeredBy() {
        return java.util.stream.IntStream.range(0, targets.length()).mapToObj(answeredBy::get).toList();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int first = Math.floorMod(next.getAndIncrement(), targets.length());
            for (int i = 0; i < targets.length(); i++) {
                int target = (first + i) % targets.length();
                String instance = targets.get(target);
                if (instance == null) {
                    continue;
                }
                HttpResponse<byte[]> answer;
                try {
                    answer = http.send(request(exchange, instance, body), HttpResponse.BodyHandlers.ofByteArray());
                } catch (IOException down) {
                    continue; // refused or cut off: the next instance
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                answeredBy.incrementAndGet(target);
                answer.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                if (answer.body().length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer.body());
                    }
                }
                return;
            }
            exchange.sendResponseHeaders(502, -1); // no instance answered
        }
    }

    private static HttpRequest request(HttpExchange exchange, String target, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request.build();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
