package com.nolimits.synchub.api;

import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.channel.ClientDirectory;
import com.nolimits.synchub.merge.Platform;
import com.nolimits.synchub.outbound.ManualPushes;
import com.nolimits.synchub.store.FullSyncStore;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Pushes asked for by a person: sync now, queue with a priority, full sync (failed jobs: {@link FailedJobsController}). */
@RestController
@RequestMapping(path = "/api/integrations/product-sync", produces = MediaType.APPLICATION_JSON_VALUE)
public class QueueController {

    /** How long "sync now" waits for its pushes before answering 202 with the jobs still running. */
    static final Duration SYNC_WAIT = Duration.ofSeconds(10);
    private static final Set<String> FINISHED = Set.of("completed", "failed", "skipped");

    private final ManualPushes pushes;
    private final JobViews jobs;
    private final FullSyncStore fullSyncs;
    private final ClientDirectory directory;
    private final ClientScope scope;

    public QueueController(ManualPushes pushes, JobViews jobs, FullSyncStore fullSyncs,
                           ClientDirectory directory, ClientScope scope) {
        this.pushes = pushes;
        this.scope = scope;
        this.jobs = jobs;
        this.fullSyncs = fullSyncs;
        this.directory = directory;
    }

    /** Pushes the product to its channels now (ahead of the queue) and answers with each push's outcome. */
    @PostMapping("/product/{productId}/sync")
    public ResponseEntity<Map<String, Object>> syncNow(@PathVariable String productId,
                                                       @RequestBody(required = false) Map<String, Object> body)
            throws InterruptedException {
        Map<String, Object> request = body == null ? Map.of() : body;
        ProductRequests.onlyKeys(request, Set.of("skipPlatforms"));
        Product product = scope.product(productId);
        Map<String, Long> queued = pushes.queue(product.id(), product.clientId(), platforms(request.get("skipPlatforms")),
                ManualPushes.SYNC_NOW_PRIORITY);
        long deadline = System.nanoTime() + SYNC_WAIT.toNanos();
        Map<Long, Map<String, Object>> states = jobs.states(queued.values());
        while (!allFinished(states) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            states = jobs.states(queued.values());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("productId", product.id());
        data.put("finished", allFinished(states));
        data.put("pushes", new ArrayList<>(states.values()));
        return ApiResponses.status(allFinished(states) ? HttpStatus.OK : HttpStatus.ACCEPTED, data);
    }

    /** Queues the product to its channels with a priority (0-100, higher first). */
    @PostMapping(path = "/product/{productId}/queue")
    public ResponseEntity<Map<String, Object>> queue(@PathVariable String productId,
                                                     @RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> request = body == null ? Map.of() : body;
        ProductRequests.onlyKeys(request, Set.of("priority", "skipPlatforms"));
        Object raw = request.getOrDefault("priority", 0);
        if (!(raw instanceof Integer priority) || priority < 0 || priority > ManualPushes.SYNC_NOW_PRIORITY) {
            throw ApiException.badRequest("priority must be a whole number from 0 to " + ManualPushes.SYNC_NOW_PRIORITY);
        }
        Product product = scope.product(productId);
        Map<String, Long> queued = pushes.queue(product.id(), product.clientId(), platforms(request.get("skipPlatforms")), priority);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("productId", product.id());
        data.put("priority", priority);
        data.put("jobs", queued);
        return ApiResponses.status(HttpStatus.ACCEPTED, data);
    }

    /** Queues every product of the client to its channels (or the channelIds given); follow it with GET .../{id}. */
    @PostMapping("/client/{clientId}/full-sync")
    public ResponseEntity<Map<String, Object>> fullSync(@PathVariable String clientId,
                                                        @RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> request = body == null ? Map.of() : body;
        ProductRequests.onlyKeys(request, Set.of("channelIds"));
        scope.client(clientId);
        List<Channel> targets = directory.channelsOf(clientId);
        if (request.get("channelIds") != null) {
            if (!(request.get("channelIds") instanceof List<?> ids) || ids.isEmpty()) {
                throw ApiException.badRequest("channelIds must be a non-empty list of the client's channel ids");
            }
            for (Object id : ids) {
                if (targets.stream().noneMatch(c -> c.id().equals(id))) {
                    throw ApiException.badRequest("channelIds: '" + id + "' is not an enabled channel of client " + clientId);
                }
            }
            targets = targets.stream().filter(c -> ids.contains(c.id())).toList();
        }
        long id = pushes.fullSync(clientId, targets);
        Map<String, Object> data = new LinkedHashMap<>(fullSyncs.progress(clientId, id).orElseThrow());
        data.put("progressUrl", "/api/integrations/product-sync/client/" + clientId + "/full-sync/" + id);
        return ApiResponses.status(HttpStatus.ACCEPTED, data);
    }

    @GetMapping("/client/{clientId}/full-sync/{id}")
    public ResponseEntity<Map<String, Object>> fullSyncProgress(@PathVariable String clientId, @PathVariable String id) {
        scope.client(clientId);
        long syncId;
        try {
            syncId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("the full sync id must be a number, got '" + id + "'");
        }
        return ApiResponses.ok(fullSyncs.progress(clientId, syncId).orElseThrow(() ->
                new ApiException(HttpStatus.NOT_FOUND, "no full sync " + syncId + " for client " + clientId)));
    }

    private static boolean allFinished(Map<Long, Map<String, Object>> states) {
        return states.values().stream().allMatch(s -> FINISHED.contains(s.get("status")));
    }

    private static Set<Platform> platforms(Object raw) {
        Set<Platform> out = EnumSet.noneOf(Platform.class);
        if (raw == null) {
            return out;
        }
        if (!(raw instanceof List<?> list)) {
            throw ApiException.badRequest("skipPlatforms must be a list, e.g. [\"JTL\"]");
        }
        for (Object item : list) {
            try {
                out.add(Platform.valueOf(String.valueOf(item).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("skipPlatforms: unknown platform '" + item + "' (SHOPIFY, WOOCOMMERCE, JTL)");
            }
        }
        return out;
    }


}
