package com.nolimits.synchub.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The hub as it ships: {@code java -jar target/product-sync-hub-*.jar} in a process of its own, from the
 * project folder (its ./config and ./routes), with the embedded database in a folder the test gives, so a
 * second start finds the first one's data. Built by {@code mvn package}, which runs before these tests
 * (the end-to-end tests run in Maven's integration-test phase).
 */
final class PackagedHub implements AutoCloseable {

    static final String OPERATOR_KEY = "packaged-hub-operator-key";

    final int port;
    final String base;
    final Process process;
    final Path log;

    private PackagedHub(int port, Process process, Path log) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
        this.process = process;
        this.log = log;
    }

    static Path jar() {
        String jar = System.getProperty("hub.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("no packaged hub at " + jar + ": run mvn verify (package runs before these tests)");
        }
        return Path.of(jar).toAbsolutePath(); // the hub may start in another directory
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts the jar with the sandbox profile and waits until its health is UP. */
    static PackagedHub start(Path dataDir, int port, List<String> arguments) throws Exception {
        return start(dataDir, port, "sandbox", arguments, Map.of());
    }

    /** Starts the jar with the given profiles, arguments and environment, and waits until its health is UP. */
    static PackagedHub start(Path dataDir, int port, String profiles, List<String> arguments, Map<String, String> environment)
            throws Exception {
        return start(dataDir, port, profiles, arguments, environment, Path.of("").toAbsolutePath());
    }

    /** The same, from another working directory (the project folder's ./config and ./routes are then not seen). */
    static PackagedHub start(Path dataDir, int port, String profiles, List<String> arguments, Map<String, String> environment,
                             Path workingDirectory) throws Exception {
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("hub-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", jar().toString(), "--spring.profiles.active=" + profiles, "--server.port=" + port,
                "--sync.embedded-db.data-dir=" + dataDir.resolve("pg"), "--sync.security.operator-api-key=" + OPERATOR_KEY));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly)); // never left behind
        PackagedHub hub = new PackagedHub(port, process, log);
        hub.awaitHealthy(Duration.ofSeconds(120));
        return hub;
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub stopped at start-up; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the hub was not healthy within " + timeout + "; see " + log);
    }

    /** SIGKILL: no shutdown hook, nothing finished. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, as a service manager stops it; returns how long the process took to end, or null if it did not within the wait. */
    Duration terminate(Duration wait) throws InterruptedException {
        long started = System.nanoTime();
        process.destroy();
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) ? Duration.ofNanos(System.nanoTime() - started) : null;
    }

    /**
     * Stops the hub as a service manager does (SIGTERM, then SIGKILL after 30 s) and waits until the
     * processes it started are gone too: its embedded PostgreSQL must not outlive it, writing into a data
     * folder the test is about to delete.
     */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                child.destroyForcibly();
            }
        }
    }
}
