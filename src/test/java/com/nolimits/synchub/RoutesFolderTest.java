package com.nolimits.synchub;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.File;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** routes/ is read from the file system (a wrong pattern silently loads nothing): every file, every route with its id. */
@HubTest
class RoutesFolderTest {

    @Autowired
    CamelContext camel;

    @Test
    void everyRouteFileIsLoadedFromTheRoutesFolder() {
        assertThat(camel.getRoutes()).extracting(Route::getRouteId).contains("daily-cleanup", "shopify-webhooks",
                "woocommerce-webhooks", "webhook-inbox", "inbound-product-change", "inbound-product-change-poll",
                "outbound-dispatch", "push-shopify", "push-woocommerce", "push-woocommerce-batch", "push-jtl",
                "jtl-polling", "reconciliation", "webhook-hand-off", "change-events");
        assertThat(camel.getRoutes()).allSatisfy(route -> assertThat(route.getSourceLocation()).startsWith("file:routes/"));
        String[] files = new File("routes").list((dir, name) -> name.endsWith(".yaml"));
        assertThat(files).allSatisfy(name -> assertThat(name).as("Kaoto and the Camel tooling expect").endsWith(".camel.yaml"));
        assertThat(camel.getRoutes()).extracting(route -> route.getSourceLocation().replaceFirst("^file:routes/", "")
                        .replaceFirst(":.*$", ""))
                .containsAll(Arrays.stream(files).filter(f -> !f.contains("error-handling")).toList());
    }
}
