package com.nolimits.synchub.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.TestPostgres;
import com.nolimits.synchub.bench.RoundRobinProxy;
import com.nolimits.synchub.bench.SandboxProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cluster mode as an operator runs it: two hub processes from the packaged jar (profiles sandbox and
 * cluster), one Kafka broker (KRaft, in this JVM), the test run's PostgreSQL server (TestPostgres, schema synchub_cluster),
 * the platforms in a process of their own with a low Shopify budget, and a round-robin load balancer in
 * front of the hubs where the platforms send their webhooks. Products are created by the WooCommerce
 * merchant; one hub is killed with SIGKILL in the middle of the burst and started again.
 */
class TwoInstancesTest {

    static final String SCHEMA = "synchub_cluster";
    static final String CHANGES = "product-sync.changes";
    static final int PRODUCTS = 16;
    static final int KILL_AFTER = 6;

    static EmbeddedKafkaKraftBroker kafka;
    static JdbcTemplate jdbc;
    static SingleConnectionDataSource database;
    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void kafkaAndAnEmptySchema() {
        kafka = new EmbeddedKafkaKraftBroker(1, 4, "product-sync.webhooks", CHANGES);
        kafka.afterPropertiesSet();
        database = new SingleConnectionDataSource(TestPostgres.server().url(), TestPostgres.server().username(),
                TestPostgres.server().password(), true);
        jdbc = new JdbcTemplate(database);
        jdbc.execute("drop schema if exists " + SCHEMA + " cascade");
        jdbc.execute("create schema " + SCHEMA);
        jdbc.execute("set search_path to " + SCHEMA);
    }

    @AfterAll
    static void stop() {
        database.destroy();
        kafka.destroy();
    }

    static List<String> hubArguments(String instanceId, String loadBalancer, SandboxProcess platforms) {
        List<String> arguments = new ArrayList<>(List.of(
                "--sync.instance-id=" + instanceId,
                "--spring.datasource.url=" + TestPostgres.server().url(SCHEMA),
                "--spring.datasource.username=" + TestPostgres.server().username(),
                "--spring.flyway.schemas=" + SCHEMA, "--spring.flyway.default-schema=" + SCHEMA,
                "--spring.quartz.scheduler-name=two-instances",
                "--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=2000",
                "--sync.public-url=" + loadBalancer,          // where the platforms send webhooks
                "--sync.queue.lease=6", "--sync.queue.lease-renew-interval=1000",
                "--sync.webhooks.lease=6", "--sync.webhooks.hand-off-grace=3000",
                "--sync.queue.retry-delay=500", "--sync.jtl.poll-interval=1000",
                // the hub's view of the shop's budget, a little under the shop's own (150 points, 20 per second)
                "--sync.clients.demo.channels.demo-shopify.rate-limit.bucket-size=130",
                "--sync.clients.demo.channels.demo-shopify.rate-limit.restore-rate=20",
                "--logging.level.com.nolimits.synchub=INFO"));
        arguments.addAll(platforms.channelArguments());
        return arguments;
    }

