package com.nolimits.synchub.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Fault 5: random edits in all four places at once: the Shopify merchant (title, price, stock), the
 * WooCommerce merchant (name, price), the hub (name, warehouse notes) and the JTL-FFN warehouse
 * (stock). Passes when, once quiet, every platform holds the hub's value of every field it carries;
 * stock is the warehouse's last booking (a shop's own stock count is overruled, but for a count below the
 * warehouse's after its last booking: a sale the hub leaves alone by design); warehouse notes are
 * the hub's last; a name or price is the last one written (where two writes of it were less than 2 s
 * apart, either); conflicts were recorded; and in a quiet minute afterwards the hub makes no call (no loop).
 */
final class ConvergenceSoak {

    record Settings(int products, int seconds, long editEveryMs) {
        static Settings full() {
            return new Settings(20, 600, 2_000);
        }

        static Settings tiny() {
            return new Settings(3, 12, 500);
        }
    }

    record Result(Settings settings, Map<String, Integer> edits, Map<String, Long> writeCalls, long callsWhenQuiet,
                  Map<String, Long> conflicts, int exactChecks, int ambiguousChecks, int keptSales, List<String> wrong,
                  double convergeSeconds) {
        int totalEdits() {
            return edits.values().stream().mapToInt(Integer::intValue).sum();
        }

        long totalCalls() {
            return writeCalls.values().stream().mapToLong(Long::longValue).sum();
        }

        boolean passed() {
            return wrong.isEmpty() && callsWhenQuiet == 0 && !conflicts.isEmpty()
                    && totalCalls() <= 3L * totalEdits(); // a push per affected channel at most, and no more
        }
    }

    private static final String PREFIX = "SOAK";
    /** Writes of one field less than this apart are too close to call: the platforms stamp whole seconds. */
    private static final long TOO_CLOSE_MS = 2_000;

    /** One edit: where, which field, the value, when it was answered. */
    private record Edit(String sku, String field, Object value, String place, long atMs) {
    }

