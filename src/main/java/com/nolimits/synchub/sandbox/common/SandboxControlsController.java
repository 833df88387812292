package com.nolimits.synchub.sandbox.common;

import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** The test controls every sandbox has: its request journal and its injected faults. */
@RestController
@Profile("sandbox")
@RequestMapping("/sandbox/{platform}/{name}")
public class SandboxControlsController {

    private final List<Sandbox> sandboxes;

    public SandboxControlsController(List<Sandbox> sandboxes) {
        this.sandboxes = sandboxes;
    }

    /** Every API call the hub made to this shop, site or account (never credentials). */
    @GetMapping("/journal")
    public Map<String, Object> journal(@PathVariable String platform, @PathVariable String name) {
        return controls(platform, name).journal().view();
    }

    @DeleteMapping("/journal")
    public ResponseEntity<Object> clearJournal(@PathVariable String platform, @PathVariable String name) {
        controls(platform, name).journal().clear();
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/faults")
    public Map<String, Object> faults(@PathVariable String platform, @PathVariable String name) {
        return controls(platform, name).faults().view();
    }

    /** Sets faults (docs/sandbox.md): {"errorRate": 0.2, "throttleNext": 3, "dropWebhookRate": 0.1, ...}. */
    @PutMapping("/faults")
    public ResponseEntity<Object> setFaults(@PathVariable String platform, @PathVariable String name,
                                            @RequestBody Map<String, Object> settings) {
        try {
            return ResponseEntity.ok(controls(platform, name).faults().apply(settings));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
        }
    }

    private Sandbox.Controls controls(String platform, String name) {
        return sandboxes.stream().filter(s -> s.platform().equals(platform)).findFirst()
                .flatMap(s -> s.controls(name))
                .orElseThrow(() -> new UnknownSandboxException("no sandbox " + platform + " '" + name + "'"));
    }
}
