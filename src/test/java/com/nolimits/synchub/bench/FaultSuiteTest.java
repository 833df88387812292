package com.nolimits.synchub.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault runs work end to end on a tiny load; faults 1 and 4 pass there. Fault 6's harness runs only
 * in full runs: in the suite, e2e/StopUnderLoadTest stops the packaged hub the same way.
 */
class FaultSuiteTest {

    @Test
    void theFaultRunsPassOnATinyLoad(@TempDir Path dir) throws Exception {
        String report = FaultSuite.run(BenchSettings.tiny(), 60, 20, 150, dir);

        assertThat(report).contains("### Fault 1. kill -9 in the middle of a burst: PASS",
                "### Fault 4. hostile requests: PASS");
    }

    @Test
    void platformsFailingForAWhile_retriesFollowTheScheduleAndNothingStaysPending(@TempDir Path dir) throws Exception {
        String report = FaultSuite.flakyPlatforms(BenchSettings.tiny(), FlakyPlatforms.Settings.tiny(), dir);
        System.out.println(report);

        // the verdict is the full run's (docs/benchmarks.md): in a few seconds of racing edits it would depend on
        // timing here; what must hold on any run:
        assertThat(report).contains("### Fault 2. platforms failing, timing out and throttling: ")
                .containsPattern("\\| retries logged \\| some \\| [1-9]\\d* \\|")
                .contains("| retries scheduled sooner than the backoff | 0 | 0 |",
                        "| jobs tried more often than allowed | 0 | 0 |",
                        "| jobs pending, processing or failed at the end | 0 | 0 |");
    }

    @Test
    void editsEverywhereAtOnce_conflictsRecordedAndNoLoop(@TempDir Path dir) throws Exception {
        String report = FaultSuite.convergenceSoak(BenchSettings.tiny(), ConvergenceSoak.Settings.tiny(), dir);
        System.out.println(report);

        // the verdict is the full run's (docs/benchmarks.md): in a few seconds of racing edits it would depend on
        // timing here; what must hold on any run:
        assertThat(report).contains("### Fault 5. convergence soak: ", "| write calls in a quiet 5 s afterwards | 0 | 0 |")
                .containsPattern("\\| conflicts recorded, by field and status \\| some \\| [a-z]+ [A-Z_]+: \\d+");
    }
}
