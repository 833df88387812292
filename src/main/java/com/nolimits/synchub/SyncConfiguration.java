package com.nolimits.synchub;

import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.channel.SyncProperties;
import com.nolimits.synchub.merge.FieldOwnershipFile;
import com.nolimits.synchub.merge.OwnershipMerge;
import com.nolimits.synchub.merge.OwnershipRules;
import com.nolimits.synchub.store.ClientStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Wires the plain beans: ownership rules from their file, the merge, the clients and channels. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SyncProperties.class)
public class SyncConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SyncConfiguration.class);

    /**
     * The file sync.field-ownership-file when it exists, else the packaged defaults; a file other than the
     * default one must exist (a typo in SYNC_FIELD_OWNERSHIP_FILE stops start-up, it never falls back).
     */
    @Bean
    OwnershipRules ownershipRules(SyncProperties properties) {
        Path file = Path.of(properties.getFieldOwnershipFile());
        if (Files.exists(file) || !file.equals(Path.of(SyncProperties.DEFAULT_FIELD_OWNERSHIP_FILE))) {
            log.info("Field ownership: {} (replaces the packaged defaults)", file.toAbsolutePath().normalize());
            return FieldOwnershipFile.load(file);
        }
        log.info("Field ownership: the defaults packaged in the jar (no {} in {})", file, Path.of("").toAbsolutePath());
        return FieldOwnershipFile.loadPackaged();
    }

    @Bean
    OwnershipMerge ownershipMerge(OwnershipRules rules) {
        return new OwnershipMerge(rules);
    }

    @Bean
    ClientDirectory clientDirectory(SyncProperties properties, OwnershipRules rules) {
        return new ClientDirectory(properties, rules);
    }

    /** Before any route or request runs, the configured clients and channels exist as rows. */
    @Bean
    SmartInitializingSingleton mirrorClientsAtStartup(ClientStore store, ClientDirectory directory) {
        return () -> store.mirror(directory);
    }

    /**
     * camel-quartz runs on Spring Boot's clustered JDBC scheduler (application.yaml spring.quartz); instances
     * that start together must not stop each other's start-up (cluster/ConcurrentStartScheduler).
     */
    @Bean("quartz")
    org.apache.camel.component.quartz.QuartzComponent quartz(org.quartz.Scheduler scheduler) {
        org.apache.camel.component.quartz.QuartzComponent quartz = new org.apache.camel.component.quartz.QuartzComponent();
        quartz.setScheduler(com.nolimits.synchub.cluster.ConcurrentStartScheduler.of(scheduler));
        return quartz;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
