package com.nolimits.synchub.platform.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.ingress.InboundEvent;
import com.nolimits.synchub.merge.Origin;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.merge.ProductSnapshot;
import com.nolimits.synchub.outbound.ChannelRateLimiter;
import com.nolimits.synchub.outbound.Push;
import com.nolimits.synchub.outbound.PushFailedException;
import com.nolimits.synchub.platform.shopify.ShopifyCalls.Call;
import com.nolimits.synchub.store.LinkStore;
import com.nolimits.synchub.store.PushRecordStore;
import com.nolimits.synchub.store.SyncLogStore;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Called by routes/push-shopify.camel.yaml: plans the GraphQL Admin API calls a push needs (docs/platforms.md),
 * builds each one and reads its answer. A new product is one productSet with its variant and stock;
 * an update touches only what changed: the product's own fields by productSet without variants (so a
 * sibling variant is never deleted), this variant by productVariantsBulkUpdate, and stock, only when
 * the hub's stock changed, by inventorySetQuantities at the channel's location, compared against the
 * quantity last seen there (read first when unknown; never a variant's total over all locations).
 * userErrors fail the job; THROTTLED is retried once the cost bucket has refilled.
 */
@Component
public class ShopifyPush {

    private static final Logger log = LoggerFactory.getLogger(ShopifyPush.class);

    static final Set<ProductField> PRODUCT_FIELDS = EnumSet.of(ProductField.NAME, ProductField.DESCRIPTION,
            ProductField.IMAGE_URL, ProductField.IMAGES, ProductField.IS_ACTIVE, ProductField.SEO_TITLE,
            ProductField.SEO_DESCRIPTION, ProductField.TAGS, ProductField.COLLECTIONS, ProductField.PRODUCT_TYPE,
            ProductField.VENDOR);
    static final Set<ProductField> VARIANT_FIELDS = EnumSet.of(ProductField.PRICE, ProductField.COMPARE_AT_PRICE,
            ProductField.TAXABLE);
    private static final Set<ProductField> IMAGE_FIELDS = EnumSet.of(ProductField.IMAGES, ProductField.IMAGE_URL);
    /** Sandbox and real shops charge 10 points per mutation and a few for a single-product read. */
    private static final int MUTATION_COST = 10;
    private static final int READ_COST = 3;

    private static final String PRODUCT_SET = ShopifyDocuments.load("product-set");
    private static final String VARIANTS_UPDATE = ShopifyDocuments.load("variants-bulk-update");
    private static final String SET_QUANTITIES = ShopifyDocuments.load("inventory-set-quantities");
    /** The quantity at the channel's location: a variant's inventoryQuantity is the sum over all of the shop's locations. */
    private static final String READ_LEVEL = ShopifyDocuments.load("inventory-level");

    private final ObjectMapper json;
    private final ShopifyPayloadMapper mapper;
    private final ChannelRateLimiter rateLimiter;
    private final LinkStore links;
    private final PushRecordStore pushes;
    private final SyncLogStore logs;
    private final Clock clock;

    public ShopifyPush(ObjectMapper json, ShopifyPayloadMapper mapper, ChannelRateLimiter rateLimiter, LinkStore links,
                       PushRecordStore pushes, SyncLogStore logs, Clock clock) {
        this.json = json;
        this.mapper = mapper;
        this.rateLimiter = rateLimiter;
        this.links = links;
        this.pushes = pushes;
        this.logs = logs;
        this.clock = clock;
    }

    /** Decides which calls the push needs from what changed (a new product: all of it). */
    public void plan(Exchange exchange) {
        Push push = exchange.getProperty(Push.PROPERTY, Push.class);
        ShopifyCalls calls = new ShopifyCalls();
        if (push.creates()) {
            calls.add(Call.CREATE);
        } else {
            LinkStore.Link link = push.link().orElseThrow();
            calls.productId = link.parentId();
            calls.variantId = link.externalId();
            calls.inventoryItemId = link.inventoryItemId();
            calls.lastSeenQuantity = link.platformData().get(LinkStore.LAST_SEEN_QUANTITY) instanceof Number n
                    ? n.intValue() : null;
            if (push.changed().stream().anyMatch(PRODUCT_FIELDS::contains)) {
                calls.add(Call.PRODUCT);
            }
            if (push.changed().stream().anyMatch(VARIANT_FIELDS::contains)) {
                calls.add(Call.VARIANT);
            }
            if (push.changed().contains(ProductField.AVAILABLE)) { // stock only when the hub's stock changed
                planStock(push, calls);
            }
        }
        if (calls.hasNext()) {
            calls.planned.putAll(echoFields(push));
            calls.planned.keySet().removeIf(field -> !push.creates() && !sentByPlannedCalls(push, calls, field));
        }
        exchange.setProperty(ShopifyCalls.PROPERTY, calls);
    }

    /**
     * Stock is set at the channel's location, compared against the quantity there. Unknown (no
     * inventory_levels/update of that location seen yet): read it first, so the set is right the first
     * time. A variant without an inventory item (Shopify's test notification) has no stock to set.
     */
    private void planStock(Push push, ShopifyCalls calls) {
        if (calls.inventoryItemId == null) {
            String why = "the Shopify variant " + calls.variantId + " has no inventory item: its stock is not tracked there";
            if (!calls.hasNext()) {
                throw PushFailedException.permanent("stock not pushed: " + why);
            }
            log.warn("Stock of product {} not pushed to {}: {}", push.product().id(), push.channel().id(), why);
            return;
        }
        calls.add(calls.lastSeenQuantity == null ? Call.READ_STOCK : Call.STOCK);
    }

    /** Whether an update's planned calls send the field (images only when they changed: files are replaced whole). */
    private static boolean sentByPlannedCalls(Push push, ShopifyCalls calls, ProductField field) {
        if (field == ProductField.AVAILABLE) {
            return calls.plans(Call.STOCK) || calls.plans(Call.READ_STOCK);
        }
        if (IMAGE_FIELDS.contains(field)) {
            return calls.plans(Call.PRODUCT) && push.changed().stream().anyMatch(IMAGE_FIELDS::contains);
        }
        return PRODUCT_FIELDS.contains(field) ? calls.plans(Call.PRODUCT)
                : VARIANT_FIELDS.contains(field) && calls.plans(Call.VARIANT);
    }

    /** Builds the next call and waits for the channel's cost bucket to hold its price. */
    public void nextCall(Exchange exchange) throws Exception {
        Push push = exchange.getProperty(Push.PROPERTY, Push.class);
        ShopifyCalls calls = exchange.getProperty(ShopifyCalls.PROPERTY, ShopifyCalls.class);
        ProductSnapshot p = push.product().snapshot();
        Map<String, Object> variables = new LinkedHashMap<>();
        String query;
        switch (calls.next()) {
            case CREATE -> {
                Map<String, Object> input = productInput(p, true);
                input.put("productOptions", List.of(Map.of("name", "Title", "values", List.of(Map.of("name", "Default Title")))));
                Map<String, Object> variant = variantInput(p);
                variant.put("optionValues", List.of(Map.of("optionName", "Title", "name", "Default Title")));
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("sku", p.value(ProductField.SKU));
                item.put("tracked", true);
                variant.put("inventoryItem", item);
                if (p.value(ProductField.GTIN) != null) {
                    variant.put("barcode", p.value(ProductField.GTIN));
                }
                variant.put("inventoryQuantities", List.of(Map.of("locationId", location(push.channel()),
                        "name", "available", "quantity", p.value(ProductField.AVAILABLE))));
                input.put("variants", List.of(variant));
                variables.put("input", input);
                query = PRODUCT_SET;
            }
            case PRODUCT -> {
                Map<String, Object> input = productInput(p, push.changed().stream().anyMatch(IMAGE_FIELDS::contains));
                input.put("id", gid("Product", calls.productId));
                if (!push.changed().contains(ProductField.COLLECTIONS)) {
                    input.remove("collections"); // a list field: replaced whole when given
                }
                variables.put("input", input);
                query = PRODUCT_SET;
            }
            case VARIANT -> {
                Map<String, Object> variant = variantInput(p);
                variant.put("id", gid("ProductVariant", calls.variantId));
                variables.put("productId", gid("Product", calls.productId));
                variables.put("variants", List.of(variant));
                query = VARIANTS_UPDATE;
            }
            case STOCK -> {
                Map<String, Object> quantity = new LinkedHashMap<>();
                quantity.put("inventoryItemId", gid("InventoryItem", calls.inventoryItemId));
                quantity.put("locationId", location(push.channel()));
                quantity.put("quantity", p.value(ProductField.AVAILABLE));
                quantity.put("changeFromQuantity", calls.lastSeenQuantity); // null: never seen, opts out
                variables.put("input", Map.of("name", "available", "reason", "correction",
                        "referenceDocumentUri", "gid://nolimits-sync-hub/SyncJob/" + push.job().id(),
                        "quantities", List.of(quantity)));
                query = SET_QUANTITIES;
            }
            default -> {
                variables.put("id", gid("InventoryItem", calls.inventoryItemId));
                variables.put("locationId", location(push.channel()));
                query = READ_LEVEL;
            }
        }
        if (calls.current != Call.READ_STOCK) {
            // each call gets its own record before it is made: the shop's webhook after this call shows
            // what the earlier calls and this one sent, not yet what the later ones will send
            calls.recordId = pushes.begin(push.product().id(), push.channel().id(), calls.afterCurrent(sentBy(calls.current)));
        }
        // the route's next step waits for the channel's cost bucket to hold the call's price
        exchange.setProperty(ChannelRateLimiter.COST, calls.current == Call.READ_STOCK ? READ_COST : MUTATION_COST);
        ShopifyAdminApi.prepare(exchange, json, push.channel(), query, variables);
    }

    /** Reads the answer of the call just made: failures become exceptions, ids and quantities are kept. */
    public void handle(Exchange exchange) {
        Push push = exchange.getProperty(Push.PROPERTY, Push.class);
        ShopifyCalls calls = exchange.getProperty(ShopifyCalls.PROPERTY, ShopifyCalls.class);
        JsonNode answer = answer(exchange, push.channel());
        JsonNode data = answer.path("data");
        switch (calls.current) {
            case CREATE -> created(push, calls, payload(data, "productSet"));
            case PRODUCT -> {
                calls.seen(time(payload(data, "productSet").path("product").path("updatedAt")));
                calls.taken(PRODUCT_FIELDS);
            }
            case VARIANT -> {
                payload(data, "productVariantsBulkUpdate").path("productVariants")
                        .forEach(v -> calls.seen(time(v.path("updatedAt"))));
                calls.taken(VARIANT_FIELDS);
            }
            case STOCK -> stockSet(push, calls, data.path("inventorySetQuantities"));
            default -> stockRead(push, calls, data.path("inventoryItem"));
        }
        if (calls.recordId != null) { // what the shop holds now because of this push, and its version
            pushes.finish(calls.recordId, push.product().id(), push.channel().id(), calls.pushed, calls.version);
            calls.recordId = null;
        }
    }

    private static Set<ProductField> sentBy(Call call) {
        return switch (call) {
            case CREATE -> EnumSet.allOf(ProductField.class);
            case PRODUCT -> PRODUCT_FIELDS;
            case VARIANT -> VARIANT_FIELDS;
            default -> EnumSet.of(ProductField.AVAILABLE);
        };
    }

    /** After the last call: the sync log (each call recorded its push for echo detection). */
    public void record(Exchange exchange) {
        Push push = exchange.getProperty(Push.PROPERTY, Push.class);
        ShopifyCalls calls = exchange.getProperty(ShopifyCalls.PROPERTY, ShopifyCalls.class);
        if (calls.pushed.isEmpty()) {
            return; // nothing sent
        }
        Map<String, Object> values = new LinkedHashMap<>();
        calls.pushed.forEach((field, value) -> values.put(field.key(), value));
        logs.append(List.of(SyncLogStore.Entry.of(push.product().id(), push.job().clientId(), "push", Origin.valueOf(push.job().triggerOrigin()))
                .to("shopify", push.channel().id()).fields(push.job().fields()).after(values)
                .note((push.creates() ? "created" : "updated") + " Shopify variant " + calls.variantId)));
    }

    private void created(Push push, ShopifyCalls calls, JsonNode payload) {
        JsonNode product = payload.path("product");
        JsonNode variant = product.path("variants").path("nodes").path(0);
        if (variant.isMissingNode()) {
            throw new PushFailedException(true, "Shopify created the product but returned no variant", 0);
        }
        calls.productId = id(product.path("id"));
        calls.variantId = id(variant.path("id"));
        calls.inventoryItemId = id(variant.path("inventoryItem").path("id"));
        // what the create set at the channel's location (the variant's inventoryQuantity sums all locations)
        calls.lastSeenQuantity = ((Number) push.product().snapshot().value(ProductField.AVAILABLE)).intValue();
        links.upsert(push.product().id(), push.channel().id(), calls.variantId, calls.productId, calls.inventoryItemId,
                Map.of(LinkStore.LAST_SEEN_QUANTITY, calls.lastSeenQuantity));
        calls.seen(time(product.path("updatedAt")));
        calls.pushed.putAll(calls.planned);
    }

    private void stockSet(Push push, ShopifyCalls calls, JsonNode payload) {
        JsonNode errors = payload.path("userErrors");
        if (errors.size() == 1 && ShopifyGraphqlErrors.STALE.equals(errors.get(0).path("code").asText())) {
            if (++calls.staleAnswers > 2) {
                throw new PushFailedException(true, "Shopify stock keeps moving (CHANGE_FROM_QUANTITY_STALE)", 0);
            }
            calls.add(Call.READ_STOCK);
            return;
        }
        ShopifyGraphqlErrors.failOnUserErrors("inventorySetQuantities", errors);
        JsonNode change = payload.path("inventoryAdjustmentGroup").path("changes").path(0);
        int after = change.path("quantityAfterChange").asInt(((Number) push.product().snapshot().value(ProductField.AVAILABLE)).intValue());
        seenQuantity(push, calls, after);
        calls.pushed.put(ProductField.AVAILABLE, after);
        calls.seen(clock.instant()); // the shop's inventory webhook carries the time of the change, before now
    }

    /**
     * The shop's stock moved since the hub last saw it: keep the figure just read, and set the hub's
     * only if it is news. A correction (the shop reported more than the hub has) never raises the
     * shop's stock: if a sale has since brought it down to or below the hub's figure, leave it.
     */
    private void stockRead(Push push, ShopifyCalls calls, JsonNode item) {
        if (item.isNull() || item.isMissingNode()) {
            throw PushFailedException.permanent("Shopify no longer has inventory item " + calls.inventoryItemId);
        }
        int shop = 0; // not stocked at the location yet
        for (JsonNode quantity : item.path("inventoryLevel").path("quantities")) {
            if ("available".equals(quantity.path("name").asText())) {
                shop = quantity.path("quantity").asInt();
            }
        }
        seenQuantity(push, calls, shop);
        int hub = ((Number) push.product().snapshot().value(ProductField.AVAILABLE)).intValue();
        boolean news = shop != hub && !(push.job().correction() && shop < hub);
        log.info("Shopify stock of product {} on {} moved to {} since last seen; hub has {}: {}", push.product().id(),
                push.channel().id(), shop, hub, news ? "setting it again" : "leaving it");
        if (news) {
            calls.add(Call.STOCK);
        }
    }

    private void seenQuantity(Push push, ShopifyCalls calls, int quantity) {
        calls.lastSeenQuantity = quantity;
        links.putPlatformData(push.product().id(), push.channel().id(), Map.of(LinkStore.LAST_SEEN_QUANTITY, quantity));
    }

    private JsonNode answer(Exchange exchange, Channel channel) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        if (!PushFailedException.isSuccess(status)) {
            throw PushFailedException.forStatus("Shopify", status,
                    exchange.getMessage().getHeader("Retry-After", String.class), ShopifyGraphqlErrors.brief(body));
        }
        JsonNode answer;
        try {
            answer = json.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw new PushFailedException(true, "Shopify answered with a body that is not JSON", 0);
        }
        JsonNode throttle = answer.path("extensions").path("cost").path("throttleStatus");
        if (throttle.has("currentlyAvailable")) {
            rateLimiter.observe(channel, throttle.path("currentlyAvailable").asDouble());
        }
        ShopifyGraphqlErrors.failOnErrors(answer);
        return answer;
    }

    private static JsonNode payload(JsonNode data, String mutation) {
        JsonNode payload = data.path(mutation);
        ShopifyGraphqlErrors.failOnUserErrors(mutation, payload.path("userErrors"));
        return payload;
    }

    /** The product's own fields as ProductSetInput. */
    private static Map<String, Object> productInput(ProductSnapshot p, boolean withImages) {
        Map<String, Object> input = new LinkedHashMap<>();
        Object name = p.value(ProductField.NAME);
        input.put("title", name != null ? name : p.value(ProductField.SKU));
        input.put("descriptionHtml", text(p.value(ProductField.DESCRIPTION)));
        input.put("vendor", text(p.value(ProductField.VENDOR)));
        input.put("productType", text(p.value(ProductField.PRODUCT_TYPE)));
        input.put("status", Boolean.TRUE.equals(p.value(ProductField.IS_ACTIVE)) ? "ACTIVE" : "DRAFT");
        input.put("tags", p.value(ProductField.TAGS));
        Map<String, Object> seo = new LinkedHashMap<>();
        seo.put("title", p.value(ProductField.SEO_TITLE));
        seo.put("description", p.value(ProductField.SEO_DESCRIPTION));
        input.put("seo", seo);
        // Shopify takes collections by id; names the hub holds for other platforms are not sent
        input.put("collections", ((List<?>) p.value(ProductField.COLLECTIONS)).stream()
                .map(Object::toString).filter(c -> c.startsWith("gid://shopify/Collection/")).toList());
        if (withImages) {
            List<Map<String, Object>> files = new ArrayList<>();
            for (Object src : images(p)) {
                files.add(Map.of("originalSource", src, "contentType", "IMAGE"));
            }
            input.put("files", files);
        }
        return input;
    }

    private static Map<String, Object> variantInput(ProductSnapshot p) {
        Map<String, Object> variant = new LinkedHashMap<>();
        BigDecimal price = (BigDecimal) p.value(ProductField.PRICE);
        BigDecimal compareAt = (BigDecimal) p.value(ProductField.COMPARE_AT_PRICE);
        variant.put("price", price == null ? "0.00" : price.toPlainString());
        variant.put("compareAtPrice", compareAt == null ? null : compareAt.toPlainString());
        variant.put("taxable", Boolean.TRUE.equals(p.value(ProductField.TAXABLE)));
        return variant;
    }

    /**
     * The hub's values as the shop's webhook will show them once it holds them: the REST shape read
     * back by the inbound mapper.
     */
    private Map<ProductField, Object> echoFields(Push push) {
        ProductSnapshot p = push.product().snapshot();
        Map<String, Object> variant = new LinkedHashMap<>();
        variant.put("id", 0);
        variant.put("sku", p.value(ProductField.SKU));
        variant.put("barcode", p.value(ProductField.GTIN));
        Map<String, Object> prices = variantInput(p);
        variant.put("price", prices.get("price"));
        variant.put("compare_at_price", prices.get("compareAtPrice"));
        variant.put("taxable", prices.get("taxable"));
        variant.put("inventory_quantity", p.value(ProductField.AVAILABLE));
        Map<String, Object> product = new LinkedHashMap<>();
        Map<String, Object> input = productInput(p, false);
        product.put("id", 0);
        product.put("title", input.get("title"));
        product.put("body_html", input.get("descriptionHtml"));
        product.put("vendor", input.get("vendor"));
        product.put("product_type", input.get("productType"));
        product.put("status", "ACTIVE".equals(input.get("status")) ? "active" : "draft");
        product.put("tags", String.join(", ", (List<String>) input.get("tags")));
        product.put("updated_at", clock.instant().toString());
        product.put("images", images(p).stream().map(src -> Map.of("src", src)).toList());
        product.put("variants", List.of(variant));
        Map<ProductField, Object> echo;
        try {
            echo = ((InboundEvent.ProductChanged) mapper.map("products/update", json.writeValueAsString(product)))
                    .items().get(0).fields();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        echo.put(ProductField.AVAILABLE, p.value(ProductField.AVAILABLE)); // as set (inventory_quantity is clamped at 0)
        return echo;
    }

    private static List<Object> images(ProductSnapshot p) {
        List<Object> images = new ArrayList<>((List<?>) p.value(ProductField.IMAGES));
        if (images.isEmpty() && p.value(ProductField.IMAGE_URL) != null) {
            images.add(p.value(ProductField.IMAGE_URL));
        }
        return images;
    }

    private static String location(Channel channel) {
        String location = channel.settings().getLocationId();
        if (location == null || location.isBlank()) {
            throw PushFailedException.permanent("channel " + channel.id() + " has no location-id: Shopify stock needs one");
        }
        return location.startsWith("gid://") ? location : gid("Location", location);
    }

    static String gid(String type, String id) {
        return id.startsWith("gid://") ? id : "gid://shopify/" + type + "/" + id;
    }

    /** The numeric id of a GID: links keep the ids webhooks carry. */
    static String id(JsonNode gid) {
        String text = gid.asText();
        return text.substring(text.lastIndexOf('/') + 1);
    }

    private static Instant time(JsonNode node) {
        return node.isTextual() ? java.time.OffsetDateTime.parse(node.asText()).toInstant() : null;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
