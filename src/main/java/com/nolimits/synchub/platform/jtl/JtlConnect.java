package com.nolimits.synchub.platform.jtl;

import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.channel.PublicUrl;
import com.nolimits.synchub.security.SecretBox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Connecting a JTL-FFN channel with OAuth2's authorization code: {@link #start} sends the merchant to
 * JTL's authorize page with a single-use state; JTL sends them back to {@link #CALLBACK_PATH} with a
 * code, which {@link #complete} exchanges for the channel's tokens.
 */
@Component
public class JtlConnect {

    public static final String CALLBACK_PATH = "/api/integrations/jtl/oauth/callback";
    private static final Duration STATE_LIFETIME = Duration.ofMinutes(10);

    /** The connect cannot go on; the message says why, for the person in the browser. */
    public static class ConnectRefusedException extends RuntimeException {
        public ConnectRefusedException(String message) {
            super(message);
        }
    }

    private final JdbcTemplate jdbc;
    private final JtlTokens tokens;
    private final ClientDirectory directory;
    private final PublicUrl publicUrl;
    private final SecretBox secrets;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public JtlConnect(JdbcTemplate jdbc, JtlTokens tokens, ClientDirectory directory, PublicUrl publicUrl,
                      SecretBox secrets, Clock clock) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.directory = directory;
        this.publicUrl = publicUrl;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** @return JTL's authorize address for this channel, with a new state that the callback must bring back */
    public URI start(Channel channel) {
        if (!secrets.hasKey()) {
            throw new SecretBox.MissingKeyException();
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String redirectUri = publicUrl.of(CALLBACK_PATH);
        jdbc.update("delete from oauth_state where expires_at < now()");
        jdbc.update("insert into oauth_state (state_sha256, channel_id, redirect_uri, expires_at) values (?, ?, ?, ?)",
                sha256(state), channel.id(), redirectUri, Timestamp.from(clock.instant().plus(STATE_LIFETIME)));
        var s = channel.settings();
        return URI.create(s.getAuthorizeUrl() + (s.getAuthorizeUrl().contains("?") ? "&" : "?")
                + "response_type=code&client_id=" + encode(s.getClientId()) + "&redirect_uri=" + encode(redirectUri)
                + "&scope=" + encode(s.getScope()) + "&state=" + encode(state));
    }

    /**
     * The callback: spends the state (once, before its expiry), then exchanges the code.
     *
     * @param error JTL's error parameter (access_denied when the merchant did not allow), or null
     * @return the connected channel
     */
    public Channel complete(String state, String code, String error) {
        if (state == null || state.isBlank()) {
            throw new ConnectRefusedException("the callback has no state: start the connect again");
        }
        var spent = jdbc.queryForList("delete from oauth_state where state_sha256 = ? returning channel_id, redirect_uri, expires_at",
                sha256(state));
        if (spent.isEmpty() || ((Timestamp) spent.get(0).get("expires_at")).toInstant().isBefore(clock.instant())) {
            throw new ConnectRefusedException("unknown, used or expired state: start the connect again");
        }
        String channelId = (String) spent.get(0).get("channel_id");
        if (error != null && !error.isBlank()) {
            throw new ConnectRefusedException("JTL-FFN did not connect channel " + channelId + ": " + error
                    + ("access_denied".equals(error) ? " (access was not allowed)" : ""));
        }
        if (code == null || code.isBlank()) {
            throw new ConnectRefusedException("the callback has no code: start the connect again");
        }
        Channel channel = directory.channel(channelId)
                .orElseThrow(() -> new ConnectRefusedException("channel " + channelId + " is no longer configured"));
        tokens.connect(channel, code, (String) spent.get(0).get("redirect_uri")).ifPresent(refusal -> {
            throw new ConnectRefusedException("JTL-FFN refused to connect channel " + channelId + ": " + refusal);
        });
        return channel;
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
