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
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** Any free port: the hub binds port 0 and its log tells the one it got (no other process can take it first). */
    static final int ANY_PORT = 0;
    private static final Pattern TOMCAT_STARTED = Pattern.compile("Tomcat started on port (\\d+)");

    /** Starts the jar with the sandbox profile and waits until its health is UP. */
    static PackagedHub start(Path dataDir, int port, List<String> arguments) throws Exception {
        return start(dataDir, port, "sandbox", arguments, Map.of());
    }

    /** Starts the jar with the given profiles, arguments and environment, and waits until its health is UP. */
    static PackagedHub start(Path dataDir, int port, String profiles, List<String> arguments, Map<String, String> environment)
            throws Exception {
        return start(dataDir, port, profiles, arguments, environment, Path.of("").toAbsolutePath(), base -> { });
    }

    /**
     * The same on any port, telling its address (http://127.0.0.1:port) as soon as it listens, before it is
     * healthy: a load balancer in front must reach it while it starts (WooCommerce pings a webhook's delivery
     * address when the hub registers it at start-up).
     */
    static PackagedHub startOnAnyPort(Path dataDir, String profiles, List<String> arguments, Map<String, String> environment,
                                      Consumer<String> listening) throws Exception {
        return start(dataDir, ANY_PORT, profiles, arguments, environment, Path.of("").toAbsolutePath(), listening);
    }

    /** The same, from another working directory (the project folder's ./config and ./routes are then not seen). */
    static PackagedHub start(Path dataDir, int port, String profiles, List<String> arguments, Map<String, String> environment,
                             Path workingDirectory) throws Exception {
        return start(dataDir, port, profiles, arguments, environment, workingDirectory, base -> { });
    }

    private static PackagedHub start(Path dataDir, int port, String profiles, List<String> arguments,
                                     Map<String, String> environment, Path workingDirectory, Consumer<String> listening)
            throws Exception {
        Files.createDirectories(dataDir);
        String name = "hub-" + System.nanoTime();
        Path log = dataDir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // the JIT's first tier only: a hub that lives a minute starts on about a third less CPU
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar().toString(), "--spring.profiles.active=" + profiles, "--server.port=" + port,
                "--sync.embedded-db.data-dir=" + dataDir.resolve("pg"), "--sync.security.operator-api-key=" + OPERATOR_KEY));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly)); // never left behind
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        PackagedHub hub = new PackagedHub(port == ANY_PORT ? awaitPort(process, log, deadline) : port, process, log);
        listening.accept(hub.base);
        hub.awaitHealthy(deadline);
        return hub;
    }

    /** The port the hub bound, from the line Spring Boot's Tomcat logs once it listens. */
    private static int awaitPort(Process process, Path log, long deadline) throws Exception {
        while (System.nanoTime() < deadline) {
            Matcher started = TOMCAT_STARTED.matcher(Files.readString(log));
            if (started.find()) {
                return Integer.parseInt(started.group(1));
            }
            if (!process.isAlive()) {
                throw stoppedAtStartUp(log);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the hub did not listen within 120 s; see " + log);
    }

    /** Names the log and quotes its error lines, so a failed CI run says why the hub stopped. */
    private static IllegalStateException stoppedAtStartUp(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size() && errors.size() < 16; i++) {
            String line = lines.get(i);
            if (line.contains("APPLICATION FAILED TO START")) { // Spring Boot's failure analysis: its description follows
                lines.subList(i, Math.min(i + 8, lines.size())).stream().filter(text -> !text.isBlank()).forEach(errors::add);
            } else if (line.contains(" ERROR ") || line.startsWith("Caused by:")) {
                errors.add(line);
            }
        }
        return new IllegalStateException("the hub stopped at start-up; see " + log + "\n" + String.join("\n", errors));
    }

    private void awaitHealthy(long deadline) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw stoppedAtStartUp(log);
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
        throw new IllegalStateException("the hub was not healthy within 120 s; see " + log);
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
