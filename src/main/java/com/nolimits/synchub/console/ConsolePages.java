package com.nolimits.synchub.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The operator's console: plain HTML and JavaScript modules in the jar (static/console/), which read and
 * change everything through the management API with the browser's login session. Who may open it:
 * security/SecurityConfiguration.
 */
@Configuration
public class ConsolePages implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console", "/console/");
        registry.addViewController("/console/").setViewName("forward:/console/index.html");
    }
}