    static Result run(BenchSettings bench, Settings settings, Path workDir) throws Exception {
        try (HubProcess hub = HubProcess.start(bench, workDir)) {
            BenchHttp http = new BenchHttp(hub.base);
            Journals journals = new Journals(http);
            Fixtures.createInHub(http, journals, PREFIX, settings.products());
            Map<String, String> hubIds = new LinkedHashMap<>();
            Map<String, Long> shopifyIds = new LinkedHashMap<>();
            Map<String, Long> wooIds = new LinkedHashMap<>();
            for (int i = 0; i < settings.products(); i++) {
                String sku = PREFIX + "-" + i;
                hubIds.put(sku, http.api("GET", "/client/demo/product?sku=" + sku, null).json().path("data").path("id").asText());
            }
            Fixtures.shopifyProducts(http, PREFIX).forEach((sku, p) -> shopifyIds.put(sku, p.path("id").asLong()));
            for (JsonNode p : http.sandbox("GET", "woocommerce/demo/merchant/products", null).json()) {
                wooIds.put(p.path("sku").asText(), p.path("id").asLong());
            }
            journals.clear();

            List<Edit> edits = Collections.synchronizedList(new ArrayList<>());
            List<String> skus = List.copyOf(hubIds.keySet());
            long end = System.currentTimeMillis() + settings.seconds() * 1000L;
            ExecutorService places = Executors.newFixedThreadPool(4);
            List<Future<?>> running = new ArrayList<>();
            running.add(places.submit(() -> edit(1, settings, end, skus, r -> shopifyEdit(http, shopifyIds, r, edits))));
            running.add(places.submit(() -> edit(2, settings, end, skus, r -> wooEdit(http, wooIds, r, edits))));
            running.add(places.submit(() -> edit(3, settings, end, skus, r -> hubEdit(http, hubIds, r, edits))));
            running.add(places.submit(() -> edit(4, settings, end, skus, r -> warehouseEdit(http, r, edits))));
            for (Future<?> f : running) {
                f.get();
            }
            places.shutdown();

            long editsEnded = System.nanoTime();
            Thread.sleep(FlakyPlatforms.JTL_POLL_MS + 2_000); // the last stock booking is read by the next poll
            journals.awaitQuiet(Duration.ofMinutes(10));
            double converge = (System.nanoTime() - editsEnded) / 1e9;
            Map<String, Long> writeCalls = new TreeMap<>();
            for (String sandbox : Journals.SANDBOXES) {
                writeCalls.put(sandbox, journals.writes(sandbox));
            }
            journals.clear();
            Thread.sleep(bench.name().equals("tiny") ? 5_000 : 60_000);
            long callsWhenQuiet = Journals.SANDBOXES.stream().mapToLong(journals::writes).sum();

            Map<String, ProductViews> views = ProductViews.read(http, PREFIX, hubIds);
            List<String> wrong = new ArrayList<>();
            int[] checks = new int[2]; // exact, ambiguous
            int keptSales = 0;
            for (ProductViews view : views.values()) {
                List<Edit> ofProduct = edits.stream().filter(e -> e.sku().equals(view.sku())).toList();
                List<String> differences = new ArrayList<>();
                view.differences(differences);
                if (isKeptSale(view, ofProduct)) {
                    keptSales++;
                    differences.removeIf(d -> d.startsWith(view.sku() + " Shopify stock:"));
                }
                wrong.addAll(differences);
                expectLast(view, ofProduct, "name", "hub name", wrong, checks);
                expectLast(view, ofProduct, "price", "hub price", wrong, checks);
                expectLast(view, ofProduct.stream().filter(e -> !e.place().equals("Shopify")).toList(), "stock",
                        "hub available", wrong, checks);
                expectLast(view, ofProduct, "warehouseNotes", "hub warehouse notes", wrong, checks);
            }
            for (String sku : hubIds.keySet()) {
                if (wrong.stream().anyMatch(w -> w.startsWith(sku + " "))) {
                    List<String> ofProduct = edits.stream().filter(e -> e.sku().equals(sku))
                            .map(e -> Instant.ofEpochMilli(e.atMs()) + " " + e.place() + " " + e.field() + " " + e.value())
                            .toList();
                    SoakEvidence.write(bench, workDir.resolve("soak-evidence-" + sku + ".md"), hubIds.get(sku), ofProduct,
                            List.of(String.valueOf(shopifyIds.get(sku)), String.valueOf(wooIds.get(sku))));
                }
            }
            Map<String, Integer> byPlace = new TreeMap<>();
            edits.forEach(e -> byPlace.merge(e.place() + " " + e.field(), 1, Integer::sum));
            return new Result(settings, byPlace, writeCalls, callsWhenQuiet, conflicts(bench), checks[0], checks[1],
                    keptSales, wrong, converge);
        }
    }

