package com.nolimits.synchub.api;

import com.nolimits.synchub.OutboundTest;
import com.nolimits.synchub.Sandboxes;
import com.nolimits.synchub.TestCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The channel checklist: state, credentials checked against the platform, last poll, push and webhook. */
@OutboundTest
@SuppressWarnings("unchecked")
class ChannelsApiTest {

    @Autowired
    ApiClient api;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Sandboxes sandboxes;

    @BeforeEach
    void fresh() {
        sandboxes.freshStart();
        jdbc.update("update channel set credentials_checked_at = null, credentials_problem = null");
    }

    @Test
    void aClientsChannelsWithTheirStateAndActivity() {
        String id = (String) ApiClient.data(api.post("/create", "{\"clientId\": \"demo\", \"name\": \"Checked\", \"sku\": \"CHK-1\"}"))
                .get("id");
        sandboxes.quiet();

        List<Map<String, Object>> channels = (List<Map<String, Object>>) ApiClient.data(api.get("/channels?clientId=demo")).get("channels");
        assertThat(channels).extracting(c -> c.get("channelId") + " " + c.get("platform") + " " + c.get("state"))
                .containsExactly("demo-shopify SHOPIFY connected", "demo-woo WOOCOMMERCE connected", "demo-jtl JTL connected");
        assertThat(channels).allSatisfy(c -> assertThat(c.get("lastSuccessfulPush")).isNotNull());
        assertThat(channels).filteredOn(c -> c.get("channelId").equals("demo-woo")).singleElement()
                .satisfies(c -> assertThat(c.get("lastWebhookReceived")).isNotNull()); // the create's echo
        assertThat(id).isNotNull();
    }

    @Test
    void verifyingAskThePlatformAndRecordsTheAnswer() {
        Map<String, Object> woo = ApiClient.data(api.post("/channels/demo-woo/verify", "{}"));
        assertThat((Map<String, Object>) woo.get("credentials")).containsEntry("valid", true).containsEntry("problem", null)
                .extractingByKey("lastChecked").isNotNull();
        assertThat(Sandboxes.journal(sandboxes.woo)).extracting(call -> call.get("operation")).containsExactly("list products");
        assertThat((Map<String, Object>) ApiClient.data(api.post("/channels/demo-shopify/verify", "{}")).get("credentials"))
                .containsEntry("valid", true);
        assertThat((Map<String, Object>) ApiClient.data(api.post("/channels/demo-jtl/verify", "{}")).get("credentials"))
                .containsEntry("valid", true);

        // acme's shop is not reachable: the check says so, and the channel view keeps it
        Map<String, Object> acme = ApiClient.data(api.post("/channels/acme-woo/verify", "{}"));
        assertThat((Map<String, Object>) acme.get("credentials")).containsEntry("valid", false)
                .extractingByKey("problem").asString().contains("Connection refused");
        assertThat((Map<String, Object>) ApiClient.data(api.get("/channels/acme-woo")).get("credentials"))
                .containsEntry("valid", false);
    }

    @Test
    void aChannelThatNeedsConnectingSaysWhy() {
        jdbc.update("update channel set connection = 'needs-connect', connection_problem = 'invalid_grant: JTL-FFN refused "
                + "the refresh token', connection_changed_at = now() where id = 'demo-jtl'");
        try {
            Map<String, Object> jtl = ApiClient.data(api.get("/channels/demo-jtl"));
            assertThat(jtl).containsEntry("state", "needs-connect")
                    .containsEntry("problem", "invalid_grant: JTL-FFN refused the refresh token");
            Map<String, Object> checked = ApiClient.data(api.post("/channels/demo-jtl/verify", "{}"));
            assertThat((Map<String, Object>) checked.get("credentials")).containsEntry("valid", false)
                    .extractingByKey("problem").asString().startsWith("channel demo-jtl needs to be connected again");
            assertThat(Sandboxes.journal(sandboxes.jtl)).isEmpty(); // no token call for it
        } finally {
            jdbc.update("update channel set connection = 'connected', connection_problem = null where id = 'demo-jtl'");
        }
    }

    @Test
    void aClientSeesOnlyItsOwnChannels() {
        ApiClient acme = new ApiClient(http, TestCredentials.ACME_KEY);
        assertThat(acme.get("/channels?clientId=acme").getStatusCode().value()).isEqualTo(200);
        assertThat(acme.get("/channels?clientId=demo").getStatusCode().value()).isEqualTo(403);
        assertThat(acme.get("/channels/demo-woo").getStatusCode().value()).isEqualTo(403);
        assertThat(acme.get("/channels/no-such-channel").getStatusCode().value()).isEqualTo(403);
        assertThat(api.get("/channels/no-such-channel").getStatusCode().value()).isEqualTo(404);
        assertThat(acme.post("/channels/demo-woo/verify", "{}").getStatusCode().value()).isEqualTo(403);
    }
}
