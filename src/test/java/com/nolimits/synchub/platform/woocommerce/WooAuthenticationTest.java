package com.nolimits.synchub.platform.woocommerce;

import com.nolimits.synchub.channel.ChannelSettings;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API keys as WooCommerce takes them: Basic over HTTPS, an OAuth 1.0a signature over plain
 * HTTP. The expected signatures were made by oauth-1.0a, the library of WooCommerce's official Node
 * client, for the same request, keys, time and nonce.
 */
class WooAuthenticationTest {

    @Test
    void overPlainHttpTheQueryCarriesTheSignatureTheOfficialClientMakes() {
        String signed = WooAuthentication.signed("GET",
                "http://shop.example/wp-json/wc/v3/products?modified_after=2026-12-01T07:00:00&per_page=100&sku=A%20B",
                "ck_test", "cs_test", 1764576000, "abc123");
        assertThat(signed).startsWith("http://shop.example/wp-json/wc/v3/products?modified_after=2026-12-01T07%3A00%3A00&")
                .contains("&per_page=100&", "&sku=A%20B", "oauth_consumer_key=ck_test", "oauth_signature_method=HMAC-SHA256")
                .endsWith("&oauth_signature=" + WooAuthentication.encode("4KfotVeQTb9gvIC8xG24tV+AatIvRI9bZsk+1YYxlPo="));
        assertThat(WooAuthentication.signed("POST", "http://shop.example/wp-json/wc/v3/products/batch", "ck_test", "cs_test",
                1764576000, "abc123")).endsWith("&oauth_signature=" + WooAuthentication.encode("EzlYpPq5+7Xm7XNhJWVEunwIRo/j6kX83N3X108txi8="));
    }

    @Test
    void overHttpsTheKeysGoAsBasicAndTheAddressStaysAsItIs() {
        ChannelSettings channel = new ChannelSettings();
        channel.setConsumerKey("ck_test");
        channel.setConsumerSecret("cs_test");
        Exchange https = request("GET", "https://shop.example/wp-json/wc/v3/products?sku=A");
        WooAuthentication.authenticate(https, channel);
        assertThat(https.getIn().getHeader("Authorization", String.class)).isEqualTo("Basic Y2tfdGVzdDpjc190ZXN0");
        assertThat(https.getIn().getHeader(Exchange.HTTP_URI, String.class)).isEqualTo("https://shop.example/wp-json/wc/v3/products?sku=A");

        Exchange http = request("PUT", "http://shop.example/wp-json/wc/v3/products/7");
        WooAuthentication.authenticate(http, channel);
        assertThat(http.getIn().getHeader("Authorization")).isNull();
        assertThat(http.getIn().getHeader(Exchange.HTTP_URI, String.class)).startsWith("http://shop.example/wp-json/wc/v3/products/7?oauth_consumer_key=ck_test&")
                .contains("&oauth_signature=").doesNotContain("cs_test");
    }

    private static Exchange request(String method, String url) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, method);
        exchange.getIn().setHeader(Exchange.HTTP_URI, url);
        return exchange;
    }
}