    /** One place's editor: a random product every editEveryMs, until the end. */
    private static void edit(long seed, Settings settings, long end, List<String> skus, Consumer<EditContext> oneEdit) {
        Random random = new Random(seed);
        while (System.currentTimeMillis() < end) {
            oneEdit.accept(new EditContext(random, skus.get(random.nextInt(skus.size()))));
            try {
                Thread.sleep(settings.editEveryMs() / 2 + random.nextInt((int) settings.editEveryMs()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private record EditContext(Random random, String sku) {
        String word() {
            return Long.toString(random.nextLong() & 0xffffff, 36);
        }

        BigDecimal price() {
            return new BigDecimal(10 + random.nextInt(90) + "." + (10 + random.nextInt(90)));
        }
    }

    private static void shopifyEdit(BenchHttp http, Map<String, Long> ids, EditContext c, List<Edit> edits) {
        String path = "shopify/demo/merchant/products/" + ids.get(c.sku());
        switch (c.random().nextInt(3)) {
            case 0 -> {
                String name = "Shopify " + c.word();
                sent(http.sandbox("PUT", path, "{\"title\": \"" + name + "\"}"), edits, c, "name", name, "Shopify");
            }
            case 1 -> {
                BigDecimal price = c.price();
                sent(Fixtures.editShopifyPrice(http, ids.get(c.sku()), c.sku(), price), edits, c, "price", price, "Shopify");
            }
            default -> { // a merchant's own stock count: stock belongs to the warehouse, so it is overruled
                int stock = c.random().nextInt(1000);
                sent(http.sandbox("POST", "shopify/demo/merchant/inventory", "{\"sku\": \"" + c.sku() + "\", \"available\": "
                        + stock + "}"), edits, c, "stock", stock, "Shopify");
            }
        }
    }

    private static void wooEdit(BenchHttp http, Map<String, Long> ids, EditContext c, List<Edit> edits) {
        String path = "woocommerce/demo/merchant/products/" + ids.get(c.sku());
        if (c.random().nextBoolean()) {
            String name = "Woo " + c.word();
            sent(http.sandbox("PUT", path, "{\"name\": \"" + name + "\"}"), edits, c, "name", name, "WooCommerce");
        } else {
            BigDecimal price = c.price();
            sent(http.sandbox("PUT", path, "{\"regular_price\": \"" + price + "\"}"), edits, c, "price", price, "WooCommerce");
        }
    }

    private static void hubEdit(BenchHttp http, Map<String, String> ids, EditContext c, List<Edit> edits) {
        String path = "/product/" + ids.get(c.sku());
        if (c.random().nextBoolean()) {
            String name = "Hub " + c.word();
            sent(http.api("PATCH", path, "{\"name\": \"" + name + "\"}"), edits, c, "name", name, "hub");
        } else {
            String notes = "notes " + c.word();
            sent(http.api("PATCH", path, "{\"warehouseNotes\": \"" + notes + "\"}"), edits, c, "warehouseNotes", notes, "hub");
        }
    }

    private static void warehouseEdit(BenchHttp http, EditContext c, List<Edit> edits) {
        int stock = c.random().nextInt(1000);
        sent(http.sandbox("POST", "jtl/demo/warehouse/stock", "{\"merchantSku\": \"" + c.sku() + "\", \"stockLevel\": "
                + stock + "}"), edits, c, "stock", stock, "JTL-FFN");
    }

    private static void sent(BenchHttp.Answer answer, List<Edit> edits, EditContext c, String field, Object value,
                             String place) {
        if (answer.status() != 200) {
            throw new IllegalStateException(place + " edit of " + c.sku() + " " + field + ": " + answer.status() + " "
                    + answer.body());
        }
        edits.add(new Edit(c.sku(), field, value, place, System.currentTimeMillis()));
    }

    /**
     * The hub's value of the field must be its last write; when the write before it came less than
     * {@link #TOO_CLOSE_MS} earlier, either of them.
     */
    /**
     * docs/architecture.md ("What each platform receives"): a correction never raises a shop's stock (a lower figure is most
     * likely a sale the warehouse has not seen yet). So when the product's last stock write was the Shopify
     * merchant's count, below the warehouse's figure, Shopify keeps it until the next booking.
     */
    private static boolean isKeptSale(ProductViews view, List<Edit> edits) {
        List<Edit> stock = edits.stream().filter(e -> e.field().equals("stock")).toList();
        if (stock.isEmpty()) {
            return false;
        }
        Edit last = stock.get(stock.size() - 1);
        int shopify = (Integer) view.get("Shopify stock");
        return last.place().equals("Shopify") && last.value().equals(shopify)
                && shopify < (Integer) view.get("hub available");
    }

    private static void expectLast(ProductViews view, List<Edit> edits, String field, String hubField, List<String> wrong,
                                   int[] checks) {
        List<Edit> writes = edits.stream().filter(e -> e.field().equals(field)).toList();
        if (writes.isEmpty()) {
            return;
        }
        Edit last = writes.get(writes.size() - 1);
        List<Object> allowed = new ArrayList<>();
        for (int i = writes.size() - 1; i >= 0 && last.atMs() - writes.get(i).atMs() < TOO_CLOSE_MS; i--) {
            allowed.add(writes.get(i).value());
        }
        checks[allowed.size() == 1 ? 0 : 1]++;
        List<String> misses = new ArrayList<>();
        for (Object value : allowed) {
            List<String> miss = new ArrayList<>();
            view.expect(miss, hubField, value);
            if (miss.isEmpty()) {
                return;
            }
            misses.addAll(miss);
        }
        wrong.add(misses.get(0) + (allowed.size() > 1 ? " (or one of " + allowed + ")" : "") + ", last written in "
                + last.place());
    }

    private static Map<String, Long> conflicts(BenchSettings bench) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection db = DriverManager.getConnection(bench.databaseUrl(), "postgres", "");
             ResultSet rs = db.createStatement().executeQuery("select field || ' ' || status, count(*) from sync_conflict group by 1 order by 1")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    private ConvergenceSoak() {
    }
}
