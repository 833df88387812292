package com.nolimits.synchub.sandbox;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Profile;

/**
 * The three sandboxes on their own, without the hub and without a database:
 * {@code mvn spring-boot:run -Dspring-boot.run.main-class=com.nolimits.synchub.sandbox.SandboxApplication
 * -Dspring-boot.run.arguments="--server.port=9090 --sandbox.hub-url=http://localhost:8080"}.
 */
public final class SandboxApplication {

    private SandboxApplication() {
    }

    public static void main(String[] args) {
        start(args);
    }

    public static ConfigurableApplicationContext start(String... args) {
        // as arguments, so they win over application.yaml: the hub's routes are not the sandboxes',
        // and they have no database for the hub's readiness group to include
        String[] all = new String[args.length + 3];
        all[0] = "--spring.application.name=platform-sandboxes";
        all[1] = "--camel.main.routes-include-pattern=classpath:no-routes-in-the-sandboxes/*.yaml";
        all[2] = "--management.endpoint.health.group.readiness.include=readinessState";
        System.arraycopy(args, 0, all, 3, args.length);
        return new SpringApplicationBuilder(Standalone.class).profiles("sandbox", "sandbox-standalone").run(all);
    }

    /** Active only when started by {@link #main}: the hub's own scan skips it. */
    @Profile("sandbox-standalone")
    @SpringBootConfiguration
    @EnableAutoConfiguration(exclude = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration.class,
            // the sandboxes check the platforms' own credentials; the hub's login is not theirs
            org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration.class,
            org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration.class,
            org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration.class})
    @ComponentScan(basePackageClasses = SandboxApplication.class)
    static class Standalone {
    }
}
