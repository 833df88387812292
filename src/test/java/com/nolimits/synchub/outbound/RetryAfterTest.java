package com.nolimits.synchub.outbound;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @ParameterizedTest(name = "''{0}'' -> {1} s")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "3                              | 3",
            "' 0 '                          | 0",
            "Tue, 01 Dec 2026 10:00:07 GMT  | 7",    // an HTTP-date: the time until then
            "Tue, 01 Dec 2026 09:59:00 GMT  | 0",    // already past
            "1.5                            | 0",    // not HTTP's: the hub's backoff
            "-4                             | 0",
            "soon                           | 0",
            "''                             | 0",
            "null                           | 0",
            "99999999999999999999           | 86400" // capped, and no overflow
    })
    void readsSecondsAndHttpDatesAndNothingElse(String header, long seconds) {
        assertThat(RetryAfter.seconds(header, NOW)).isEqualTo(seconds);
    }
}
