package com.nolimits.synchub.platform.shopify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The GraphQL documents the hub sends to Shopify, one file each in src/main/resources/graphql/shopify/
 * (readable, and checked by sandbox/OfficialClientsTest through Shopify's official client).
 */
final class ShopifyDocuments {

    private ShopifyDocuments() {
    }

    static String load(String name) {
        String path = "/graphql/shopify/" + name + ".graphql";
        try (InputStream in = ShopifyDocuments.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no GraphQL document " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
