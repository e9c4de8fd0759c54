package io.livetally.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import graphql.language.Document;
import graphql.language.ScalarTypeDefinition;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;

/**
 * Micro-benchmarks of the request gate's pure work on a document (bench/jmh/run.sh): the parse and the facts of a
 * document not seen before, and the query cost every request is priced with, against the committed SDL.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GateBenchmark {

    /** The documents of the live benchmark: a stats read, a single order, a batch. */
    private static final Map<String, String> DOCUMENTS = Map.of(
            "stats", """
                    query($id: ID!) { session(id: $id) { stats { sessionId currentViewers peakViewers uniqueViewers views likes
                      orderCount itemsSold gmv refunds netGmv conversionRate gpm averageOrderValue
                      byProduct { product { id name } orderCount itemsSold gmv } updatedAt } } }""",
            "recordOrder", "mutation($input: OrderInput!) { recordOrder(input: $input) { duplicate order { id } } }",
            "recordOrders", "mutation($inputs: [OrderInput!]!) { recordOrders(inputs: $inputs) { accepted duplicates rejected { reason } } }",
            "typename", "{ __typename }");

    @Param({ "stats", "recordOrder", "recordOrders", "typename" })
    public String document;

    private String text;
    private Document parsed;
    private DocumentFacts facts;
    private GraphQLSchema schema;
    private final ParserOptions options = ParserOptions.newParserOptions().captureIgnoredChars(false)
            .captureSourceLocation(true).captureLineComments(false).maxTokens(80_000).build();
    private final Map<String, Object> variables = Map.of("id", "17", "inputs", 500);

    @Setup
    public void setUp() throws IOException {
        text = DOCUMENTS.get(document);
        parsed = parse();
        facts = DocumentFacts.of(parsed);
        TypeDefinitionRegistry types = new SchemaParser().parse(Files.readString(Path.of("docs/schema.graphql")));
        // SmallRye's printed SDL leaves out the declarations of the scalars it adds.
        for (String scalar : List.of("BigDecimal", "BigInteger", "Date", "DateTime", "Long", "Time")) {
            if (!types.scalars().containsKey(scalar)) {
                types.add(ScalarTypeDefinition.newScalarTypeDefinition().name(scalar).build());
            }
        }
        schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(types);
    }

    private Document parse() {
        return Parser.parse(ParserEnvironment.newParserEnvironment().document(text).parserOptions(options).build());
    }

    @Benchmark
    public DocumentFacts parseAndFacts() {
        return DocumentFacts.of(parse());
    }

    @Benchmark
    public long cost() {
        DocumentFacts.Operation operation = facts.operation(null);
        return QueryCost.of(schema, facts.fragments(), operation.definition(), variables);
    }
}
