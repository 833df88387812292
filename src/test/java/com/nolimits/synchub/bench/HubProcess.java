package com.nolimits.synchub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The hub under measurement, in a JVM of its own (so its memory can be read and it can be killed):
 * the sandbox profile (the three sandboxes in the hub's process, no added latency), the local
 * PostgreSQL server in a schema of its own, rebuilt at every start, and the bench routes next to the
 * real ones.
 */
final class HubProcess implements AutoCloseable {

    static final String OPERATOR_KEY = "bench-operator-key";
    /**
     * SYNC_SECRETS_KEY of every hub this harness starts, the same across restarts, as an operator sets it.
     * Without it the sandbox profile makes a key up per start: a hub restarted against sandboxes that
     * outlived it (fault 1) cannot read its JTL-FFN tokens, the configured refresh token was spent long
     * ago, and the warehouse channel waits in needs-connect for good.
     */
    private static final String SECRETS_KEY = randomKey();

    final int port;
    final String base;
    final Duration startUp;
    private final Process process;

    private HubProcess(int port, Process process, Duration startUp) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
        this.process = process;
        this.startUp = startUp;
    }

    /** Starts a hub on an empty schema and waits until its health is UP. */
    static HubProcess start(BenchSettings settings, Path workDir) throws Exception {
        resetSchema(settings);
        return start(settings, workDir, freePort(), List.of());
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts a hub on the schema as it is (a restart keeps its data), with extra arguments. */
    static HubProcess start(BenchSettings settings, Path workDir, int port, List<String> extraArguments) throws Exception {
        return start(settings, workDir, port, "sandbox", extraArguments, java.util.Map.of());
    }

    /** Starts a hub with the given profiles (sandbox,cluster), extra arguments and environment. */
    static HubProcess start(BenchSettings settings, Path workDir, int port, String profiles, List<String> extraArguments,
                            java.util.Map<String, String> environment) throws Exception {
        Files.createDirectories(workDir);
        Path log = workDir.resolve("hub-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(settings.hubJvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.nolimits.synchub.SyncHubApplication",
                "--spring.profiles.active=" + profiles, "--server.port=" + port,
                "--spring.datasource.url=" + settings.databaseUrl(), "--spring.datasource.username=postgres",
                "--spring.flyway.schemas=" + settings.schema(), "--spring.flyway.default-schema=" + settings.schema(),
                "--camel.main.routes-include-pattern=file:routes/*.camel.yaml,file:bench/routes/*.camel.yaml",
                "--sync.security.operator-api-key=" + OPERATOR_KEY,
                "--spring.quartz.scheduler-name=bench-" + System.nanoTime(),
                "--logging.level.com.nolimits.synchub=WARN"));
        // the settings' arguments, but for those the caller gives again (a property given twice would be a list)
        java.util.Set<String> given = extraArguments.stream().map(HubProcess::propertyOf).collect(java.util.stream.Collectors.toSet());
        settings.hubArguments().stream().filter(argument -> !given.contains(propertyOf(argument))).forEach(command::add);
        command.addAll(extraArguments);
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SYNC_SECRETS_KEY", SECRETS_KEY); // from the environment, as in production
        builder.environment().putAll(environment);
        Process process = builder.start();
        // a harness stopped with Ctrl-C or kill must not leave a hub behind holding its port and schema
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        awaitHealthy("http://127.0.0.1:" + port, process, log, Duration.ofSeconds(90));
        return new HubProcess(port, process, Duration.ofNanos(System.nanoTime() - started));
    }

    private static String propertyOf(String argument) {
        return argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
    }

    static void resetSchema(BenchSettings settings) throws Exception {
        try (Connection db = DriverManager.getConnection(settings.databaseUrl().replaceAll("\\?.*$", ""), "postgres", "");
             Statement sql = db.createStatement()) {
            sql.execute("drop schema if exists " + settings.schema() + " cascade");
            sql.execute("create schema " + settings.schema());
        }
    }

    private static void awaitHealthy(String base, Process process, Path log, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the hub stopped; see " + log);
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the hub was not healthy within " + timeout + "; see " + log);
    }

    /**
     * CPU time the hub's process has used so far, user and system, in seconds (/proc/&lt;pid&gt;/stat, Linux):
     * a cost per change that holds on a shared machine, where wall-clock figures swing with the neighbours.
     */
    double cpuSeconds() throws Exception {
        return cpuSeconds(process.pid());
    }

    long pid() {
        return process.pid();
    }

    static double cpuSeconds(long pid) throws Exception {
        return cpuTicks(statFields(pid)) / (double) CLOCK_TICKS;
    }

    /** The kernel's share of {@link #cpuSeconds(long)}: stime. */
    static double systemSeconds(long pid) throws Exception {
        return Long.parseLong(statFields(pid)[12]) / (double) CLOCK_TICKS;
    }

    /**
     * Of {@link #cpuSeconds(long)}, what the JIT's compiler threads used (/proc/[pid]/task: the threads the JVM
     * names "C1 CompilerThread..." and "C2 CompilerThread...", 15 characters of it). A compiler thread the
     * JVM ends takes its time with it; with CICompilerCount 2 (2 cores) the JVM keeps both.
     */
    static double compilerSeconds(long pid) throws Exception {
        long ticks = 0;
        try (java.util.stream.Stream<Path> threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (java.io.IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    ticks += cpuTicks(statFields(stat));
                }
            }
        }
        return ticks / (double) CLOCK_TICKS;
    }

    /** The process's /proc/[pid]/stat fields ({@link #statFields(String)}). */
    private static String[] statFields(long pid) throws Exception {
        return statFields(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
    }

    /** A /proc stat line's fields after "pid (comm) " (of a process or a thread), so state (field 3) is the first. */
    private static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** utime + stime (fields 14 and 15), in clock ticks. */
    private static long cpuTicks(String[] fields) {
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The kernel's clock ticks per second (getconf CLK_TCK; 100 on every common Linux). */
    static final long CLOCK_TICKS = clockTicks();

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (Exception e) {
            return 100;
        }
    }

    /** Resident memory of the hub's process, from /proc (Linux). */
    long residentBytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + process.pid());
    }

    /**
     * Where the hub's memory goes, by the JVM's native memory tracking (on when the hub runs with
     * -XX:NativeMemoryTracking=summary): one "category: committed KB" line per area, largest first.
     */
    List<String> committedByArea() throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(process.pid()), "VM.native_memory", "summary").redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor();
        java.util.regex.Matcher area = java.util.regex.Pattern
                .compile("-\\s+([A-Za-z][A-Za-z ]*?) \\(reserved=\\d+KB, committed=(\\d+)KB\\)").matcher(out);
        List<String> areas = new ArrayList<>();
        while (area.find()) {
            areas.add(area.group(1).trim() + ": " + area.group(2));
        }
        areas.sort(java.util.Comparator.comparingLong((String a) -> Long.parseLong(a.substring(a.lastIndexOf(' ') + 1))).reversed());
        return areas;
    }

    /** SIGTERM, as a service manager stops it: how long the process took to end, or null if it still ran after {@code wait}. */
    Duration terminate(Duration wait) throws InterruptedException {
        long started = System.nanoTime();
        process.destroy(); // SIGTERM on Linux
        return process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS) ? Duration.ofNanos(System.nanoTime() - started) : null;
    }

    /** kill -9: no shutdown hook, no graceful anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux
        process.waitFor();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
