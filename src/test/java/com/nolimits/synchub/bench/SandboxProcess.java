package com.nolimits.synchub.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The three sandboxes in a process of their own (SandboxApplication), for the fault runs that kill the
 * hub: the platforms must outlive it, as real ones do. Their webhooks go where the hub registers them
 * (its channels have register-webhooks, so each start of the hub makes its subscriptions right).
 */
public final class SandboxProcess implements AutoCloseable {

    final int port;
    public final String base;
    private final Process process;

    private SandboxProcess(int port, Process process) {
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
        this.process = process;
    }

    /** Starts the sandboxes with extra arguments (--sandbox.shopify.demo.restore-rate=10, say). */
    public static SandboxProcess start(Path workDir, List<String> arguments) throws Exception {
        int port = HubProcess.freePort();
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "com.nolimits.synchub.sandbox.SandboxApplication",
                "--server.port=" + port));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("sandboxes-" + System.nanoTime() + ".log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly)); // not left behind by Ctrl-C
        SandboxProcess sandboxes = new SandboxProcess(port, process);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(sandboxes.base + "/sandbox/shopify/demo/journal")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return sandboxes;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the sandboxes did not start");
    }

    /** Hub arguments that point the demo client's three channels at these sandboxes. */
    public List<String> channelArguments() {
        String channels = "--sync.clients.demo.channels.";
        return List.of(channels + "demo-shopify.base-url=" + base + "/sandbox/shopify/demo",
                channels + "demo-woo.base-url=" + base + "/sandbox/woocommerce/demo",
                channels + "demo-jtl.base-url=" + base + "/sandbox/jtl/demo/api");
    }

    /** What the sandbox of one platform (shopify, woocommerce, jtl) answers at a path of the demo account. */
    public String demo(String platform, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/sandbox/" + platform + "/demo" + path))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
