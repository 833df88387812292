package com.nolimits.synchub.outbound;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.stereotype.Component;

/**
 * The HTTP client of the push routes (httpClientConfigurer=#platformHttpClient). Apache HttpClient
 * retries 429 and 503 by itself, waiting out Retry-After inside the dispatcher's thread; the hub's job
 * retry (outbound/JobOutcome) does that instead, visibly and without blocking other jobs.
 */
@Component("platformHttpClient")
public class PlatformHttpClient implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableAutomaticRetries();
    }
}
