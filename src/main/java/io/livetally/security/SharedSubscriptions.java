package io.livetally.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.jboss.logging.Logger;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import graphql.ExecutionResult;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;

/**
 * One execution per instance for every graphql-transport-ws subscription with the same document, variables and
 * caller's {@link Scope}, its events fanned out to all of them: a hundred screens of one session cost one GraphQL
 * execution of their selection per update and one serialisation, not a hundred (bench/screens). Identical
 * subscriptions of one scope see identical answers, so sharing changes nothing a client can see: a subscriber who
 * joins gets the latest event at once (as the live broadcasters send the current figures to a new subscriber),
 * then every event, then the completion or the error. The execution runs in the request context and with the
 * identity of one of its subscribers' sockets (the runner); when the runner leaves, another subscriber's socket
 * takes over and the execution starts again there (its first event, the current figures, is not repeated).
 */
final class SharedSubscriptions {

    private static final Logger LOG = Logger.getLogger(SharedSubscriptions.class);

    /** A socket's side of the sharing: where its messages go and how an execution runs in its context. */
    interface Socket {
        void sendNext(String operationId, String payloadJson);

        void sendComplete(String operationId);

        /** The answer of an execution that produced no stream (a validation or authorization error). */
        void sendError(String operationId, ExecutionResponse response);

        /** Runs the operation with this socket's identity and request context, on its event loop. */
        void execute(JsonObject payload, ExecutionResponseWriter writer);

        /** The operation no longer runs for this socket (completed, failed or left). */
        void finished(String operationId);

        boolean isClosed();
    }

    /** Subscriptions that answer alike: the caller's scope and the operation as sent. */
    record Key(Scope scope, String query, String operationName, String variables, String extensions) {
    }

    record Member(Socket socket, String operationId) {
    }

    private final Map<Key, Feed> feeds = new ConcurrentHashMap<>();
    private final AtomicInteger subscribers = new AtomicInteger();

    SharedSubscriptions(MeterRegistry registry) {
        Gauge.builder("livetally.subscriptions.executions", feeds, Map::size)
                .description("GraphQL subscriptions executed on this instance (each shared by its subscribers)")
                .register(registry);
        Gauge.builder("livetally.subscriptions.subscribers", subscribers, AtomicInteger::get)
                .description("Subscribers of the shared subscription executions on this instance")
                .register(registry);
    }

    /** The sharing key of a subscribe payload whose operation is a subscription; null for anything else. */
    static Key key(Scope scope, JsonObject payload) {
        return key(scope, payload, OperationDefinition.Operation.SUBSCRIPTION);
    }

    /** The sharing key of a subscribe payload whose operation is of the given kind; null for anything else. */
    static Key key(Scope scope, JsonObject payload, OperationDefinition.Operation kind) {
        if (scope == null || scope.role() == null || !(payload.get("query") instanceof JsonString query)) {
            return null;
        }
        String operationName = payload.get("operationName") instanceof JsonString name ? name.getString() : null;
        if (operation(query.getString(), operationName) != kind) {
            return null;
        }
        return new Key(scope, query.getString(), operationName, text(payload.get("variables")),
                text(payload.get("extensions")));
    }

    private static String text(JsonValue value) {
        return value == null || value == JsonValue.NULL ? null : value.toString();
    }

    /** Whether the operation to run is a subscription; anything the parser refuses is left to the library. */
    static boolean isSubscription(String query, String operationName) {
        return operation(query, operationName) == OperationDefinition.Operation.SUBSCRIPTION;
    }

    /** Documents up to this size have their operation's kind kept, so that a screen's messages are parsed once. */
    static final int KIND_KEPT_UP_TO_CHARS = 8 * 1024;
    /** At most this many documents' kinds are kept; past it the kept kinds are dropped and kept again as they come. */
    static final int KINDS_KEPT = 512;
    private static final ConcurrentHashMap<KindOf, Optional<OperationDefinition.Operation>> KINDS = new ConcurrentHashMap<>();

    private record KindOf(String query, String operationName) {
    }

    /**
     * The kind of the operation to run, or null when the parser refuses the document or names none. Every socket
     * message's document was parsed here before the library parsed it again (9.9% of the service's CPU with 2,000
     * screens open); the few documents the screens send are now parsed here once.
     */
    static OperationDefinition.Operation operation(String query, String operationName) {
        if (query.length() > KIND_KEPT_UP_TO_CHARS) {
            return parsedKind(query, operationName);
        }
        KindOf key = new KindOf(query, operationName);
        Optional<OperationDefinition.Operation> kind = KINDS.get(key);
        if (kind == null) {
            kind = Optional.ofNullable(parsedKind(query, operationName));
            if (KINDS.size() >= KINDS_KEPT) {
                KINDS.clear();
            }
            KINDS.put(key, kind);
        }
        return kind.orElse(null);
    }

    /** How many documents' kinds are kept now (at most {@link #KINDS_KEPT}). */
    static int kindsKept() {
        return KINDS.size();
    }

