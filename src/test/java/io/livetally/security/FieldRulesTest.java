package io.livetally.security;

import static io.livetally.common.GraphQLClient.data;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.livetally.common.MaskUnexpectedErrors;
import io.livetally.common.ReadWithParent;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.graphql.api.Subscription;

/**
 * Walks every field of every object type of the served schema (introspected, so a field added anywhere is seen)
 * and finds the Java member that serves it: a resolver must declare who may call it ({@link Allowed}, non-empty) on
 * a bean that masks unexpected failures ({@link MaskUnexpectedErrors}); a plain property must belong to a type
 * whose properties are shown with their parent ({@link ReadWithParent}). A field that declares nothing fails, so
 * no new field can leak by forgetting the rule (docs/SECURITY.md, "Adding a field").
 */
@QuarkusTest
class FieldRulesTest {

    private static final String SCHEMA = """
            { __schema { queryType { name } mutationType { name } subscriptionType { name }
                types { name kind fields { name } } } }""";

    private static Map<String, Method> resolvers;
    private static Map<String, Class<?>> types;

    @BeforeAll
    static void javaSide() {
        resolvers = resolvers(apiBeans());
        types = outputTypes();
    }

    @Test
    void everyFieldOfTheServedSchemaDeclaresWhoMayReadIt() {
        List<String> undeclared = new ArrayList<>();
        List<String> walked = new ArrayList<>();
        servedFields().forEach(field -> {
            walked.add(field);
            Method resolver = resolvers.get(field);
            String type = field.substring(0, field.indexOf('.'));
            if (resolver != null) {
                Allowed rule = resolver.getAnnotation(Allowed.class);
                if (rule == null || rule.value().length == 0) {
                    undeclared.add(field + " (resolver " + resolver.getDeclaringClass().getSimpleName() + "."
                            + resolver.getName() + " has no @Allowed roles)");
                }
            } else if (isRoot(type)) {
                undeclared.add(field + " (no resolver method found)");
            } else if (!types.containsKey(type) || !types.get(type).isAnnotationPresent(ReadWithParent.class)) {
                undeclared.add(field + " (a property of " + type + ", which is not @ReadWithParent)");
            }
        });

        assertThat(walked).as("fields walked").hasSizeGreaterThan(150)
                .contains("Query.orders", "Mutation.recordOrders", "Subscription.liveStats", "Campaign.originRegion",
                        "Order.session", "Region.totals", "PageInfo.endCursor");
        assertThat(undeclared).as("fields without an access rule").isEmpty();
    }

    @Test
    void everyResolverOfTheServedSchemaMasksUnexpectedErrors() {
        List<String> unmasked = servedFields().filter(resolvers::containsKey)
                .filter(field -> !resolvers.get(field).getDeclaringClass().isAnnotationPresent(MaskUnexpectedErrors.class))
                .toList();

        assertThat(unmasked).as("fields resolved by a bean without @MaskUnexpectedErrors").isEmpty();
    }

    @Test
    void everyGraphQLApiBeanMasksUnexpectedErrors() {
        List<Class<?>> apis = apiBeans();

        assertThat(apis).as("GraphQL API beans found").hasSizeGreaterThanOrEqualTo(9);
        assertThat(apis).filteredOn(type -> !type.isAnnotationPresent(MaskUnexpectedErrors.class))
                .as("GraphQL API beans without @MaskUnexpectedErrors").isEmpty();
    }

    /** "Type.field" of every field of the served object types, introspection's own types aside. */
    private static Stream<String> servedFields() {
        List<Map<String, Object>> all = data(SCHEMA, Map.of()).getList("__schema.types");
        return all.stream().filter(type -> "OBJECT".equals(type.get("kind")))
                .filter(type -> !((String) type.get("name")).startsWith("__"))
                .flatMap(type -> {
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> fields = (List<Map<String, Object>>) type.get("fields");
                    return fields.stream().map(field -> type.get("name") + "." + field.get("name"));
                });
    }

    private static boolean isRoot(String type) {
        return List.of("Query", "Mutation", "Subscription").contains(type);
    }

    private static List<Class<?>> apiBeans() {
        return Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE).stream()
                .map(Bean::getBeanClass).filter(type -> type.isAnnotationPresent(GraphQLApi.class))
                .filter(type -> type.getPackageName().startsWith("io.livetally")).distinct().toList();
    }

    /** "Type.field" to the method that resolves it, for root fields and {@code @Source} fields. */
    private static Map<String, Method> resolvers(List<Class<?>> apis) {
        Map<String, Method> byField = new HashMap<>();
        for (Class<?> api : apis) {
            for (Method method : api.getDeclaredMethods()) {
                root(method).or(() -> source(method)).ifPresent(field -> {
                    Method clash = byField.put(field, method);
                    assertThat(clash).as(field + " resolved twice").isNull();
                });
            }
        }
        return byField;
    }

    private static Optional<String> root(Method method) {
        if (method.isAnnotationPresent(Query.class)) {
            return Optional.of("Query." + named(method.getAnnotation(Query.class).value(), method));
        }
        if (method.isAnnotationPresent(Mutation.class)) {
            return Optional.of("Mutation." + named(method.getAnnotation(Mutation.class).value(), method));
        }
        if (method.isAnnotationPresent(Subscription.class)) {
            return Optional.of("Subscription." + named(method.getAnnotation(Subscription.class).value(), method));
        }
        return Optional.empty();
    }

    private static Optional<String> source(Method method) {
        for (Parameter parameter : method.getParameters()) {
            if (parameter.isAnnotationPresent(Source.class)) {
                Type type = parameter.getParameterizedType();
                Class<?> parent = type instanceof ParameterizedType list
                        ? (Class<?>) list.getActualTypeArguments()[0] : parameter.getType();
                Name name = method.getAnnotation(Name.class);
                return Optional.of(graphQLName(parent) + "." + named(name == null ? "" : name.value(), method));
            }
        }
        return Optional.empty();
    }

    private static String named(String given, Method method) {
        return given.isEmpty() ? method.getName() : given;
    }

    private static String graphQLName(Class<?> type) {
        org.eclipse.microprofile.graphql.Type named = type.getAnnotation(org.eclipse.microprofile.graphql.Type.class);
        return named != null && !named.value().isEmpty() ? named.value() : type.getSimpleName();
    }

    /** The service's classes by GraphQL type name (the class of a type is the one its name names). */
    private static Map<String, Class<?>> outputTypes() {
        Path classes = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(classes.resolve("io/livetally"))) {
            Map<String, Class<?>> byName = new HashMap<>();
            files.map(classes::relativize).map(Path::toString).filter(file -> file.endsWith(".class"))
                    .filter(file -> !file.contains("$"))
                    .map(file -> file.substring(0, file.length() - ".class".length()).replace('/', '.'))
                    .map(FieldRulesTest::load).forEach(type -> byName.put(graphQLName(type), type));
            return byName;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
