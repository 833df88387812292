package com.nolimits.synchub;

/** The operator's credentials of test contexts, and the test client acme's own key (application-test.yaml). */
public final class TestCredentials {

    public static final String OPERATOR_KEY = "test-operator-key";
    public static final String OPERATOR_PASSWORD = "test-operator-password";
    public static final String ACME_KEY = "acme-test-key";

    public static final String OPERATOR_KEY_PROPERTY = "sync.security.operator-api-key=" + OPERATOR_KEY;
    public static final String OPERATOR_PASSWORD_PROPERTY = "sync.security.operator-password=" + OPERATOR_PASSWORD;
    /** Wrong credentials one address may send per minute: the tests that check refusals all share 127.0.0.1. */
    public static final int FAILED_ATTEMPTS_PER_MINUTE = 30;
    public static final String FAILED_ATTEMPTS_PROPERTY = "sync.security.failed-attempts-per-minute=" + FAILED_ATTEMPTS_PER_MINUTE;

    private TestCredentials() {
    }
}
