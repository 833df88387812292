package com.nolimits.synchub.channel;

import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The hub's address as the platforms reach it (sync.public-url): where they send webhooks and where
 * JTL-FFN sends the merchant back after a connect. Unset, it is this process on 127.0.0.1, which only
 * the built-in sandboxes reach.
 */
@Component
public class PublicUrl {

    private final String configured;
    private volatile int port = 8080;

    public PublicUrl(SyncProperties properties) {
        String configured = properties.getPublicUrl();
        this.configured = configured == null ? "" : configured.trim().replaceAll("/+$", "");
    }

    @EventListener
    void serverStarted(ServletWebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            port = event.getWebServer().getPort();
        }
    }

    public boolean configured() {
        return !configured.isEmpty();
    }

    /** The base, without a trailing slash: https://hub.example.com */
    public String base() {
        return configured() ? configured : "http://127.0.0.1:" + port;
    }

    /** The absolute address of one of the hub's paths ("/api/..."). */
    public String of(String path) {
        return base() + path;
    }
}
