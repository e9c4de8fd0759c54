package io.livetally.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.json.JsonObject;

import org.jboss.logging.Logger;
import org.reactivestreams.Publisher;

import graphql.ExecutionResult;
import graphql.language.OperationDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;

/**
 * Queries sent over a graphql-transport-ws socket, answered once for all the identical ones of one {@link Scope}
 * that wait together: a wall of screens of one session refetching its latest orders and minute trend costs one
 * GraphQL execution (and its SQL) per burst, not one per screen (bench/screens, docs/SCREENS.md).
 * <p>
 * No answer is older than its question: a query that arrives while an identical one of its scope is being executed
 * does not take that execution's answer (it started before the question, and might miss what the asker has just
 * seen, such as an order the live figures already count); it waits for the next execution, which starts when the
 * running one ends and answers everyone who arrived meanwhile. So a burst of N identical queries costs at most two
 * executions, and every answer was read after its question arrived. The key is the one of {@link SharedSubscriptions}
 * (scope, document, operation name, variables, extensions): what one scope may see is never sent to another.
 * Mutations and subscriptions are not shared here.
 */
final class SharedQueries {

    private static final Logger LOG = Logger.getLogger(SharedQueries.class);

    private final Map<SharedSubscriptions.Key, Flight> flights = new ConcurrentHashMap<>();
    private final Counter executions;
    private final Counter answers;

    SharedQueries(MeterRegistry registry) {
        executions = Counter.builder("livetally.queries.shared.executions")
                .description("GraphQL executions of queries sent over the WebSocket (each answers every identical"
                        + " query of its scope that waited for it)")
                .register(registry);
        answers = Counter.builder("livetally.queries.shared.answers")
                .description("Queries sent over the WebSocket and answered by a shared execution")
                .register(registry);
    }

    /** The sharing key of a subscribe payload whose operation is a query; null for anything else. */
    static SharedSubscriptions.Key key(Scope scope, JsonObject payload) {
        return SharedSubscriptions.key(scope, payload, OperationDefinition.Operation.QUERY);
    }

    /** Answers the socket's query with the next execution of its key that starts after now. */
    void ask(SharedSubscriptions.Key key, JsonObject payload, SharedSubscriptions.Socket socket, String operationId) {
        SharedSubscriptions.Member member = new SharedSubscriptions.Member(socket, operationId);
        Flight[] started = { null };
        flights.compute(key, (k, flight) -> {
            if (flight == null) {
                flight = new Flight(k, payload);
                flight.running.add(member);
                started[0] = flight;
            } else {
                // One is running: it started before this question, so this one waits for the next.
                flight.waiting.add(member);
            }
            return flight;
        });
        if (started[0] != null) {
            started[0].run(member);
        }
    }

    /** The socket's query no longer wants an answer (the client completed it, or the socket closed). */
    void withdraw(SharedSubscriptions.Key key, SharedSubscriptions.Socket socket, String operationId) {
        SharedSubscriptions.Member member = new SharedSubscriptions.Member(socket, operationId);
        flights.computeIfPresent(key, (k, flight) -> {
            flight.running.remove(member);
            flight.waiting.remove(member);
            return flight;
        });
    }

    /** The executions of one key: the one running and who it answers, and who waits for the next. */
    private final class Flight {

        private final SharedSubscriptions.Key key;
        private final JsonObject payload;
        /** Answered by the running execution (guarded by the map's compute on {@link #key}). */
        private List<SharedSubscriptions.Member> running = new ArrayList<>();
        /** Arrived while it ran: answered by the next execution. */
        private List<SharedSubscriptions.Member> waiting = new ArrayList<>();

        Flight(SharedSubscriptions.Key key, JsonObject payload) {
            this.key = key;
            this.payload = payload;
        }

        /** Runs one execution in the context (identity, event loop) of the socket of {@code runner}. */
        void run(SharedSubscriptions.Member runner) {
            executions.increment();
            try {
                execute(runner);
            } catch (RuntimeException e) {
                LOG.warnf("Cannot execute a shared GraphQL query: %s", e.toString());
                answered(null, e);
            }
        }

        private void execute(SharedSubscriptions.Member runner) {
            runner.socket().execute(payload, new ExecutionResponseWriter() {
                @Override
                public void write(ExecutionResponse response) {
                    answered(response, null);
                }

                @Override
                public void fail(Throwable failure) {
                    LOG.warnf("Cannot execute a shared GraphQL query: %s", failure.toString());
                    answered(null, failure);
                }
            });
        }

        /** Sends the answer to everyone the execution answers, then starts the next one for those who waited. */
        private void answered(ExecutionResponse response, Throwable failure) {
            List<List<SharedSubscriptions.Member>> answeredAndNext = new ArrayList<>(2);
            flights.compute(key, (k, flight) -> {
                answeredAndNext.add(running);
                running = new ArrayList<>();
                waiting.removeIf(member -> member.socket().isClosed());
                if (waiting.isEmpty()) {
                    return null;
                }
                running = waiting;
                waiting = new ArrayList<>();
                answeredAndNext.add(running);
                return this;
            });
            send(answeredAndNext.get(0), response, failure);
            if (answeredAndNext.size() > 1) {
                run(answeredAndNext.get(1).get(0));
            }
        }

        private void send(List<SharedSubscriptions.Member> to, ExecutionResponse response, Throwable failure) {
            answers.increment(to.size());
            ExecutionResult result = response == null ? null : response.getExecutionResult();
            if (failure != null || result == null || !result.isDataPresent() || result.getData() instanceof Publisher) {
                for (SharedSubscriptions.Member member : to) {
                    member.socket().finished(member.operationId());
                    member.socket().sendError(member.operationId(), failure != null || result == null ? null : response);
                }
                return;
            }
            // Serialised once for all of them.
            String json = response.getExecutionResultAsJsonObject().toString();
            for (SharedSubscriptions.Member member : to) {
                // Before the answer: a client may reuse the id as soon as it has it.
                member.socket().finished(member.operationId());
                member.socket().sendNext(member.operationId(), json);
                member.socket().sendComplete(member.operationId());
            }
        }
    }
}
