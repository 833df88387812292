package com.nolimits.synchub.platform.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.nolimits.synchub.channel.Channel;
import com.nolimits.synchub.merge.ProductField;
import com.nolimits.synchub.merge.ProductSnapshot;
import com.nolimits.synchub.outbound.PushFailedException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The hub's product as the GraphQL Admin API's inputs, and Shopify's global ids (GIDs) both ways. */
final class ShopifyInputs {

    private ShopifyInputs() {
    }

    /** The product's own fields as ProductSetInput. */
    static Map<String, Object> productInput(ProductSnapshot p, boolean withImages) {
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

    static Map<String, Object> variantInput(ProductSnapshot p) {
        Map<String, Object> variant = new LinkedHashMap<>();
        BigDecimal price = (BigDecimal) p.value(ProductField.PRICE);
        BigDecimal compareAt = (BigDecimal) p.value(ProductField.COMPARE_AT_PRICE);
        variant.put("price", price == null ? "0.00" : price.toPlainString());
        variant.put("compareAtPrice", compareAt == null ? null : compareAt.toPlainString());
        variant.put("taxable", Boolean.TRUE.equals(p.value(ProductField.TAXABLE)));
        return variant;
    }

    static List<Object> images(ProductSnapshot p) {
        List<Object> images = new ArrayList<>((List<?>) p.value(ProductField.IMAGES));
        if (images.isEmpty() && p.value(ProductField.IMAGE_URL) != null) {
            images.add(p.value(ProductField.IMAGE_URL));
        }
        return images;
    }

    static String location(Channel channel) {
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

    static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
