#!/usr/bin/env bash
# JMH micro-benchmarks of the hot pure code (issue 17): cursors, money, the request gate's parse and the query cost.
#   bench/jmh/run.sh                 all of them (about 2 minutes)
#   bench/jmh/run.sh GateBenchmark   those whose name matches (any JMH option works: -p document=stats, -prof gc)
# The benchmarks live in src/jmh/java, compiled only with the Maven profile jmh, so ./mvnw verify stays as it was.
# Heavy: run it under the shared lock (flock -o /tmp/livetally-heavy.lock bench/jmh/run.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -o -Pjmh test-compile dependency:build-classpath -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
java -cp "target/test-classes:target/classes:$(cat target/jmh.classpath)" org.openjdk.jmh.Main "$@"
