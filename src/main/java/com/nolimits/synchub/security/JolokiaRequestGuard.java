package com.nolimits.synchub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * What Jolokia's own policy (src/main/resources/jolokia-access.xml) cannot say, checked before a request
 * reaches it: a request that changes state ({@code exec}, {@code write}, or any command but the four
 * that only read) comes by POST, never by a GET that a link or an image can make; and a request sent
 * from a page of another origin is refused, whatever cookie it carries. Hawtio sends its requests by
 * POST from the hub's own origin.
 */
class JolokiaRequestGuard extends OncePerRequestFilter {

    static final String PATH = "/actuator/jolokia";
    private static final Set<String> READ_ONLY = Set.of("read", "list", "version", "search");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals(PATH) || path.startsWith(PATH + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader("Origin");
        if (origin != null && !sameOrigin(origin, request)) {
            JsonErrors.write(response, 403, "Jolokia takes no request from another origin");
            return;
        }
        if (!"POST".equals(request.getMethod()) && !READ_ONLY.contains(command(request))) {
            response.setHeader("Allow", "POST");
            JsonErrors.write(response, 405, "Jolokia's " + command(request) + " is taken only by POST");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The command of a GET request: the first path segment after the agent's path, or the p parameter's; none is version. */
    static String command(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length() + PATH.length());
        String p = request.getParameter("p");
        String command = p != null && path.replace("/", "").isEmpty() ? p : path;
        command = command.replaceFirst("^/+", "");
        int slash = command.indexOf('/');
        command = (slash < 0 ? command : command.substring(0, slash)).toLowerCase(Locale.ROOT);
        return command.isEmpty() ? "version" : command; // GET on the agent itself answers its version
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        try {
            URI uri = URI.create(origin);
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            return request.getScheme().equalsIgnoreCase(uri.getScheme()) && request.getServerName().equalsIgnoreCase(uri.getHost())
                    && request.getServerPort() == port;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
