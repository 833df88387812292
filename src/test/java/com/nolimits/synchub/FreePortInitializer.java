package com.nolimits.synchub;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Picks a free port before the context starts, so that properties built from server.port (the sandbox
 * channels' base URLs) point at the port the hub really listens on.
 */
public class FreePortInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("free-port", Map.of("server.port", port)));
    }
}
