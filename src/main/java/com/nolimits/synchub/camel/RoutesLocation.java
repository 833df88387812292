package com.nolimits.synchub.camel;

import org.apache.camel.spring.boot.CamelConfigurationProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the YAML routes are read from, decided once at start-up: the folder {@code sync.routes-dir}
 * (SYNC_ROUTES_DIR, default {@code routes} in the working directory) when it exists, so a user edits and
 * reloads them without a rebuild; else the routes packaged in the jar, so the jar starts from any
 * directory. An explicit {@code camel.main.routes-include-pattern} wins over both. The log says which.
 */
@Component
public class RoutesLocation implements BeanPostProcessor, EnvironmentAware {

    static final String PACKAGED = "classpath:routes/*.camel.yaml";
    private static final Logger log = LoggerFactory.getLogger(RoutesLocation.class);

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof CamelConfigurationProperties camel) {
            choose(camel.getMain());
        }
        return bean;
    }

    private void choose(CamelConfigurationProperties.Main main) {
        String explicit = environment.getProperty("camel.main.routes-include-pattern");
        if (explicit != null) {
            log.info("Routes: {} (camel.main.routes-include-pattern)", explicit);
            return;
        }
        Path folder = Path.of(environment.getProperty("sync.routes-dir", "routes"));
        if (Files.isDirectory(folder)) {
            main.setRoutesIncludePattern("file:" + folder + "/*.camel.yaml");
            main.setRoutesReloadDirectory(folder.toString());
            log.info("Routes: the folder {} (sync.routes-dir); reloaded on change: {}", folder.toAbsolutePath().normalize(),
                    main.isRoutesReloadEnabled());
        } else {
            main.setRoutesIncludePattern(PACKAGED);
            main.setRoutesReloadEnabled(false); // nothing to watch
            log.info("Routes: the defaults packaged in the jar (no folder {} in {}; set SYNC_ROUTES_DIR to use one)",
                    folder, Path.of("").toAbsolutePath());
        }
    }
}
