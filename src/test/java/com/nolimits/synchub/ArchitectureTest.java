package com.nolimits.synchub;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules of the layout that the compiler does not check. */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/com/nolimits/synchub");

    private static List<Path> sources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void theHubNeverDependsOnTheSandboxes() throws IOException {
        for (Path file : sources(MAIN)) {
            if (file.startsWith(MAIN.resolve("sandbox"))) {
                continue;
            }
            assertThat(Files.readString(file)).as(file.toString()).doesNotContain("com.nolimits.synchub.sandbox");
        }
    }

    /**
     * Routes call beans; a bean that needs a route goes through camel/RouteGateway, so every place where
     * Java reaches into the routes is one of its callers (docs/architecture.md, "Java and the routes").
     */
    @Test
    void onlyTheRouteGatewaySendsIntoRoutes() throws IOException {
        Pattern sending = Pattern.compile("ProducerTemplate|ConsumerTemplate|createProducer|\\.getRoute\\(|\\.getEndpoint\\("
                + "|\\.getRouteController\\(");
        for (Path file : sources(MAIN)) {
            if (file.startsWith(MAIN.resolve("sandbox")) || file.equals(MAIN.resolve("camel/RouteGateway.java"))) {
                continue;
            }
            Matcher found = sending.matcher(Files.readString(file));
            assertThat(found.find() ? found.group() : null).as(file + " sends into a route: use camel/RouteGateway").isNull();
        }
    }

    /** Header and property names live in camel/ExchangeKeys: the routes use no other, no Java class spells its own. */
    @Test
    void headerAndPropertyNamesAreDeclaredInOnePlace() throws IOException {
        String keys = Files.readString(MAIN.resolve("camel/ExchangeKeys.java"));
        Pattern name = Pattern.compile("\\bSync[A-Z]\\w*");
        for (Path route : routeFiles()) {
            Matcher used = name.matcher(Files.readString(route));
            while (used.find()) {
                assertThat(keys).as(route + " uses " + used.group() + ": declare it in camel/ExchangeKeys")
                        .contains("\"" + used.group() + "\"");
            }
        }
        Pattern spelled = Pattern.compile("\"Sync[A-Z]\\w*\"");
        for (Path file : sources(MAIN)) {
            if (file.startsWith(MAIN.resolve("sandbox")) || file.equals(MAIN.resolve("camel/ExchangeKeys.java"))) {
                continue;
            }
            Matcher found = spelled.matcher(Files.readString(file));
            assertThat(found.find() ? found.group() : null).as(file + " spells a header name: use camel/ExchangeKeys").isNull();
        }
    }

    private static List<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.list(Path.of("routes")), Files.list(Path.of("bench/routes")))) {
            return files.filter(f -> f.toString().endsWith(".camel.yaml")).toList();
        }
    }

    /** A class that grew past 250 lines is split, or says why it is not (a comment naming the 250 lines). */
    @Test
    void noClassIsOver250LinesWithoutSayingWhy() throws IOException {
        Pattern why = Pattern.compile("(//|\\*).*\\b250 lines\\b");
        for (Path file : sources(MAIN)) {
            if (file.startsWith(MAIN.resolve("sandbox"))) {
                continue;
            }
            String source = Files.readString(file);
            long lines = source.lines().count();
            if (lines > 250) {
                assertThat(why.matcher(source).find()).as(file + " has " + lines + " lines and no comment that says why").isTrue();
            }
        }
    }

    @Test
    void theMergeRulesDependOnNeitherCamelNorTheDatabaseNorSpring() throws IOException {
        for (Path file : sources(MAIN.resolve("merge"))) {
            assertThat(Files.readString(file)).as(file.toString())
                    .doesNotContain("org.apache.camel", "java.sql", "org.springframework", "com.nolimits.synchub.store");
        }
    }
}
