package com.nolimits.synchub.sandbox.shopify;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.VariableReference;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.Coercing;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The sandbox's Admin GraphQL API, executed by graphql-java over the schema in
 * sandbox/shopify-admin.graphqls: documents are parsed and validated as Shopify does, and answers hold
 * exactly the fields asked for. The cost of a document (mutations 10, product 3, inventoryItem 2, lists
 * 2 + first) is taken from the shop's one bucket before it runs; a document that does not run is
 * refunded. The root fields' work is {@link ShopifyGraphql}'s.
 */
final class ShopifyGraphqlEngine {

    private static final GraphQL GRAPHQL = build();

    /** A document's answer: the GraphQL response (data and errors) and what it changed in the shop. */
    record Answer(Map<String, Object> response, ShopifyGraphql.Effects effects, int requestedCost, Integer actualCost) {
    }

    private ShopifyGraphqlEngine() {
    }

    /** The first root field of the document, for the journal; null when it does not parse. */
    static String operation(String query) {
        try {
            Field first = rootFields(Parser.parse(query), null).stream().findFirst().orElse(null);
            return first == null ? null : first.getName();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** What the document would cost; syntax errors cost nothing. */
    static int cost(String query, String operationName, Map<String, Object> variables) {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (InvalidSyntaxException e) {
            return 0;
        }
        int cost = 0;
        for (OperationDefinition operation : operations(document, operationName)) {
            for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
                if (selection instanceof Field field) {
                    cost += operation.getOperation() == OperationDefinition.Operation.MUTATION ? 10
                            : fieldCost(field.getName(), first(field, variables));
                }
            }
        }
        return cost;
    }

    private static int fieldCost(String field, int first) {
        return switch (field) {
            case "product" -> 3;
            case "inventoryItem" -> 2;
            case "products", "productVariants", "webhookSubscriptions" -> 2 + Math.min(250, Math.max(first, 0));
            default -> 1;
        };
    }

    /** Runs the document against the shop (the caller holds the shop's lock and has charged the cost). */
    static Answer execute(ShopifyShop shop, String apiVersion, String query, String operationName,
                          Map<String, Object> variables, int requestedCost) {
        ShopifyGraphql.Effects effects = ShopifyGraphql.Effects.none();
        ExecutionInput input = ExecutionInput.newExecutionInput().query(query).operationName(operationName)
                .variables(variables == null ? Map.of() : variables)
                .graphQLContext(Map.of("shop", shop, "apiVersion", apiVersion, "effects", effects)).build();
        ExecutionResult result = GRAPHQL.execute(input);
        Map<String, Object> response = new LinkedHashMap<>(result.toSpecification());
        boolean ran = result.isDataPresent();
        return new Answer(response, effects, requestedCost, ran ? requestedCost : null);
    }

    // ---- the schema and its wiring

    private static GraphQL build() {
        String sdl;
        try (InputStream in = ShopifyGraphqlEngine.class.getResourceAsStream("/sandbox/shopify-admin.graphqls")) {
            sdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(text("DateTime")).scalar(money("Money")).scalar(money("Decimal")).scalar(text("URL"))
                .type(TypeRuntimeWiring.newTypeWiring("QueryRoot")
                        .dataFetcher("product", env -> ShopifyGraphql.productQuery(shop(env), env.getArgument("id")))
                        .dataFetcher("products", env -> ShopifyGraphql.productsQuery(shop(env), intArgument(env, "first", 10),
                                env.getArgument("after"), env.getArgument("query")))
                        .dataFetcher("productVariants", env -> ShopifyGraphql.variantsQuery(shop(env), intArgument(env, "first", 10),
                                env.getArgument("query")))
                        .dataFetcher("inventoryItem", env -> ShopifyGraphql.inventoryItemQuery(shop(env), env.getArgument("id")))
                        .dataFetcher("webhookSubscriptions", env -> ShopifyWebhookSubscriptions.list(shop(env), intArgument(env, "first", 10))))
                .type(TypeRuntimeWiring.newTypeWiring("Mutation")
                        .dataFetcher("productSet", env -> ShopifyGraphql.productSet(shop(env), env.getArgument("input"), effects(env)))
                        .dataFetcher("productUpdate", env -> ShopifyGraphql.productUpdate(shop(env),
                                env.getArgument("product") != null ? env.getArgument("product") : env.getArgument("input"), effects(env)))
                        .dataFetcher("productVariantsBulkUpdate", env -> ShopifyGraphql.bulkUpdate(shop(env), env.getArgument("productId"),
                                env.getArgument("variants"), effects(env)))
                        .dataFetcher("inventorySetQuantities", env -> ShopifyGraphql.setQuantities(shop(env),
                                env.getGraphQlContext().get("apiVersion"), env.getArgument("input"), effects(env)))
                        .dataFetcher("webhookSubscriptionCreate", env -> ShopifyWebhookSubscriptions.create(shop(env),
                                env.getArgument("topic"), env.getArgument("webhookSubscription")))
                        .dataFetcher("webhookSubscriptionUpdate", env -> ShopifyWebhookSubscriptions.update(shop(env),
                                env.getArgument("id"), env.getArgument("webhookSubscription")))
                        .dataFetcher("webhookSubscriptionDelete", env -> ShopifyWebhookSubscriptions.delete(shop(env), env.getArgument("id"))))
                .type(TypeRuntimeWiring.newTypeWiring("Product")
                        .dataFetcher("variants", firstOf("variants")).dataFetcher("images", firstOf("images"))
                        .dataFetcher("collections", firstOf("collections")))
                .type(TypeRuntimeWiring.newTypeWiring("InventoryItem").dataFetcher("inventoryLevel", env ->
                        ShopifyGraphql.inventoryLevel(shop(env), ((Map<?, ?>) env.getSource()).get("id"), env.getArgument("locationId"))))
                .type(TypeRuntimeWiring.newTypeWiring("InventoryLevel").dataFetcher("quantities", ShopifyGraphqlEngine::quantities))
                .build();
        return GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl), wiring))
                .defaultDataFetcherExceptionHandler(new AsShopifyWordsIt()).build();
    }

    /** A level's quantities by name: the sandbox keeps "available"; on hand is the same, the others are 0. */
    private static List<Map<String, Object>> quantities(DataFetchingEnvironment env) {
        Map<?, ?> level = env.getSource();
        List<String> names = env.getArgument("names");
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : names) {
            int quantity = name.equals("available") || name.equals("on_hand") ? (Integer) level.get("available") : 0;
            out.add(Map.of("name", name, "quantity", quantity));
        }
        return out;
    }

    /** A connection field with first: at most that many nodes. */
    private static DataFetcher<Object> firstOf(String field) {
        return env -> {
            Map<?, ?> connection = (Map<?, ?>) ((Map<?, ?>) env.getSource()).get(field);
            Integer first = env.getArgument("first");
            if (connection == null || first == null || !(connection.get("nodes") instanceof List<?> nodes) || nodes.size() <= first) {
                return connection;
            }
            Map<String, Object> cut = new LinkedHashMap<>();
            connection.forEach((k, v) -> cut.put(k.toString(), v));
            cut.put("nodes", nodes.subList(0, Math.max(first, 0)));
            cut.put("pageInfo", Map.of("hasNextPage", true, "hasPreviousPage", false));
            return cut;
        };
    }

    private static ShopifyShop shop(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get("shop");
    }

    private static ShopifyGraphql.Effects effects(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get("effects");
    }

    private static int intArgument(DataFetchingEnvironment env, String name, int fallback) {
        Integer value = env.getArgument(name);
        return value == null ? fallback : value;
    }

    /** A domain error of a root field (first out of range, a bad cursor) is answered in its own words. */
    private static final class AsShopifyWordsIt implements DataFetcherExceptionHandler {
        @Override
        public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
                graphql.execution.DataFetcherExceptionHandlerParameters parameters) {
            Throwable e = parameters.getException();
            GraphQLError error = GraphqlErrorBuilder.newError().message(e instanceof ShopifyGraphql.GraphqlError ? e.getMessage()
                            : "Internal error: " + e.getClass().getSimpleName())
                    .path(parameters.getPath()).location(parameters.getSourceLocation()).build();
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
        }
    }

    // ---- scalars

    private static GraphQLScalarType text(String name) {
        return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<Object, String>() {
            @Override
            public String serialize(Object value) {
                return value.toString();
            }

            @Override
            public Object parseValue(Object input) {
                return input.toString();
            }

            @Override
            public Object parseLiteral(Object input) {
                if (input instanceof graphql.language.StringValue s) {
                    return s.getValue();
                }
                throw new graphql.schema.CoercingParseLiteralException(name + " must be a string");
            }
        }).build();
    }

    /** Money and Decimal: decimal numbers written as strings; given as strings or numbers. */
    private static GraphQLScalarType money(String name) {
        return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<Object, String>() {
            @Override
            public String serialize(Object value) {
                return value.toString();
            }

            @Override
            public Object parseValue(Object input) {
                try {
                    return new BigDecimal(input.toString().trim()).toPlainString();
                } catch (NumberFormatException e) {
                    throw new graphql.schema.CoercingParseValueException("invalid " + name.toLowerCase(Locale.ROOT) + ": " + input);
                }
            }

            @Override
            public Object parseLiteral(Object input) {
                if (input instanceof graphql.language.StringValue s) {
                    return parseValue(s.getValue());
                }
                if (input instanceof IntValue i) {
                    return i.getValue().toString();
                }
                if (input instanceof graphql.language.FloatValue f) {
                    return f.getValue().toPlainString();
                }
                throw new graphql.schema.CoercingParseLiteralException(name + " must be a decimal");
            }
        }).build();
    }

    // ---- reading a document for its cost

    private static List<OperationDefinition> operations(Document document, String operationName) {
        List<OperationDefinition> all = document.getDefinitionsOfType(OperationDefinition.class);
        if (operationName == null || operationName.isBlank()) {
            return all.isEmpty() ? List.of() : List.of(all.get(0));
        }
        return all.stream().filter(o -> operationName.equals(o.getName())).toList();
    }

    private static List<Field> rootFields(Document document, String operationName) {
        List<Field> fields = new ArrayList<>();
        for (OperationDefinition operation : operations(document, operationName)) {
            operation.getSelectionSet().getSelections().forEach(s -> {
                if (s instanceof Field f) {
                    fields.add(f);
                }
            });
        }
        return fields;
    }

    private static int first(Field field, Map<String, Object> variables) {
        for (Argument argument : field.getArguments()) {
            if (argument.getName().equals("first")) {
                if (argument.getValue() instanceof IntValue value) {
                    return value.getValue().intValue();
                }
                if (argument.getValue() instanceof VariableReference ref && variables != null
                        && variables.get(ref.getName()) instanceof Number n) {
                    return n.intValue();
                }
            }
        }
        return 10;
    }
}
