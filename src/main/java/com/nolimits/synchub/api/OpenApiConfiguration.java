package com.nolimits.synchub.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The OpenAPI description at /v3/api-docs, browsable at /swagger-ui.html. springdoc reads the management
 * API from its controllers; the webhook endpoints are Camel routes (platform-http), so they are added
 * here, with the headers each platform signs them with.
 */
@Configuration
public class OpenApiConfiguration {

    static final String API_KEY = "apiKey";
    static final String BASIC = "basic";

    @Bean
    OpenAPI hubApi() {
        return new OpenAPI()
                .info(new Info().title("Product sync hub").version("1")
                        .description("Management API of the No-Limits product sync hub, and the webhook endpoints that "
                                + "Shopify and WooCommerce call. Every management answer is {\"success\": true, \"data\": ...} "
                                + "or {\"success\": false, \"error\": \"...\"}."))
                .components(new Components()
                        .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key")
                                .description("the operator's key (every client) or a client's own key (only its data)"))
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("the operator's user and password")))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }

    /**
     * Every management API operation may answer an {@link ApiError}: its schema and the common error
     * statuses are listed on each, so a client generated from the document knows the error body.
     */
    @Bean
    OpenApiCustomizer errorAnswers() {
        return api -> {
            api.getComponents().addSchemas("ApiError", io.swagger.v3.core.converter.ModelConverters.getInstance()
                    .readAllAsResolvedSchema(ApiError.class).schema);
            Content error = new Content().addMediaType("application/json",
                    new MediaType().schema(new io.swagger.v3.oas.models.media.Schema<>().$ref("#/components/schemas/ApiError")));
            api.getPaths().forEach((path, item) -> {
                if (!path.startsWith("/api/integrations/product-sync") && !path.startsWith("/api/integrations/jtl")) {
                    return;
                }
                item.readOperations().forEach(operation -> {
                    for (String[] status : new String[][]{{"400", "a field or parameter is wrong: error names it"},
                            {"401", "no or wrong credentials"}, {"403", "another client's data"},
                            {"404", "no such product, client or channel"}, {"503", "the database is unavailable: retry"}}) {
                        if (operation.getResponses().get(status[0]) == null) {
                            operation.getResponses().addApiResponse(status[0],
                                    new ApiResponse().description(status[1]).content(error));
                        }
                    }
                });
            });
        };
    }

    @Bean
    OpenApiCustomizer webhookEndpoints() {
        return api -> {
            for (String topic : List.of("products/create", "products/update", "products/delete", "inventory_levels/update")) {
                api.path("/api/integrations/webhooks/shopify-enhanced/" + topic, webhook("Shopify " + topic,
                        List.of(header("X-Shopify-Hmac-Sha256", "base64 HMAC-SHA256 of the raw body with the channel's secret"),
                                header("X-Shopify-Shop-Domain", "finds the channel"),
                                header("X-Shopify-Event-Id", "deduplication key"),
                                header("X-Shopify-Topic", "the topic"))));
            }
            for (String topic : List.of("product.created", "product.updated", "product.deleted", "product.restored")) {
                api.path("/api/integrations/webhooks/woocommerce-enhanced/" + topic, webhook("WooCommerce " + topic,
                        List.of(header("X-WC-Webhook-Signature", "base64 HMAC-SHA256 of the raw body with the webhook's secret"),
                                header("X-WC-Webhook-Source", "the shop's URL: finds the channel"),
                                header("X-WC-Webhook-ID", "part of the deduplication key"),
                                header("X-WC-Webhook-Topic", "the topic"))));
            }
        };
    }

    private static PathItem webhook(String summary, List<Parameter> headers) {
        ApiResponses answers = new ApiResponses()
                .addApiResponse("200", new ApiResponse().description("stored (or a known duplicate); merged asynchronously"))
                .addApiResponse("401", new ApiResponse().description("unknown channel, missing or wrong signature; nothing stored"))
                .addApiResponse("413", new ApiResponse().description("body over the limit"))
                .addApiResponse("503", new ApiResponse().description("the database is unavailable: retry"));
        Operation post = new Operation().summary(summary).tags(List.of("webhooks"))
                .description("Authenticated by its HMAC signature alone (no API key). Acknowledged only once stored.")
                .parameters(headers)
                .requestBody(new RequestBody().required(true).content(new Content()
                        .addMediaType("application/json", new MediaType().schema(new ObjectSchema()))))
                .responses(answers)
                .security(List.of());
        return new PathItem().post(post);
    }

    private static Parameter header(String name, String description) {
        return new HeaderParameter().name(name).description(description).schema(new StringSchema());
    }
}
