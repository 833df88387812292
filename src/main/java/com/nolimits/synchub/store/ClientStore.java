package com.nolimits.synchub.store;

import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ClientDirectory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** Mirrors the configured clients and channels into their tables, so rows can reference them. */
@Repository
public class ClientStore {

    private final JdbcTemplate jdbc;

    public ClientStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Upserts every configured client and channel; channels no longer configured are disabled, never deleted. */
    @Transactional
    public void mirror(ClientDirectory directory) {
        directory.clients().forEach((id, client) -> jdbc.update("""
                insert into client (id, name) values (?, ?)
                on conflict (id) do update set name = excluded.name""", id, client.getName() == null ? id : client.getName()));
        for (Channel channel : directory.channels()) {
            var s = channel.settings();
            jdbc.update("""
                    insert into channel (id, client_id, platform, base_url, shop_domain, source_url, location_id, enabled)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (id) do update set client_id = excluded.client_id, platform = excluded.platform,
                        base_url = excluded.base_url, shop_domain = excluded.shop_domain,
                        source_url = excluded.source_url, location_id = excluded.location_id,
                        enabled = excluded.enabled""",
                    channel.id(), channel.clientId(), s.getPlatform().name(), s.getBaseUrl(), s.getShopDomain(),
                    s.getSourceUrl(), s.getLocationId(), s.isEnabled());
        }
        List<String> configured = directory.channels().stream().map(Channel::id).toList();
        jdbc.update("update channel set enabled = false where not (id = any (?))",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", configured.toArray())));
    }
}
