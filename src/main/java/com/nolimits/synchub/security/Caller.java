package com.nolimits.synchub.security;

/**
 * Who is calling the management API: the operator (every client) or one client (only its own data).
 * The principal of an authenticated request.
 */
public record Caller(String name, String clientId) {

    public static final String OPERATOR_ROLE = "OPERATOR";
    public static final String CLIENT_ROLE = "CLIENT";

    public static Caller operator(String name) {
        return new Caller(name, null);
    }

    public static Caller client(String clientId) {
        return new Caller("client " + clientId, clientId);
    }

    public boolean isOperator() {
        return clientId == null;
    }

    public boolean mayAccess(String client) {
        return isOperator() || clientId.equals(client);
    }

    @Override
    public String toString() {
        return name;
    }
}
