#!/usr/bin/env bash
# Where a JFR recording of the hub spent its CPU (bench/run.sh with BENCH_HUB_JVM_OPTIONS=
# "-XX:StartFlightRecording=filename=target/bench/hub.jfr,settings=profile"), as docs/benchmarks.md shows it:
#   bash bench/profile-top.sh target/bench/hub.jfr
#   FROM=2026-12-07T13:55:30 TO=2026-12-07T13:58:10 bash bench/profile-top.sh target/bench/hub.jfr   # one phase (UTC)
# 1. the methods most often on top of the sampled stacks (self time); 2. the share of samples whose
# stack passes through each area (JDBC, JSON, Camel, Micrometer, ...), so the cost of a layer is read
# whatever it calls; 3. the share of each kind of thread (its name without numbers), which tells the
# stages apart: Tomcat's threads take the webhooks in, the SEDA consumer merges, the dispatcher pushes.
# Needs the JDK's jfr and jq.
set -euo pipefail
RECORDING=${1:?the .jfr file}
SAMPLES=$(mktemp)
THREADS=$(mktemp)
trap 'rm -f "$SAMPLES" "$THREADS"' EXIT
# one line per sample: its frames, top first, as class.method separated by spaces
jfr print --json --stack-depth 96 --events jdk.ExecutionSample "$RECORDING" \
  | jq -r --arg from "${FROM:-0}" --arg to "${TO:-9}" '.recording.events[]
      | select(.values.startTime[0:19] >= $from and .values.startTime[0:19] <= $to)
      | [(.values.sampledThread.javaName // "?"), (.values.stackTrace.frames | map(.method.type.name + "." + .method.name) | join(" "))]
      | @tsv' > "$SAMPLES.both"
cut -f1 "$SAMPLES.both" > "$THREADS"
cut -f2 "$SAMPLES.both" > "$SAMPLES"
rm -f "$SAMPLES.both"
TOTAL=$(wc -l < "$SAMPLES")
echo "CPU samples: $TOTAL"
echo
echo "| self samples | share | method |"
echo "|---|---|---|"
# awk stops after 20 lines itself: head would cut the pipe under sort, which pipefail counts as failing
cut -d' ' -f1 "$SAMPLES" | sort | uniq -c | sort -rn \
  | awk -v total="$TOTAL" 'NR <= 20 { printf "| %d | %.1f%% | `%s` |\n", $1, 100 * $1 / total, $2 }'
echo
echo "| area (anywhere in the stack) | share of samples |"
echo "|---|---|"
area() { # label, then an extended regular expression over the frames
  local n
  n=$(grep -cE "$2" "$SAMPLES" || true)
  awk -v n="$n" -v total="$TOTAL" -v label="$1" 'BEGIN { printf "| %s | %.1f%% |\n", label, 100 * n / total }'
}
area "PostgreSQL JDBC driver (statements, results)" 'org[./]postgresql[./]'
area "HikariCP (the pool and its proxies of every JDBC call)" 'com[./]zaxxer[./]hikari[./]'
area "Spring JDBC and transactions" 'org[./]springframework[./](jdbc|transaction)[./]'
area "Jackson (JSON read and write)" 'com[./]fasterxml[./]jackson[./]'
area "Apache Camel (routing, exchanges)" 'org[./]apache[./]camel[./]'
area "Micrometer (meters)" 'io[./]micrometer[./]'
area "Logging (Logback, SLF4J)" '(ch[./]qos[./]logback|org[./]slf4j)[./]'
area "HTTP client (outbound calls)" '(org[./]apache[./]hc|java[./]net[./]http|jdk[./]internal[./]net[./]http)[./]'
area "Tomcat (inbound HTTP)" 'org[./]apache[./](tomcat|coyote|catalina)[./]'
area "the sandboxes (simulated platforms, same process)" 'com[./]nolimits[./]synchub[./]sandbox[./]'
area "the hub's merge (merge/, sync/)" 'com[./]nolimits[./]synchub[./](merge|sync)[./]'
area "the hub's pushes (outbound/, platform/)" 'com[./]nolimits[./]synchub[./](outbound|platform)[./]'
area "the hub's ingress (ingress/)" 'com[./]nolimits[./]synchub[./]ingress[./]'
echo
echo "| thread (numbers left out) | share of samples |"
echo "|---|---|"
sed -E 's/[0-9]+/N/g' "$THREADS" | sort | uniq -c | sort -rn \
  | awk -v total="$TOTAL" 'NR <= 15 { printf "| %s | %.1f%% |\n", substr($0, index($0, $2)), 100 * $1 / total }'
