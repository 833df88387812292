package com.nolimits.synchub.store;

import com.nolimits.synchub.HubTest;
import com.nolimits.synchub.TestDatabase;
import com.nolimits.synchub.api.ApiClient;
import com.nolimits.synchub.merge.Platform;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher's claim: a channel waiting for its API budget never holds back another channel's jobs. */
@HubTest
class JobClaimTest {

    @Autowired
    JobStore jobs;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;

    final List<String> operations = Arrays.stream(Platform.values()).map(JobStore::operation).toList();

    @BeforeEach
    void threeProductsQueuedToEachChannel() {
        TestDatabase.clear(jdbc);
        ApiClient api = new ApiClient(http);
        for (int i = 0; i < 3; i++) { // the dispatcher is off in this context: the jobs stay pending
            api.post("/create", "{\"clientId\": \"acme\", \"name\": \"Claim " + i + "\"}");
        }
    }

    List<String> channelsOf(List<JobStore.Job> claimed) {
        return claimed.stream().map(JobStore.Job::channelId).sorted().toList();
    }

    @Test
    void aChannelWithoutBudgetIsLeftOutAndOneWithSomeGetsNoMoreThanItPaysFor() {
        List<JobStore.Job> claimed = jobs.claim(10, 60, operations, List.of(), Map.of("acme-shopify", 0, "acme-woo", 1));

        assertThat(channelsOf(claimed)).containsExactly("acme-jtl", "acme-jtl", "acme-jtl", "acme-woo");
        // the rest is still there for the next claim, once the budgets refilled
        assertThat(channelsOf(jobs.claim(10, 60, operations, List.of(), Map.of())))
                .containsExactly("acme-shopify", "acme-shopify", "acme-shopify", "acme-woo", "acme-woo");
    }
}
