package com.nolimits.synchub.security;

import com.nolimits.synchub.channel.ClientDirectory;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may call what. Three filter chains, first match wins:
 * <ol>
 *   <li>open: webhooks (authenticated by their HMAC signature in the routes), JTL-FFN's connect callback
 *       (checked by its single-use state), the sandboxes (they check the platforms' own credentials) and
 *       the OpenAPI description;</li>
 *   <li>the management API: an API key (X-API-Key, operator or client), the operator's HTTP Basic login,
 *       or the operator's browser session from the login form (then with the CSRF token on changes, as
 *       Hawtio sends it), answered in the API's JSON envelope (401, 403);</li>
 *   <li>everything else (the console, Hawtio, Jolokia, the actuator endpoints): the operator, by form
 *       login, HTTP Basic or API key; a browser session with a CSRF cookie that Hawtio and the console send
 *       back. The console (/console/) also lets a client in, by its id and API key on the same form
 *       ({@link ClientKeyLogin}); it then reaches only that client. Health is open, its details only for
 *       the operator.</li>
 * </ol>
 */
@Configuration
@EnableConfigurationProperties(AccessSettings.class)
public class SecurityConfiguration {

    static final String API = "/api/integrations/product-sync/**";

    @Bean
    @Order(1)
    SecurityFilterChain openEndpoints(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/integrations/webhooks/**", "/api/integrations/jtl/oauth/callback", "/sandbox/**",
                        "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .headers(headers -> headers.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain managementApi(HttpSecurity http, OperatorCredentials operator, ClientDirectory clients,
                                      AccessSettings settings, FailedLoginThrottle throttle) throws Exception {
        return http.securityMatcher(API)
                .addFilterBefore(new RequestSizeLimitFilter(settings.getMaxRequestBytes()), BasicAuthenticationFilter.class)
                .addFilterBefore(new ApiKeyFilter(operator, clients, throttle), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) ->
                        JsonErrors.write(response, 401, "credentials are missing or wrong: send the header X-API-Key, or HTTP Basic")))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) ->
                                JsonErrors.write(response, 401, "credentials are missing: send the header X-API-Key, or HTTP Basic"))
                        .accessDeniedHandler((request, response, e) -> JsonErrors.write(response, 403,
                                e instanceof org.springframework.security.web.csrf.CsrfException
                                        ? "a change in a browser session needs its CSRF token: send the XSRF-TOKEN cookie's value as the header X-XSRF-TOKEN"
                                        : "not allowed")))
                // a browser's session (the operator logged in through the form) is read, never made here; a
                // change riding on that session cookie needs the CSRF token, a request with a key does not
                .securityContext(context -> context.securityContextRepository(new DelegatingSecurityContextRepository(
                        new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository())))
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(plainCsrfToken())
                        .requireCsrfProtectionMatcher(this::changeOnASession))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain consoleAndActuator(HttpSecurity http, OperatorCredentials operator, ClientDirectory clients,
                                           FailedLoginThrottle throttle) throws Exception {
        return http
                .addFilterBefore(new JolokiaRequestGuard(), BasicAuthenticationFilter.class)
                .addFilterBefore(new ApiKeyFilter(operator, clients, throttle), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/login", "/logout", "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/console", "/console/**").hasAnyRole(Caller.OPERATOR_ROLE, Caller.CLIENT_ROLE)
                        .anyRequest().hasRole(Caller.OPERATOR_ROLE))
                .authenticationProvider(new ClientKeyLogin(clients))
                .formLogin(form -> form.defaultSuccessUrl("/console/", false))
                .httpBasic(basic -> { })
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(plainCsrfToken())
                        .ignoringRequestMatchers(this::carriesCredentials))
                .headers(headers -> headers
                        // the console's own files only: no inline script, nothing from elsewhere (Hawtio is left as it is)
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                PathPatternRequestMatcher.withDefaults().matcher("/console/**"),
                                new ContentSecurityPolicyHeaderWriter("default-src 'self'; object-src 'none'; base-uri 'none'; "
                                        + "form-action 'self'; frame-ancestors 'none'")))
                        .frameOptions(frame -> frame.sameOrigin())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /** Hawtio echoes the XSRF-TOKEN cookie as is; loaded on every request, so the cookie is always there. */
    private static CsrfTokenRequestAttributeHandler plainCsrfToken() {
        CsrfTokenRequestAttributeHandler plainToken = new CsrfTokenRequestAttributeHandler();
        plainToken.setCsrfRequestAttributeName(null);
        return plainToken;
    }

    /** A change (not GET, HEAD, OPTIONS) that a browser may send with the session cookie alone. */
    private boolean changeOnASession(HttpServletRequest request) {
        return !java.util.Set.of("GET", "HEAD", "OPTIONS", "TRACE").contains(request.getMethod())
                && request.getRequestedSessionId() != null && !carriesCredentials(request);
    }

    /**
     * A request that sends an API key is no browser riding on a session cookie: a page of another origin
     * cannot set that header without a CORS preflight the hub never grants. Basic credentials are no such
     * proof, since a browser that logged in with them sends them along by itself.
     */
    private boolean carriesCredentials(HttpServletRequest request) {
        return request.getHeader(ApiKeyFilter.HEADER) != null;
    }

    /**
     * No observation (timer, long-task timer, span) per security filter and request: with Micrometer on the
     * class path Spring Security wraps every filter of every chain in one, which cost about 8% of the hub's
     * CPU under webhook load (docs/benchmarks.md). Requests are still timed as a whole (http.server.requests).
     */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** The operator's login for HTTP Basic and Hawtio; none when no password is set. */
    @Bean
    UserDetailsService operatorLogin(OperatorCredentials operator, PasswordEncoder encoder) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        if (operator.password() != null) {
            users.createUser(User.withUsername(operator.username()).password(encoder.encode(operator.password()))
                    .roles(Caller.OPERATOR_ROLE).build());
        }
        return users;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
