package com.nolimits.synchub;

/** The operator's credentials of test contexts, and the test client acme's own key (application-test.yaml). */
public final class TestCredentials {

    public static final String OPERATOR_KEY = "test-operator-key";
    public static final String OPERATOR_PASSWORD = "test-operator-password";
    public static final String ACME_KEY = "acme-test-key";

    public static final String OPERATOR_KEY_PROPERTY = "sync.security.operator-api-key=" + OPERATOR_KEY;
    public static final String OPERATOR_PASSWORD_PROPERTY = "sync.security.operator-password=" + OPERATOR_PASSWORD;

    private TestCredentials() {
    }
}
