package com.nolimits.synchub.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code sync.security.*} settings (application.yaml). Secrets come from the environment;
 * a client's own API key is {@code sync.clients.<id>.api-key}.
 */
@ConfigurationProperties(prefix = "sync.security")
public class AccessSettings {

    /** The operator's API key (header X-API-Key): every client, Hawtio, actuator. */
    private String operatorApiKey;
    /** The operator's user name and password for HTTP Basic and the Hawtio login. */
    private String operatorUsername = "operator";
    private String operatorPassword;
    /** Largest management API request body, in bytes; larger ones are answered 413. */
    private long maxRequestBytes = 262_144;
    /** Wrong API keys and passwords one address may send per minute; more are answered 429 until the minute is over. */
    private int failedAttemptsPerMinute = 10;

    public String getOperatorApiKey() { return operatorApiKey; }
    public void setOperatorApiKey(String operatorApiKey) { this.operatorApiKey = operatorApiKey; }
    public String getOperatorUsername() { return operatorUsername; }
    public void setOperatorUsername(String operatorUsername) { this.operatorUsername = operatorUsername; }
    public String getOperatorPassword() { return operatorPassword; }
    public void setOperatorPassword(String operatorPassword) { this.operatorPassword = operatorPassword; }
    public long getMaxRequestBytes() { return maxRequestBytes; }
    public void setMaxRequestBytes(long maxRequestBytes) { this.maxRequestBytes = maxRequestBytes; }
    public int getFailedAttemptsPerMinute() { return failedAttemptsPerMinute; }
    public void setFailedAttemptsPerMinute(int failedAttemptsPerMinute) { this.failedAttemptsPerMinute = failedAttemptsPerMinute; }

    @Override
    public String toString() { // never the secrets
        return "AccessSettings{operatorUsername=" + operatorUsername + ", operatorApiKey=" + (blank(operatorApiKey) ? "unset" : "set")
                + ", operatorPassword=" + (blank(operatorPassword) ? "unset" : "set") + "}";
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
