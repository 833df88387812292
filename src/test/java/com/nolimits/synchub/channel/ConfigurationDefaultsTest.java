package com.nolimits.synchub.channel;

import com.nolimits.synchub.security.AccessSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each default is declared in the typed settings (SyncProperties, AccessSettings) and documented, with its
 * environment variable, in application.yaml: bound with no variable set, the file gives exactly the
 * classes' defaults. And the configuration processor's metadata describes the keys.
 */
class ConfigurationDefaultsTest {

    @Test
    void theDocumentedDefaultsAreTheTypedDefaults() throws IOException {
        Binder binder = packagedDefaultsOnly();

        SyncProperties bound = binder.bind("sync", SyncProperties.class).get();
        // the clients are the demo client's; the secrets have no default (unset: empty in the file, null here)
        assertThat(bound).usingRecursiveComparison().ignoringFields("clients", "shopifyWebhookSecret")
                .isEqualTo(new SyncProperties());
        AccessSettings access = binder.bind("sync.security", AccessSettings.class).get();
        assertThat(access).usingRecursiveComparison().ignoringFields("operatorApiKey", "operatorPassword")
                .isEqualTo(new AccessSettings());
    }

    @Test
    void theJarDescribesTheSyncKeysForEditors() throws IOException {
        String metadata = Files.readString(Path.of("target/classes/META-INF/spring-configuration-metadata.json"));
        assertThat(metadata).contains("\"name\": \"sync.queue.retry-delay\"", "\"name\": \"sync.webhooks.max-body-size\"",
                "\"name\": \"sync.cleanup.after-days\"", "First retry delay, doubled each attempt.");
    }

    /** src/main/resources/application.yaml alone: no environment variable, no system property. */
    private static Binder packagedDefaultsOnly() throws IOException {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"));
        MutablePropertySources sources = new MutablePropertySources();
        yaml.forEach(sources::addLast);
        return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
    }
}
