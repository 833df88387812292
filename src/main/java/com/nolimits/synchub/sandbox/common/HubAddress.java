package com.nolimits.synchub.sandbox.common;

import com.nolimits.synchub.sandbox.SandboxProperties;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * sandbox.hub-url: webhook subscriptions made by hand in the platforms' admin, pointing at a hub there.
 * Unset (the default), the sandboxes have no subscription until an app registers one through their API,
 * and deliver to nobody, as a new shop does.
 */
@Component
@Profile("sandbox")
public class HubAddress {

    private final String configured;

    public HubAddress(SandboxProperties properties) {
        this.configured = properties.getHubUrl();
    }

    /** The base of the admin-made subscriptions' addresses, e.g. http://hub/api/integrations/webhooks/shopify-enhanced. */
    public Optional<String> adminWebhookBase(String path) {
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(configured.replaceAll("/+$", "") + path);
    }
}
