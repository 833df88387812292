package com.nolimits.synchub.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark harness runs end to end on a tiny load and writes every section of its report. How
 * fast is not asserted here: that is what bench/run.sh and docs/benchmarks.md are for.
 */
class BenchmarkHarnessTest {

    @Test
    void theHarnessRunsOnATinyLoad(@TempDir Path dir) throws Exception {
        String report = BenchmarkHarness.run(BenchSettings.tiny(), 20, dir);

        assertThat(report).contains(BenchmarkHarness.sections());
        // answered per second, not 200, the hub's CPU per request
        assertThat(report).containsPattern(
                "\\| signed Shopify webhook \\(verify, dedup, store, answer; then merge\\) \\| [1-9]\\d* \\| \\d+ \\| \\d+\\.\\d\\d ms \\|");
        assertThat(report).containsPattern("\\| bare platform-http route \\(answer only\\) \\| [1-9]\\d* \\| \\d+ \\| \\d+\\.\\d\\d ms \\|");
        assertThat(report).containsPattern("\\| hub CPU per product [^|]*\\| \\d+\\.\\d\\d ms \\|");
        // every answer the hub gave was a 200; a sender's own I/O failure (listed in the report) is not the hub's
        assertThat(report).doesNotContainPattern("not 200 from the .*: \\d+ x HTTP");
        assertThat(report).containsPattern("\\| 10 \\| 10 \\| \\d+ ms \\|.* \\| \\d+\\.\\d\\d ms \\|"); // every latency edit measured, its CPU
        assertThat(report).containsPattern("\\| failed jobs \\| 0 \\|");
        // the database server's CPU next to the hub's (the tests' server runs on this machine)
        assertThat(report).containsPattern("\\| signed Shopify webhook [^\\n]*\\| \\d+\\.\\d\\d ms \\| \\d+\\.\\d\\d ms \\|");
        // every saturation step measured, and the rate that kept up named against the bare route
        assertThat(report).containsPattern("\\| 5 \\| 5 \\| 5 \\| \\d+ ms \\| \\d+ ms \\| \\d+ ms \\| \\d+\\.\\d\\d ms \\(-?\\d+\\.\\d\\d ms\\) \\| \\d+% \\| \\d+% \\| "
                + "\\d+\\.\\d\\d ms \\(-?\\d+\\.\\d\\d ms\\) \\| \\d+ \\|");
        assertThat(report).containsPattern("At rest \\([^)]*\\) the hub used \\d+\\.\\d ms and the\\s+database \\d+\\.\\d\\d ms of CPU per second");
        assertThat(report).containsPattern("Highest rate whose p99 stayed under 250 ms: \\*\\*\\d+ edits/s\\*\\*");
        assertThat(report).contains("| edit latency during the full sync: edits measured of sent | 3 of 3 |");
        assertThat(report).contains("| merchant edit in Shopify (price) | WooCommerce 1 | 0 | 1 | 0 |");
        assertThat(report).contains("| hub edit to the values it holds (no-op) | none | 0 | 0 | 0 |");
    }
}
