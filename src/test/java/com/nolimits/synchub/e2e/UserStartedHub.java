package com.nolimits.synchub.e2e;

import com.nolimits.synchub.SyncHubApplication;
import com.nolimits.synchub.security.OperatorCredentials;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * The hub as the README's run command starts it: the sandbox profile with its built-in platforms, the
 * embedded database (here in a temporary folder), no credentials given, so it makes up the operator's
 * key and password and prints them. Nothing of the test profile.
 */
final class UserStartedHub implements AutoCloseable {

    final ConfigurableApplicationContext context;
    final String base;
    final String operatorKey;
    final String operatorPassword;
    private final boolean jmxWasDisabled;

    UserStartedHub(Path dataDir, String... moreArguments) throws Exception {
        // camel-test turns Camel's JMX off for the whole JVM once any @CamelSpringBootTest ran; a real start
        // has it on, and Hawtio shows routes only through it (the e2e tests also run in a JVM of their own)
        jmxWasDisabled = org.apache.camel.impl.DefaultCamelContext.isDisableJmx();
        org.apache.camel.impl.DefaultCamelContext.setDisableJmx(false);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try {
            java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of(
                    "--server.port=" + port, "--sync.embedded-db.data-dir=" + dataDir.resolve("pg")));
            arguments.addAll(java.util.List.of(moreArguments));
            context = new SpringApplicationBuilder(SyncHubApplication.class).profiles("sandbox").run(arguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            org.apache.camel.impl.DefaultCamelContext.setDisableJmx(jmxWasDisabled);
            throw e;
        }
        base = "http://127.0.0.1:" + port;
        OperatorCredentials operator = context.getBean(OperatorCredentials.class);
        operatorKey = operator.apiKey();
        operatorPassword = operator.password();
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            org.apache.camel.impl.DefaultCamelContext.setDisableJmx(jmxWasDisabled);
        }
    }
}
