package com.nolimits.synchub.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The fault runs work end to end on a tiny load, and pass there. */
class FaultSuiteTest {

    @Test
    void theFaultRunsPassOnATinyLoad(@TempDir Path dir) throws Exception {
        String report = FaultSuite.run(BenchSettings.tiny(), 60, 20, 150, dir);

        assertThat(report).contains("### Fault 1. kill -9 in the middle of a burst: PASS",
                "### Fault 4. hostile requests: PASS");
    }

    @Test
    void platformsFailingForAWhileLoseNoChange(@TempDir Path dir) throws Exception {
        String report = FaultSuite.flakyPlatforms(BenchSettings.tiny(), FlakyPlatforms.Settings.tiny(), dir);
        System.out.println(report);

        assertThat(report).contains("### Fault 2. platforms failing, timing out and throttling: PASS");
    }

    @Test
    void editsEverywhereAtOnceConverge(@TempDir Path dir) throws Exception {
        String report = FaultSuite.convergenceSoak(BenchSettings.tiny(), ConvergenceSoak.Settings.tiny(), dir);
        System.out.println(report);

        assertThat(report).contains("### Fault 5. convergence soak: PASS");
    }
}
