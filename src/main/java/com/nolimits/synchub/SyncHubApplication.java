package com.nolimits.synchub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.metrics.LogbackMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The hub. Without Logback's metrics (logback.events): they hang a filter into every logger's level check,
 * which is made dozens of times per webhook by Camel and Spring even when nothing is logged; the hub's own
 * meters (README, "Metrics") count what the log would.
 */
@SpringBootApplication(exclude = LogbackMetricsAutoConfiguration.class)
public class SyncHubApplication {
    public static void main(String[] args) {
        SpringApplication.run(SyncHubApplication.class, args);
    }
}
