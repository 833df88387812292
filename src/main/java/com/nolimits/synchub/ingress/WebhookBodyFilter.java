package com.nolimits.synchub.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What reaches a webhook route, decided before Spring or Camel read anything:
 * <ul>
 *   <li>the body is read here, at most sync.webhooks.max-body-size of it: a longer one, chunked or
 *       not, is answered 413 as soon as the limit is passed, so no body is ever held whole in memory;</li>
 *   <li>a form-encoded body is WooCommerce's unsigned ping or nothing: a platform's event is JSON (400
 *       otherwise, where Tomcat would have parsed it into parameters and left the route no body);</li>
 *   <li>the route sees no query parameters: Camel maps them to headers, and a signature, topic or shop
 *       domain must come from the platform's headers, never from a URL anyone can write.</li>
 * </ul>
 */
class WebhookBodyFilter extends OncePerRequestFilter {

    private static final Pattern PING = Pattern.compile("webhook_id=\\d+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long maxBytes;

    WebhookBodyFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuse(response, 413, "the body is larger than " + maxBytes + " bytes");
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), maxBytes);
        if (body == null) {
            refuse(response, 413, "the body is larger than " + maxBytes + " bytes");
            return;
        }
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase();
        if ((type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/"))
                && !PING.matcher(new String(body, StandardCharsets.UTF_8).trim()).matches()) {
            refuse(response, 400, "a webhook's body is JSON (Content-Type: application/json); the only form body "
                    + "taken is WooCommerce's ping, webhook_id=N");
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    /** The body, or null once it is longer than the limit (the rest is never read). */
    static byte[] readAtMost(InputStream in, long max) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8));
        return in.read() == -1 ? body : null;
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("success", false);
        answer.put("error", message);
        JSON.writeValue(response.getOutputStream(), answer);
    }

    /** The request with its body already read, and no query parameters. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public String getQueryString() {
            return null;
        }

        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }
    }
}
