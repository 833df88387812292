package com.nolimits.synchub.api;

import com.nolimits.synchub.merge.FieldType;
import com.nolimits.synchub.merge.OwnershipRules;
import com.nolimits.synchub.merge.ProductField;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.DateTimeSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MapSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.media.UUIDSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The product's schemas in the OpenAPI document, built from {@link ProductField} (the one list of the
 * product's fields, their API names and types) and the ownership rules (who owns each), so the document
 * never drifts from the fields the API takes and answers with ({@link ProductView}, {@link ProductRequests}).
 * The controllers name them: {@code #/components/schemas/Product} and the others below.
 */
@Component
class ProductSchemas implements OpenApiCustomizer {

    static final String PRODUCT = "Product";
    static final String PRODUCT_ANSWER = "ProductAnswer";
    static final String NEW_PRODUCT = "NewProduct";
    static final String PRODUCT_EDIT = "ProductEdit";
    static final String CONFLICT_RESOLUTION = "ConflictResolution";
    static final String REF = "#/components/schemas/";
    static final String REF_PRODUCT_ANSWER = REF + PRODUCT_ANSWER;
    static final String REF_NEW_PRODUCT = REF + NEW_PRODUCT;
    static final String REF_PRODUCT_EDIT = REF + PRODUCT_EDIT;
    static final String REF_CONFLICT_RESOLUTION = REF + CONFLICT_RESOLUTION;

    private final OwnershipRules rules;

    ProductSchemas(OwnershipRules rules) {
        this.rules = rules;
    }

    @Override
    public void customise(io.swagger.v3.oas.models.OpenAPI api) {
        api.getComponents().addSchemas(PRODUCT, product());
        api.getComponents().addSchemas(PRODUCT_ANSWER, new ObjectSchema().description("A product, in the API's envelope")
                .addProperty("success", new BooleanSchema().example(true))
                .addProperty("data", new Schema<>().$ref(REF + PRODUCT)));
        api.getComponents().addSchemas(NEW_PRODUCT, newProduct());
        api.getComponents().addSchemas(PRODUCT_EDIT, edit());
        api.getComponents().addSchemas(CONFLICT_RESOLUTION, new ObjectSchema()
                .description("How a person resolves a product's open conflicts")
                .addProperty("resolution", new StringSchema()._enum(List.of("accept_local", "accept_remote", "merge"))
                        .description("accept_local: the hub's values; accept_remote: the channel's; merge: mergeData's"))
                .addProperty("mergeData", new MapSchema().additionalProperties(new Schema<>())
                        .description("with merge: field -> the value to keep, for each conflicting field"))
                .required(List.of("resolution")));
    }

    private Schema<?> product() {
        ObjectSchema product = new ObjectSchema();
        product.description("A hub product: its fields by API name, then the sync bookkeeping");
        product.addProperty("id", new UUIDSchema().description("the hub's id"));
        product.addProperty("clientId", new StringSchema().description("the merchant it belongs to").example("demo"));
        fields(product);
        product.addProperty("lastUpdatedBy", origin().description("the origin of the latest change"));
        product.addProperty("lastUpdatedAt", new DateTimeSchema());
        product.addProperty("lastSyncedAt", new DateTimeSchema().description("when every channel last had it; null before"));
        product.addProperty("syncStatus", new StringSchema()._enum(List.of("PENDING", "SYNCED", "CONFLICT", "ERROR")));
        product.addProperty("syncChecksum", new StringSchema().description("a digest of the synced fields"));
        product.addProperty("lastFieldUpdates", new MapSchema().description("per field: the origin and time of its last write")
                .additionalProperties(new ObjectSchema().addProperty("origin", origin()).addProperty("at", new DateTimeSchema())));
        product.addProperty("fieldOwnership", new MapSchema().description("this product's own ownership overrides: field -> group")
                .additionalProperties(group()));
        product.addProperty("jtlProductId", new StringSchema().description("the JTL-FFN jfsku, once linked"));
        product.addProperty("jtlSyncStatus", new StringSchema());
        product.addProperty("version", new IntegerSchema().format("int64").description("raised by every change"));
        product.addProperty("createdAt", new DateTimeSchema());
        product.addProperty("ignoredFields", new ArraySchema().description("only in the answer to PATCH product/{id}: "
                + "fields the edit could not set, and why").items(new ObjectSchema()
                .addProperty("field", new StringSchema().example("available"))
                .addProperty("reason", new StringSchema())));
        return product;
    }

    private Schema<?> newProduct() {
        ObjectSchema create = new ObjectSchema();
        create.description("A product created in the hub (origin NOLIMITS): any of the product's fields; unknown fields are refused");
        create.addProperty("clientId", new StringSchema().example("demo"));
        fields(create);
        create.addProperty("quantity", new IntegerSchema().description("an older name of available, still taken"));
        create.addProperty("channelIds", new ArraySchema().items(new StringSchema())
                .description("the channels to push it to; default: every channel of the client"));
        create.required(List.of("clientId", "name"));
        return create;
    }

    private Schema<?> edit() {
        ObjectSchema edit = new ObjectSchema();
        edit.description("An edit in the hub (origin NOLIMITS): the fields to change; unknown fields are refused");
        fields(edit);
        edit.addProperty("fieldOwnership", new MapSchema().additionalProperties(group())
                .description("this product's own ownership overrides: field -> group (never into or out of stock)"));
        return edit;
    }

    private void fields(ObjectSchema schema) {
        for (ProductField field : ProductField.values()) {
            schema.addProperty(field.key(), type(field.type()).nullable(field.nullable())
                    .description(rules.defaults().get(field).key() + " field"
                            + (field.storedOn().isEmpty() ? ", kept in the hub only" : ", stored on " + field.storedOn())));
        }
    }

    private static Schema<?> type(FieldType type) {
        return switch (type) {
            case TEXT -> new StringSchema();
            case DECIMAL -> new NumberSchema().example(18.9);
            case INTEGER -> new IntegerSchema();
            case BOOLEAN -> new BooleanSchema();
            case TEXT_LIST -> new ArraySchema().items(new StringSchema());
        };
    }

    private static Schema<?> origin() {
        return new StringSchema()._enum(List.of("SHOPIFY", "WOOCOMMERCE", "NOLIMITS", "JTL", "SYSTEM"));
    }

    private static Schema<?> group() {
        return new StringSchema()._enum(List.of("commerce", "ops", "shared", "stock"));
    }
}
