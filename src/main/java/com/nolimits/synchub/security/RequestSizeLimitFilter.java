package com.nolimits.synchub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses a management API request whose declared body is larger than sync.security.max-request-bytes
 * with 413, before anything reads it. A body without a declared length (chunked) is refused too: the
 * API's clients always know the length of their JSON.
 */
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    RequestSizeLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean chunked = length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length > maxBytes || chunked) {
            JsonErrors.write(response, 413, chunked ? "send the request body with a Content-Length"
                    : "the request body is larger than " + maxBytes + " bytes");
            return;
        }
        chain.doFilter(request, response);
    }
}
