package com.nolimits.synchub;

import com.nolimits.synchub.api.ApiClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the hub's tests talk to it with, as beans of the test context: the management API as the
 * operator, and the demo sandboxes. Part of {@link HubTest} and {@link OutboundTest}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClients {

    @Bean
    ApiClient operatorApi(TestRestTemplate http) {
        return new ApiClient(http);
    }

    /** The port is known before the server starts: {@link FreePortInitializer} chose it. */
    @Bean
    Sandboxes sandboxes(@Value("${server.port}") int port, JdbcTemplate jdbc,
                        com.nolimits.synchub.platform.jtl.JtlTokens jtlTokens) {
        return new Sandboxes(port, jdbc, jtlTokens);
    }
}
