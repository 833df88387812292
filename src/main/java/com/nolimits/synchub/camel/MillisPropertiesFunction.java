package com.nolimits.synchub.camel;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.PropertiesFunction;
import org.springframework.boot.convert.DurationStyle;

import java.time.temporal.ChronoUnit;

/**
 * {@code {{millis:sync.queue.poll-interval}}} in a route: a duration setting ({@code 5s}, {@code 2m}, or a
 * bare number of milliseconds) as the milliseconds a timer's period or a Quartz trigger's repeat interval
 * takes. The settings are Durations (channel/SyncProperties); Camel's endpoints want numbers. Found by
 * Camel under META-INF/services/org/apache/camel/properties-function/millis.
 */
public class MillisPropertiesFunction implements PropertiesFunction, CamelContextAware {

    private CamelContext camel;

    @Override
    public String getName() {
        return "millis";
    }

    @Override
    public String apply(String key) {
        String value = camel.getPropertiesComponent().resolveProperty(key)
                .orElseThrow(() -> new IllegalArgumentException("{{millis:" + key + "}}: no setting " + key));
        return String.valueOf(DurationStyle.detectAndParse(value.trim(), ChronoUnit.MILLIS).toMillis());
    }

    @Override
    public CamelContext getCamelContext() {
        return camel;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camel = camelContext;
    }
}
