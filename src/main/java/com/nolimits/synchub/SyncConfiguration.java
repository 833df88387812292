package com.nolimits.synchub;

import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.channel.SyncProperties;
import com.nolimits.synchub.merge.FieldOwnershipFile;
import com.nolimits.synchub.merge.OwnershipMerge;
import com.nolimits.synchub.merge.OwnershipRules;
import com.nolimits.synchub.store.ClientStore;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Clock;

/** Wires the plain beans: ownership rules from their file, the merge, the clients and channels. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SyncProperties.class)
public class SyncConfiguration {

    @Bean
    OwnershipRules ownershipRules(SyncProperties properties) {
        return FieldOwnershipFile.load(Path.of(properties.getFieldOwnershipFile()));
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

    /** camel-quartz runs on Spring Boot's clustered JDBC scheduler (config/application.yaml spring.quartz). */
    @Bean("quartz")
    org.apache.camel.component.quartz.QuartzComponent quartz(org.quartz.Scheduler scheduler) {
        org.apache.camel.component.quartz.QuartzComponent quartz = new org.apache.camel.component.quartz.QuartzComponent();
        quartz.setScheduler(scheduler);
        return quartz;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