    @Test
    void twoInstancesShareTheWorkAndTheBudgetAndOneKilledMidBurstLosesNothing() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "two-instances-"); // logs kept
        Map<String, String> environment = Map.of("KAFKA_BROKERS", kafka.getBrokersAsString(),
                "SYNC_SECRETS_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "SPRING_DATASOURCE_PASSWORD", TestPostgres.server().password());
        try (SandboxProcess platforms = SandboxProcess.start(dir.resolve("platforms"), List.of(
                "--sandbox.shopify.demo.bucket-size=150", "--sandbox.shopify.demo.restore-rate=20"));
             RoundRobinProxy loadBalancer = RoundRobinProxy.withSlots(2)) {
            // each instance on a port it binds itself: a port picked for it beforehand could be taken by the other's start
            CompletableFuture<PackagedHub> startingA = CompletableFuture.supplyAsync(() -> start(dir.resolve("a"),
                    hubArguments("hub-a", loadBalancer.base, platforms), environment, base -> loadBalancer.route(0, base)));
            CompletableFuture<PackagedHub> startingB = CompletableFuture.supplyAsync(() -> start(dir.resolve("b"),
                    hubArguments("hub-b", loadBalancer.base, platforms), environment, base -> loadBalancer.route(1, base)));
            PackagedHub hubB = startingB.join();
            PackagedHub hubA = startingA.join();
            PackagedHub hubAAgain = null;
            try {
                // a burst of products made by the WooCommerce merchant; the webhooks spread over both instances
                List<Long> processingAtTheKill = List.of();
                for (int i = 0; i < PRODUCTS; i++) {
                    if (i == KILL_AFTER) {
                        hubA.kill(); // SIGKILL: its claimed jobs and stored webhooks must be taken over
                        processingAtTheKill = jdbc.queryForList(
                                "select id from sync_job where claimed_by = 'hub-a' and status = 'processing'", Long.class);
                    }
                    post(platforms.base + "/sandbox/woocommerce/demo/merchant/products", """
                            {"name": "Cluster %d", "sku": "CL-%02d", "regular_price": "%d.00", "manage_stock": true,
                             "stock_quantity": 5}""".formatted(i, i, 10 + i));
                    Thread.sleep(150);
                }
                hubAAgain = start(dir.resolve("a2"), hubArguments("hub-a-again", loadBalancer.base, platforms), environment,
                        base -> loadBalancer.route(0, base));

                // every product once in the hub and once on every platform
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        skus(platforms, "shopify").size() == PRODUCTS && skus(platforms, "jtl").size() == PRODUCTS
                                && jdbc.queryForObject("select count(*) from sync_job where status in ('pending', 'processing')",
                                Long.class) == 0);
                assertThat(jdbc.queryForList("select sku from product order by sku", String.class)).isEqualTo(expectedSkus());
                assertThat(skus(platforms, "shopify")).isEqualTo(expectedSkus());
                assertThat(skus(platforms, "jtl")).isEqualTo(expectedSkus());
                assertThat(skus(platforms, "woocommerce")).isEqualTo(expectedSkus());
                // exactly one create call each: a Shopify create is a productSet without a product id
                assertThat(journal(platforms, "shopify", call -> "productSet".equals(call.path("operation").asText())
                        && call.path("status").asInt() == 200
                        && call.path("body").path("variables").path("input").path("id").isMissingNode())).hasSize(PRODUCTS);
                assertThat(journal(platforms, "jtl", call -> "create product".equals(call.path("operation").asText())))
                        .hasSize(PRODUCTS);

                // one budget: no 429 and no THROTTLED while both instances pushed
                for (String platform : List.of("shopify", "woocommerce", "jtl")) {
                    assertThat(journal(platforms, platform, call -> call.path("status").asInt() == 429
                            || "THROTTLED".equals(call.path("errorCode").asText(null)))).as(platform).isEmpty();
                }
                assertThat(loadBalancer.answeredBy()).allSatisfy(answered -> assertThat(answered).isPositive());

                // the killed instance's jobs were taken over and finished by the others, fenced by their claims
                assertThat(jdbc.queryForList("select claimed_by from sync_job where id = any (?) and status = 'completed'",
                        String.class, (Object) processingAtTheKill.toArray(Long[]::new)))
                        .hasSize(processingAtTheKill.size()).doesNotContain("hub-a");
                assertThat(jdbc.queryForObject("select count(*) from sync_job where status = 'completed' and claimed_by is null",
                        Long.class)).isZero();
                assertThat(jdbc.queryForList("select status from webhook_inbox where status not in ('done', 'skipped')", String.class)).isEmpty();

                // every change event published at least once; a repeat carries the same eventId and content
                Map<Long, List<String>> byEventId = changeEvents();
                Map<String, Long> createdProducts = jdbc.queryForList("select id::text as id from product", String.class).stream()
                        .collect(Collectors.toMap(id -> id, id -> 0L));
                byEventId.values().forEach(copies -> {
                    assertThat(copies).as("copies of one event").allMatch(copies.get(0)::equals);
                    JsonNode event = read(copies.get(0));
                    if ("create".equals(event.path("action").asText())) {
                        createdProducts.merge(event.path("productId").asText(), 1L, Long::sum);
                    }
                });
                assertThat(createdProducts).allSatisfy((product, creates) -> assertThat(creates).as(product).isEqualTo(1));
                assertThat(jdbc.queryForObject("select count(*) from change_event", Long.class)).isZero();

                // every Quartz tick on one instance: the warehouse sees one poll of its stock feed per second, not two
                clearJournal(platforms, "jtl");
                Thread.sleep(6_000);
                assertThat(journal(platforms, "jtl", call -> "stock updates".equals(call.path("operation").asText())))
                        .hasSizeBetween(2, 7);
            } finally {
                hubA.close();
                hubB.close();
                if (hubAAgain != null) {
                    hubAAgain.close();
                }
            }
        }
    }

    static PackagedHub start(Path dir, List<String> arguments, Map<String, String> environment, Consumer<String> listening) {
        try {
            return PackagedHub.startOnAnyPort(dir, "sandbox,cluster", arguments, environment, listening);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> expectedSkus() {
        return IntStream.range(0, PRODUCTS).mapToObj(i -> "CL-%02d".formatted(i)).toList();
    }

    void post(String url, String body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }

    JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The skus of the demo account's products on a platform, sorted (a sku held twice shows twice). */
    List<String> skus(SandboxProcess platforms, String platform) throws Exception {
        JsonNode products = switch (platform) {
            case "shopify" -> read(platforms.demo(platform, "/merchant/products")).path("products");
            case "woocommerce" -> read(platforms.demo(platform, "/merchant/products"));
            default -> read(platforms.demo(platform, "/warehouse/products"));
        };
        List<String> skus = new ArrayList<>();
        for (JsonNode product : products) {
            if (platform.equals("shopify")) {
                product.path("variants").forEach(v -> skus.add(v.path("sku").asText()));
            } else {
                skus.add(product.path(platform.equals("jtl") ? "merchantSku" : "sku").asText());
            }
        }
        return skus.stream().sorted().toList();
    }

    List<JsonNode> journal(SandboxProcess platforms, String platform, Predicate<JsonNode> filter) throws Exception {
        return StreamSupport.stream(read(platforms.demo(platform, "/journal")).path("entries").spliterator(), false)
                .filter(filter).toList();
    }

    void clearJournal(SandboxProcess platforms, String platform) throws Exception {
        http.send(HttpRequest.newBuilder(URI.create(platforms.base + "/sandbox/" + platform + "/demo/journal")).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /** Everything on the changes topic, by eventId. */
    Map<Long, List<String>> changeEvents() {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "two-instances-observer");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<Long, List<String>> byEventId = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(CHANGES));
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < 3_000_000_000L) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    byEventId.computeIfAbsent(read(record.value()).path("eventId").asLong(), id -> new ArrayList<>()).add(record.value());
                    quietSince = System.nanoTime();
                }
            }
        }
        return byEventId;
    }
}
