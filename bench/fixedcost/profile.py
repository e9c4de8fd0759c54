#!/usr/bin/env python3
"""Summarises a JFR recording for issue 17: where the CPU of the request threads goes.

Usage: jfr print --stack-depth 256 --events jdk.ExecutionSample FILE.jfr | profile.py [LABEL [FROM TO]]
FROM and TO (HH:MM:SS, the recording's clock as jfr prints it) keep the samples of that window only, e.g. the
seconds in which recordOrder alone ran in an ingest recording; `profile.py --seconds FRAME` prints instead, per
second, how many samples had a frame starting with FRAME (to find such a window).
Each sample is given to the layer of its innermost frame that names one (so a HashMap.get inside
graphql-java's execution counts as execution), and the share of samples that have a frame of each
layer anywhere on the stack (inclusive) is printed beside. Prints markdown tables.
"""
import re
import sys
from collections import Counter

# (layer, frame prefixes): the innermost frame matching one of them names the sample's layer.
LAYERS = [
    ("token verification (smallrye-jwt, jose4j, RSA)", ("io.smallrye.jwt.", "org.jose4j.", "sun.security.", "java.security.", "io.quarkus.smallrye.jwt.", "java.math.BigInteger", "io.quarkus.security.", "io.livetally.security.ScopeAugmentor")),
    ("request gate (body read, parse, facts, cost)", ("io.livetally.security.GraphQLRequestGate", "io.livetally.security.DocumentFacts", "io.livetally.security.RequestCosts", "io.livetally.security.QueryCost", "io.livetally.security.MediaTypes", "io.livetally.security.RequestVariables", "io.livetally.security.CallerBuckets", "io.livetally.security.CostWeights", "io.livetally.security.CostExtensions")),
    ("graphql-java parse", ("graphql.parser.",)),
    ("graphql-java validation", ("graphql.validation.",)),
    ("graphql-java instrumentation / analysis", ("graphql.execution.instrumentation.", "graphql.analysis.", "io.smallrye.graphql.execution.QueryCache")),
    ("SmallRye GraphQL (request JSON, context, data fetcher glue, response)", ("io.smallrye.graphql.", "io.quarkus.smallrye.graphql.")),
    ("graphql-java execution", ("graphql.",)),
    ("fault tolerance (RedisGuard timeout/breaker)", ("io.smallrye.faulttolerance.",)),
    ("data fetchers and services (io.livetally)", ("io.livetally.",)),
    ("Redis client", ("io.vertx.redis.", "io.vertx.mutiny.redis.", "io.quarkus.redis.")),
    ("PostgreSQL client / Hibernate Reactive", ("io.vertx.pgclient.", "io.vertx.sqlclient.", "org.hibernate.", "io.quarkus.hibernate.")),
    ("JSON (Jackson, Parsson, Yasson)", ("com.fasterxml.jackson.", "org.eclipse.parsson.", "org.eclipse.yasson.", "org.glassfish.json.", "jakarta.json.")),
    ("Mutiny / context propagation / CDI", ("io.smallrye.mutiny.", "io.smallrye.context.", "io.quarkus.arc.", "io.smallrye.common.")),
    ("Vert.x / Netty (HTTP, event loop)", ("io.vertx.", "io.netty.", "io.quarkus.vertx.", "io.quarkus.netty.")),
    ("JFR / JIT / other JDK", ("jdk.", "java.", "sun.")),
]
INCLUSIVE = [
    ("GraphQLRequestGate (all of the gate)", "io.livetally.security.GraphQLRequestGate"),
    ("token verification (smallrye-jwt)", "io.smallrye.jwt."),
    ("graphql-java parse", "graphql.parser.Parser"),
    ("graphql-java validation", "graphql.validation.Validator"),
    ("SmallRye ExecutionService.execute (parse..JSON out)", "io.smallrye.graphql.execution.ExecutionService"),
    ("graphql-java GraphQL.execute", "graphql.GraphQL."),
    ("SmallRye context per field (populateFromDataFetchingEnvironment)", "io.smallrye.graphql.execution.context.SmallRyeContextManager.populateFromDataFetchingEnvironment"),
    ("fault tolerance", "io.smallrye.faulttolerance."),
    ("Redis client", "io.vertx.redis."),
    ("PostgreSQL client", "io.vertx.pgclient."),
    ("Jackson", "com.fasterxml.jackson."),
    ("Parsson / jakarta.json", "org.eclipse.parsson."),
]

label = sys.argv[1] if len(sys.argv) > 1 else ""
window = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else None
per_second = Counter() if label == "--seconds" else None
second = ""
samples = 0
layers = Counter()
inclusive = Counter()
leaves = Counter()
threads = Counter()
frames, thread, in_stack = [], "", False
frame_re = re.compile(r"^\s+([\w$.<>/]+)\(")

def flush():
    global samples
    if not frames:
        return
    if per_second is not None:
        if any(f.startswith(sys.argv[2]) for f in frames):
            per_second[second] += 1
        return
    if window and not (window[0] <= second <= window[1]):
        return
    samples += 1
    threads[re.sub(r"-?\d+$", "", thread)] += 1
    leaves[frames[0]] += 1
    for name, prefixes in LAYERS:
        pass
    chosen = "unknown"
    for frame in frames:
        hit = next((name for name, prefixes in LAYERS if frame.startswith(prefixes)), None)
        if hit and not hit.startswith("JFR / JIT"):
            chosen = hit
            break
    else:
        chosen = "JFR / JIT / other JDK"
    layers[chosen] += 1
    for name, prefix in INCLUSIVE:
        if any(f.startswith(prefix) for f in frames):
            inclusive[name] += 1

for line in sys.stdin:
    if line.startswith("jdk.ExecutionSample"):
        flush()
        frames, thread, in_stack = [], "", False
    elif "startTime = " in line:
        second = line.split("=", 1)[1].strip()[:8]
    elif "sampledThread = " in line:
        thread = line.split('"')[1]
    elif "stackTrace = [" in line:
        in_stack = True
    elif in_stack:
        m = frame_re.match(line)
        if m:
            frames.append(m.group(1))
        elif line.strip() == "]":
            in_stack = False
flush()
if per_second is not None:
    for sec in sorted(per_second):
        print(sec, per_second[sec])
    sys.exit(0)

pct = lambda n: f"{100.0 * n / max(samples, 1):.1f}%"
print(f"\n#### {label}: {samples} CPU samples (jdk.ExecutionSample, all threads)\n")
print("| layer (innermost frame naming one) | share |\n|---|---|")
for name, n in layers.most_common():
    print(f"| {name} | {pct(n)} |")
print("\n| anywhere on the stack (inclusive) | share |\n|---|---|")
for name, _ in INCLUSIVE:
    print(f"| {name} | {pct(inclusive[name])} |")
print("\n| thread | share |\n|---|---|")
for name, n in threads.most_common(6):
    print(f"| {name} | {pct(n)} |")
print("\n| top leaf frames | share |\n|---|---|")
for name, n in leaves.most_common(15):
    print(f"| `{name}` | {pct(n)} |")
