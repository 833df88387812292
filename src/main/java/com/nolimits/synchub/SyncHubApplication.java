package com.nolimits.synchub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SyncHubApplication {
    public static void main(String[] args) {
        SpringApplication.run(SyncHubApplication.class, args);
    }
}
