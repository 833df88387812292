package com.nolimits.synchub.api;

import com.nolimits.synchub.monitoring.MetricsSummary;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** The management API's {@code GET metrics}: webhooks, jobs, conflicts, push durations and channels, for the operator. */
@RestController
@RequestMapping(path = "/api/integrations/product-sync", produces = MediaType.APPLICATION_JSON_VALUE)
public class MetricsController {

    private final MetricsSummary metrics;
    private final ClientScope scope;

    public MetricsController(MetricsSummary metrics, ClientScope scope) {
        this.metrics = metrics;
        this.scope = scope;
    }

    @GetMapping("/metrics")
    public ResponseEntity<Map<String, Object>> metrics() {
        scope.requireOperator(); // figures of every client
        return ApiResponses.ok(metrics.summary());
    }
}
