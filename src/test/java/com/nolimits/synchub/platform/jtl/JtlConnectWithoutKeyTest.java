package com.nolimits.synchub.platform.jtl;

import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ChannelSettings;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.security.SecretBox;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Without SYNC_SECRETS_KEY no connect starts and no code is exchanged: the tokens JTL-FFN would give could
 * not be kept (the API answers 503 with this message). Neither touches the database nor JTL-FFN first.
 */
class JtlConnectWithoutKeyTest {

    final SecretBox noKey = new SecretBox("", false);

    @Test
    void noConnectStartsAndNoCodeIsExchangedWithoutTheKey() {
        ChannelSettings settings = new ChannelSettings();
        settings.setPlatform(Platform.JTL);
        settings.setBaseUrl("http://127.0.0.1:1/jtl/api");
        Channel channel = new Channel("acme-jtl", "acme", settings);
        assertThatThrownBy(() -> new JtlConnect(null, null, null, null, noKey, null).start(channel))
                .isInstanceOf(SecretBox.MissingKeyException.class).hasMessageStartingWith("SYNC_SECRETS_KEY is not set");
        JtlTokens tokens = new JtlTokens(null, null, null, null, noKey, null, new com.nolimits.synchub.channel.SyncProperties());
        assertThatThrownBy(() -> tokens.connect(channel, "code", "http://hub/callback"))
                .isInstanceOf(SecretBox.MissingKeyException.class);
    }
}
