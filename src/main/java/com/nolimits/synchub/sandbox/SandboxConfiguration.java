package com.nolimits.synchub.sandbox;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** The sandboxes exist only under the "sandbox" profile; the hub never depends on them. */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
@EnableConfigurationProperties(SandboxProperties.class)
public class SandboxConfiguration {
}
