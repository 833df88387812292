package com.nolimits.synchub.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The operator's API key and password. Production has none built in: unset, the management API and
 * Hawtio refuse everyone. The sandbox profile (the demo) makes up a key and a password at start-up and
 * prints them, the way Spring Boot prints a generated password, so the demo works with nothing set.
 */
@Component
public class OperatorCredentials {

    private static final Logger log = LoggerFactory.getLogger(OperatorCredentials.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String username;
    private final String apiKey;
    private final String password;

    public OperatorCredentials(AccessSettings settings, Environment environment) {
        this.username = settings.getOperatorUsername();
        boolean sandbox = environment.acceptsProfiles(Profiles.of("sandbox"));
        boolean noneSet = AccessSettings.blank(settings.getOperatorApiKey()) && AccessSettings.blank(settings.getOperatorPassword());
        if (sandbox && noneSet) {
            this.apiKey = generated();
            this.password = generated();
            log.warn("""

                    Sandbox operator credentials (made up for this run; set SYNC_OPERATOR_API_KEY or SYNC_OPERATOR_PASSWORD to choose your own):
                      API key (header X-API-Key): {}
                      Hawtio and HTTP Basic:      user {}, password {}
                    """, apiKey, username, password);
        } else {
            this.apiKey = AccessSettings.blank(settings.getOperatorApiKey()) ? null : settings.getOperatorApiKey();
            this.password = AccessSettings.blank(settings.getOperatorPassword()) ? null : settings.getOperatorPassword();
            if (noneSet) {
                log.warn("No operator credentials are set (SYNC_OPERATOR_API_KEY, SYNC_OPERATOR_PASSWORD): "
                        + "the management API and Hawtio refuse every request that is not a client's own API key");
            }
        }
    }

    private static String generated() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String username() {
        return username;
    }

    /** @return the API key, or null when there is none */
    public String apiKey() {
        return apiKey;
    }

    /** @return the password, or null when there is none */
    public String password() {
        return password;
    }
}
