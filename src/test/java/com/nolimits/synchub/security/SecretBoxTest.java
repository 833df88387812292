package com.nolimits.synchub.security;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tokens at rest: AES-256-GCM under SYNC_SECRETS_KEY, bound to their channel. */
class SecretBoxTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final String OTHER_KEY = Base64.getEncoder().encodeToString("another key of thirty-two bytes!".getBytes());

    final SecretBox box = SecretBox.withKey(KEY);

    @Test
    void aSealedValueOpensOnlyWithItsKeyForItsOwner() {
        String sealed = box.seal("rt_secret", "demo-jtl");
        assertThat(sealed).startsWith("v1:").doesNotContain("rt_secret");
        assertThat(SecretBox.isSealed(sealed)).isTrue();
        assertThat(box.open(sealed, "demo-jtl")).contains("rt_secret");
        assertThat(box.open(sealed, "acme-jtl")).as("another channel's row").isEmpty();
        assertThat(SecretBox.withKey(OTHER_KEY).open(sealed, "demo-jtl")).as("another key").isEmpty();
        assertThat(new SecretBox("", false).open(sealed, "demo-jtl")).as("no key").isEmpty();
    }

    @Test
    void eachSealIsDifferentAndAnAlteredOneDoesNotOpen() {
        String first = box.seal("rt_secret", "demo-jtl");
        assertThat(box.seal("rt_secret", "demo-jtl")).isNotEqualTo(first); // a fresh IV each time
        byte[] bytes = Base64.getDecoder().decode(first.substring(3));
        bytes[bytes.length - 1] ^= 1;
        assertThat(box.open("v1:" + Base64.getEncoder().encodeToString(bytes), "demo-jtl")).isEmpty();
        assertThat(box.open("v1:not base64!", "demo-jtl")).isEmpty();
        assertThat(box.open("rt_in_the_clear", "demo-jtl")).isEmpty();
    }

    @Test
    void withoutAKeyNothingIsSealedUnlessOneIsMadeUp() {
        SecretBox none = new SecretBox(" ", false);
        assertThat(none.hasKey()).isFalse();
        assertThatThrownBy(() -> none.seal("rt_secret", "demo-jtl")).isInstanceOf(SecretBox.MissingKeyException.class)
                .hasMessageContaining("SYNC_SECRETS_KEY is not set").hasMessageContaining("openssl rand -base64 32");
        SecretBox madeUp = new SecretBox("", true);
        assertThat(madeUp.open(madeUp.seal("rt_secret", "demo-jtl"), "demo-jtl")).contains("rt_secret");
    }

    @Test
    void aKeyThatIsNotThirtyTwoBase64BytesStopsTheStartWithoutShowingIt() {
        assertThatThrownBy(() -> SecretBox.withKey("c2hvcnQ=")).hasMessage(
                "SYNC_SECRETS_KEY holds 5 bytes, AES-256 needs 32: create one with 'openssl rand -base64 32'");
        assertThatThrownBy(() -> SecretBox.withKey("not-base64-%%%")).hasMessage(
                "SYNC_SECRETS_KEY is not base64: create one with 'openssl rand -base64 32'");
    }
}
