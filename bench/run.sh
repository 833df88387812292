#!/usr/bin/env bash
# The benchmarks and the fault runs of docs/benchmarks.md. The hub runs in a JVM of its own (sandbox
# profile, the local PostgreSQL in schema synchub_bench, rebuilt), the load generators in this one.
#   bash bench/run.sh                     # benchmarks -> target/bench/report.md (about 25 minutes on 2 cores,
#                                         #   most of it the full sync, which Shopify's cost budget paces)
#   bash bench/run.sh faults              # fault runs -> target/bench/faults.md (about 30 minutes; stops
#                                         #   and starts the local PostgreSQL server for fault 3)
#   bash bench/run.sh scaling             # ingest and latency against one and two hub instances in cluster
#                                         #   mode -> target/bench/scaling.md (about 12 minutes)
#   bash bench/run.sh capacity            # the benchmarks' 1. ingest and 3. saturation only: CPU per edit and
#                                         #   where propagation saturates -> target/bench/capacity.md (about 6 minutes)
#   bash bench/run.sh benchmarks|faults|scaling|capacity <report.md>
# FULL_SYNC_PRODUCTS (default 10000) sets the size of the full sync; BENCH_HUB_JVM_OPTIONS adds JVM options
# to the hub (a profile: -XX:StartFlightRecording=filename=target/bench/hub.jfr,settings=profile). Needs the local PostgreSQL server
# (127.0.0.1:5432, user postgres, trust auth; BENCH_DATABASE_URL points elsewhere; without either, an embedded
# PostgreSQL is started as for the tests, and fault 3, which stops the local server, cannot run).
set -euo pipefail
cd "$(dirname "$0")/.."
WHAT=${1:-benchmarks}
case "$WHAT" in
  benchmarks) MAIN=com.nolimits.synchub.bench.BenchmarkHarness; REPORT=${2:-target/bench/report.md} ;;
  faults)     MAIN=com.nolimits.synchub.bench.FaultSuite;       REPORT=${2:-target/bench/faults.md} ;;
  scaling)    MAIN=com.nolimits.synchub.bench.ScalingBenchmark; REPORT=${2:-target/bench/scaling.md} ;;
  capacity)   MAIN=com.nolimits.synchub.bench.BenchmarkHarness; REPORT=${2:-target/bench/capacity.md} ;;
  *) echo "usage: bash bench/run.sh [benchmarks|faults|scaling|capacity] [report.md]" >&2; exit 2 ;;
esac
SETTINGS=full
[ "$WHAT" = capacity ] && SETTINGS=capacity
mvn -B -q test-compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  "$MAIN" "$SETTINGS" "$REPORT" "${FULL_SYNC_PRODUCTS:-10000}"
