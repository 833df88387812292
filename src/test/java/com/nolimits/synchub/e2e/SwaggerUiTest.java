package com.nolimits.synchub.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Swagger UI as an integration engineer opens it (/swagger-ui.html, no login: the document describes, the
 * API itself wants a key), in headless Chromium: the product's schema shows its fields. Saves the
 * screenshot target/swagger-ui-product.png (docs/images/swagger-ui-product.png is a copy).
 */
class SwaggerUiTest {

    static final Path SCREENSHOT = Path.of("target", "swagger-ui-product.png");

    @Test
    void swaggerUiShowsTheFieldsOfTheProduct(@TempDir Path dir) throws Exception {
        try (UserStartedHub hub = new UserStartedHub(dir);
             HeadlessChromium browser = new HeadlessChromium(dir.resolve("chromium"))) {
            browser.open(hub.base + "/swagger-ui.html");
            browser.waitForText(page -> page.contains("/api/integrations/product-sync/product/{productId}"),
                    Duration.ofSeconds(60), "the operations");

            // the Schemas section lists the models (OpenAPI 3.1: Swagger UI's JSON Schema 2020-12 view); the
            // product's opens with its fields
            String product = "Array.from(document.querySelectorAll('section.models article'))"
                    + ".find(a => a.querySelector('.json-schema-2020-12__title')?.innerText.trim() === 'Product')";
            browser.waitFor(product + " !== undefined", Duration.ofSeconds(30));
            browser.evaluate(product + ".querySelector('.json-schema-2020-12-accordion').click(); true");
            browser.waitForText(page -> page.contains("syncChecksum"), Duration.ofSeconds(30), "the product's fields");
            browser.evaluate(product + ".scrollIntoView(); true");
            browser.screenshot(SCREENSHOT);
            assertThat(browser.text()).contains("warehouseNotes", "compareAtPrice", "lastUpdatedBy", "syncStatus");
        }
        assertThat(Files.size(SCREENSHOT)).isGreaterThan(10_000);
    }
}