    private static OperationDefinition.Operation parsedKind(String query, String operationName) {
        try {
            Document document = Parser.parse(query);
            List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
            OperationDefinition chosen = null;
            for (OperationDefinition operation : operations) {
                if (operationName == null ? operations.size() == 1 : operationName.equals(operation.getName())) {
                    chosen = operation;
                }
            }
            return chosen == null ? null : chosen.getOperation();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Adds the socket's operation to the execution of its key, starting one when there is none. */
    void join(Key key, JsonObject payload, Socket socket, String operationId) {
        Member member = new Member(socket, operationId);
        subscribers.incrementAndGet();
        while (true) {
            Feed feed = feeds.computeIfAbsent(key, k -> new Feed(k, payload, member));
            if (feed.runner == member) {
                feed.start();
                return;
            }
            if (feed.add(member)) {
                return;
            }
            // That one has just ended: take its place.
            feeds.remove(key, feed);
        }
    }

    /** The socket's operation leaves its execution (the client completed it, or the socket closed). */
    void leave(Key key, Socket socket, String operationId) {
        Feed feed = feeds.get(key);
        if (feed != null) {
            feed.remove(new Member(socket, operationId));
        }
    }

    /** One shared execution and its subscribers. */
    private final class Feed {

        private final Key key;
        private final JsonObject payload;
        private final List<Member> members = new ArrayList<>();
        private Member runner;
        /** The execution's stream, once it has one; replaced when another runner takes over. */
        private Subscription upstream;
        /** The latest event sent, for a subscriber who joins, and to skip the repeat after a take-over. */
        private String latest;
        private boolean restarted;
        private boolean ended;

        Feed(Key key, JsonObject payload, Member runner) {
            this.key = key;
            this.payload = payload;
            this.runner = runner;
            members.add(runner);
        }

        void start() {
            Member running;
            synchronized (this) {
                running = runner;
            }
            running.socket().execute(payload, new Answers(running));
        }

        synchronized boolean add(Member member) {
            if (ended) {
                return false;
            }
            members.add(member);
            if (latest != null) {
                member.socket().sendNext(member.operationId(), latest);
            }
            return true;
        }

        void remove(Member member) {
            Subscription cancelled = null;
            boolean restart = false;
            synchronized (this) {
                if (ended || !members.remove(member)) {
                    return;
                }
                subscribers.decrementAndGet();
                if (members.isEmpty()) {
                    ended = true;
                    feeds.remove(key, this);
                    cancelled = upstream;
                } else if (member.equals(runner)) {
                    runner = members.get(0);
                    cancelled = upstream;
                    upstream = null;
                    restarted = latest != null;
                    restart = true;
                }
            }
            if (cancelled != null) {
                cancelled.cancel();
            }
            if (restart) {
                start();
            }
        }

        /** Ends the feed for every subscriber; each gets what {@code send} sends it. */
        private void end(Consumer<Member> send) {
            List<Member> all;
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
                feeds.remove(key, this);
                all = List.copyOf(members);
                members.clear();
            }
            subscribers.addAndGet(-all.size());
            for (Member member : all) {
                // Before the answer: a client may reuse the id as soon as it has it.
                member.socket().finished(member.operationId());
                send.accept(member);
            }
        }

        /** The stream of the execution run by {@code running}: taken unless another runner has taken over. */
        void onSubscribe(Subscription subscription, Member running) {
            boolean current;
            synchronized (this) {
                current = !ended && upstream == null && runner == running;
                if (current) {
                    upstream = subscription;
                }
            }
            if (current) {
                subscription.request(1);
            } else {
                subscription.cancel();
            }
        }

        void onNext(ExecutionResult result) {
            String json = new ExecutionResponse(result).getExecutionResultAsJsonObject().toString();
            List<Member> to;
            Subscription subscription;
            synchronized (this) {
                if (ended) {
                    return;
                }
                boolean repeat = restarted && json.equals(latest);
                restarted = false;
                latest = json;
                to = repeat ? List.of() : List.copyOf(members);
                subscription = upstream;
            }
            for (Member member : to) {
                member.socket().sendNext(member.operationId(), json);
            }
            if (subscription != null) {
                subscription.request(1);
            }
        }

        void onError(Throwable failure) {
            LOG.debugf("Shared subscription failed: %s", failure.toString());
            end(member -> member.socket().sendComplete(member.operationId()));
        }

        void onComplete() {
            end(member -> member.socket().sendComplete(member.operationId()));
        }

        /** One execution's events, for the feed while its runner runs it. */
        private final class Events implements Subscriber<ExecutionResult> {

            private final Member running;
            private Subscription subscription;

            Events(Member running) {
                this.running = running;
            }

            private boolean current() {
                synchronized (Feed.this) {
                    return upstream == subscription;
                }
            }

            @Override
            public void onSubscribe(Subscription s) {
                subscription = s;
                Feed.this.onSubscribe(s, running);
            }

            @Override
            public void onNext(ExecutionResult result) {
                if (current()) {
                    Feed.this.onNext(result);
                }
            }

            @Override
            public void onError(Throwable failure) {
                if (current()) {
                    Feed.this.onError(failure);
                }
            }

            @Override
            public void onComplete() {
                if (current()) {
                    Feed.this.onComplete();
                }
            }
        }

        /** What the execution answered when it started: a stream to share, or an error for every subscriber. */
        private final class Answers implements ExecutionResponseWriter {

            private final Member running;

            Answers(Member running) {
                this.running = running;
            }

            private boolean stale() {
                synchronized (Feed.this) {
                    return ended || runner != running;
                }
            }

            @Override
            public void write(ExecutionResponse response) {
                ExecutionResult result = response.getExecutionResult();
                if (result == null || stale()) {
                    return;
                }
                if (result.isDataPresent() && result.getData() instanceof Publisher<?> stream) {
                    @SuppressWarnings("unchecked")
                    Publisher<ExecutionResult> events = (Publisher<ExecutionResult>) stream;
                    events.subscribe(new Events(running));
                } else {
                    end(member -> member.socket().sendError(member.operationId(), response));
                }
            }

            @Override
            public void fail(Throwable failure) {
                LOG.warnf("Cannot execute a shared GraphQL subscription: %s", failure.toString());
                if (!stale()) {
                    end(member -> member.socket().sendError(member.operationId(), null));
                }
            }
        }
    }
}
