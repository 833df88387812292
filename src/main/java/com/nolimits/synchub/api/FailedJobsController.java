package com.nolimits.synchub.api;

import com.nolimits.synchub.store.FailedJobSelection;
import com.nolimits.synchub.store.JobRecovery;
import com.nolimits.synchub.store.JobViews;
import com.nolimits.synchub.store.Product;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.Set;

/**
 * Pushes that failed for good and wait for a person: listed by channel and error with the client's queue,
 * and queued again with fresh attempts, one job, a group, a product's or all of a client's.
 */
@RestController
@RequestMapping(path = "/api/integrations/product-sync", produces = MediaType.APPLICATION_JSON_VALUE)
public class FailedJobsController {

    /** Jobs listed per group; the group's count is of all. */
    static final int JOBS_PER_GROUP = 20;

    private final JobViews jobs;
    private final JobRecovery recovery;
    private final ClientScope scope;

    public FailedJobsController(JobViews jobs, JobRecovery recovery, ClientScope scope) {
        this.jobs = jobs;
        this.recovery = recovery;
        this.scope = scope;
    }

    /** The client's failed jobs grouped by channel and error (largest group first), and its queue per channel. */
    @GetMapping("/client/{clientId}/failed-jobs")
    public ResponseEntity<ApiAnswer<JobViews.FailedWork>> failedJobs(@PathVariable String clientId) {
        scope.client(clientId);
        return ApiResponses.answer(jobs.failedWork(clientId, JOBS_PER_GROUP));
    }

    /** Queues the client's failed jobs again: all, or one group ({"channelId": ..., "error": ...}). */
    @PostMapping("/client/{clientId}/requeue-failed")
    public ResponseEntity<Map<String, Object>> requeueFailedOfClient(@PathVariable String clientId,
                                                                     @RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> request = body == null ? Map.of() : body;
        ProductRequests.onlyKeys(request, Set.of("channelId", "error"));
        scope.client(clientId);
        String channelId = ProductRequests.optionalText(request, "channelId");
        if (channelId != null) {
            scope.channelOfClient(clientId, channelId);
        }
        String error = ProductRequests.optionalText(request, "error");
        return ApiResponses.ok(Map.of("requeued", recovery.requeueFailed(FailedJobSelection.ofGroup(clientId, channelId, error))));
    }

    @PostMapping("/product/{productId}/requeue-failed")
    public ResponseEntity<Map<String, Object>> requeueFailed(@PathVariable String productId) {
        Product product = scope.product(productId);
        return ApiResponses.ok(Map.of("requeued", recovery.requeueFailed(FailedJobSelection.ofProduct(product.clientId(), product.id()))));
    }

    /** Queues one failed job again; 409 when it is not one waiting for a person. */
    @PostMapping("/jobs/{jobId}/requeue")
    public ResponseEntity<Map<String, Object>> requeueJob(@PathVariable String jobId) {
        long id = ProductRequests.wholeNumber(jobId, "the job id");
        String clientId = jobs.clientOf(id).orElseGet(() -> {
            scope.requireOperator(); // a client's key is told 403 alike for another client's job and for none
            throw new ApiException(HttpStatus.NOT_FOUND, "no job " + id);
        });
        scope.requireAccess(clientId);
        if (recovery.requeueFailed(FailedJobSelection.ofJob(clientId, id)) == 0) {
            throw new ApiException(HttpStatus.CONFLICT, "job " + id + " is not waiting to be queued again: only the newest "
                    + "failed job of a product and channel without a pending job is");
        }
        return ApiResponses.status(HttpStatus.ACCEPTED, Map.of("jobId", id, "status", "pending"));
    }
}
