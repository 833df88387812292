package com.nolimits.synchub.cluster;

import com.nolimits.synchub.channel.SyncProperties;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This hub process's name among the instances of a cluster (sync.instance-id; unset, host name and
 * process id): the jobs it holds carry it, so the queue and the logs tell which instance pushed what.
 */
@Component
public class HubInstance {

    private final String id;

    public HubInstance(SyncProperties properties) {
        String configured = properties.getInstanceId();
        this.id = configured == null || configured.isBlank() ? hostName() + "-" + ProcessHandle.current().pid() : configured.trim();
    }

    public String id() {
        return id;
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME"); // a container's name, without a DNS look-up
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
