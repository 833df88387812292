package com.nolimits.synchub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: an address that sent sync.security.failed-attempts-per-minute wrong API keys or
 * passwords within a minute is answered 429 on every request that carries credentials, until its minute
 * is over. Counted per instance, in memory: a guesser spread over several instances still meets each one's limit.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER - 10) // a servlet filter ahead of Spring Security's, which checks the credentials
public class FailedLoginThrottle extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FailedLoginThrottle.class);
    private static final long WINDOW_MILLIS = 60_000;
    private static final int MAX_ADDRESSES = 100_000;

    /** Failures of one address in its current minute. */
    private record Window(long startedAt, int failures) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int limit;
    private final Clock clock;

    public FailedLoginThrottle(AccessSettings settings, Clock clock) {
        this.limit = settings.getFailedAttemptsPerMinute();
        this.clock = clock;
    }

    /** Counts a wrong API key (security/ApiKeyFilter) or password. */
    void failed(String address) {
        long now = clock.millis();
        if (windows.size() > MAX_ADDRESSES) {
            windows.values().removeIf(w -> now - w.startedAt() >= WINDOW_MILLIS);
        }
        Window window = windows.compute(address, (a, w) -> w == null || now - w.startedAt() >= WINDOW_MILLIS
                ? new Window(now, 1) : new Window(w.startedAt(), w.failures() + 1));
        if (window.failures() == limit) {
            log.warn("{} sent {} wrong credentials within a minute: refused with 429 for the rest of it", address, limit);
        }
    }

    /** Seconds the address must wait, 0 when it may try. */
    long waitSeconds(String address) {
        Window window = windows.get(address);
        long elapsed = window == null ? WINDOW_MILLIS : clock.millis() - window.startedAt();
        if (window == null || elapsed >= WINDOW_MILLIS || window.failures() < limit) {
            return 0;
        }
        return Math.max(1, (WINDOW_MILLIS - elapsed + 999) / 1000);
    }

    /** Spring Security's own failures: a wrong HTTP Basic or form-login password. */
    @EventListener
    public void onBadCredentials(AuthenticationFailureBadCredentialsEvent event) {
        if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null) {
            failed(details.getRemoteAddress());
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        boolean login = "POST".equals(request.getMethod()) && request.getRequestURI().equals(request.getContextPath() + "/login");
        return !login && request.getHeader(ApiKeyFilter.HEADER) == null && request.getHeader("Authorization") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long wait = waitSeconds(request.getRemoteAddr());
        if (wait > 0) {
            response.setHeader("Retry-After", String.valueOf(wait));
            JsonErrors.write(response, 429, "too many wrong credentials from this address: try again in " + wait + " s");
            return;
        }
        chain.doFilter(request, response);
    }
}
