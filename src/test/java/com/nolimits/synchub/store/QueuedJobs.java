package com.nolimits.synchub.store;

import com.nolimits.synchub.api.ApiClient;
import com.nolimits.synchub.merge.Platform;
import org.springframework.boot.test.web.client.TestRestTemplate;

import java.util.Arrays;
import java.util.List;

/** Jobs on the queue for the claim tests: products made through the API, a job to each channel. */
final class QueuedJobs {

    /** Every platform's push operation: a claim of these takes any job. */
    static final List<String> ALL_OPERATIONS = Arrays.stream(Platform.values()).map(JobStore::operation).toList();

    private QueuedJobs() {
    }

    /** Makes {@code count} products of client acme; in a context with the dispatcher off their jobs stay pending. */
    static void ofNewProducts(TestRestTemplate http, int count, String namePrefix) {
        ApiClient api = new ApiClient(http);
        for (int i = 0; i < count; i++) {
            api.post("/create", "{\"clientId\": \"acme\", \"name\": \"" + namePrefix + " " + i + "\"}");
        }
    }
}
