package com.nolimits.synchub.monitoring;

import com.nolimits.synchub.channel.SyncProperties;
import com.nolimits.synchub.store.ChannelConnectionStore;
import com.nolimits.synchub.store.SyncStateStore;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A channel's state, as the channels API, health and Prometheus show it: needs-connect (its platform
 * refused its credentials for good), failing (sync.monitoring.channel-failures-warn failed pushes in a
 * row), otherwise connected.
 */
@Component
public class ChannelStates {

    public static final List<String> STATES = List.of("connected", "needs-connect", "failing");

    private final SyncStateStore state;
    private final ChannelConnectionStore connections;
    private final long failuresWarn;

    public ChannelStates(SyncStateStore state, ChannelConnectionStore connections,
                         SyncProperties properties) {
        this.state = state;
        this.connections = connections;
        this.failuresWarn = properties.getMonitoring().getChannelFailuresWarn();
    }

    public String of(boolean needsConnect, long consecutiveFailures) {
        return needsConnect ? "needs-connect" : failing(consecutiveFailures) ? "failing" : "connected";
    }

    /** sync.monitoring.channel-failures-warn failed pushes in a row, or more. */
    public boolean failing(long consecutiveFailures) {
        return consecutiveFailures >= failuresWarn;
    }

    /** Every enabled channel's state, by channel id. */
    public Map<String, String> all() {
        Set<String> needing = connections.needingConnect().stream().map(ChannelConnectionStore.NeedsConnect::channelId)
                .collect(Collectors.toSet());
        Map<String, String> states = new LinkedHashMap<>();
        state.channelStates().forEach(c -> states.put(c.channelId(), of(needing.contains(c.channelId()), c.consecutiveFailures())));
        return states;
    }
}
