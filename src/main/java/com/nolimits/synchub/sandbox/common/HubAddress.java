package com.nolimits.synchub.sandbox.common;

import com.nolimits.synchub.sandbox.SandboxProperties;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Where the sandboxes send webhooks: sandbox.hub-url, or this process's own port once it is known. */
@Component
@Profile("sandbox")
public class HubAddress {

    private final String configured;
    private volatile int port = 8080;

    public HubAddress(SandboxProperties properties) {
        this.configured = properties.getHubUrl();
    }

    @EventListener
    void serverStarted(ServletWebServerInitializedEvent event) {
        port = event.getWebServer().getPort();
    }

    public String baseUrl() {
        if (configured != null && !configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        return "http://127.0.0.1:" + port;
    }
}
