package com.nolimits.synchub.security;

import com.nolimits.synchub.channel.ClientDirectory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Authenticates a request by its {@code X-API-Key} header: the operator's key, or a client's own key
 * (sync.clients.&lt;id&gt;.api-key). A key that matches none is refused at once with 401 and counted
 * against the sender's address ({@link FailedLoginThrottle}); keys are compared in constant time and never logged.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-API-Key";
    private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);

    private final OperatorCredentials operator;
    private final ClientDirectory clients;
    private final FailedLoginThrottle throttle;

    ApiKeyFilter(OperatorCredentials operator, ClientDirectory clients, FailedLoginThrottle throttle) {
        this.operator = operator;
        this.clients = clients;
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        Caller caller = callerOf(key);
        if (caller == null) {
            log.warn("Refused {} {}: unknown API key", request.getMethod(), request.getRequestURI());
            throttle.failed(request.getRemoteAddr());
            JsonErrors.write(response, 401, "the API key is not valid");
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken(caller, null, AuthorityUtils.createAuthorityList(
                "ROLE_" + (caller.isOperator() ? Caller.OPERATOR_ROLE : Caller.CLIENT_ROLE)));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        chain.doFilter(request, response);
    }

    private Caller callerOf(String key) {
        if (same(key, operator.apiKey())) {
            return Caller.operator(operator.username());
        }
        return clients.clients().entrySet().stream().filter(client -> same(key, client.getValue().getApiKey()))
                .map(client -> Caller.client(client.getKey())).findFirst().orElse(null);
    }

    /** Compared in constant time; a blank expected key matches nothing. */
    static boolean same(String given, String expected) {
        return expected != null && !expected.isBlank()
                && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
