#!/usr/bin/env bash
# Nimbus benchmark: bare Helidon baseline vs warm invocations through /fn, and cold starts per
# runtime. Prints the figures and rewrites bench/RESULTS.md with them and the machine description.
# Usage: bench/run.sh   (COLD=20 DURATION=10s CONNECTIONS="4 16" WARMUP=15s to change the defaults;
#                        the warm-up lets the JIT compile the hot path of both servers before measuring)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
COLD="${COLD:-20}"; DURATION="${DURATION:-10s}"; CONNECTIONS="${CONNECTIONS:-4 16}"; WARMUP="${WARMUP:-15s}"
command -v wrk >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null
[ -f nimbus-server/target/nimbus-server.jar ] || ./mvnw -B -q -DskipTests install
work="$(mktemp -d /tmp/nimbus-bench.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
JAVA="$JAVA_HOME/bin/java"

rps() { sed -n 's/^Requests\/sec: *//p' "$1"; }
lat() { awk '/Latency/ {print $2}' "$1"; }

# 1. Bare baseline
"$JAVA" -cp 'nimbus-server/target/lib/*' bench/BareServer.java 18090 > "$work/bare.log" 2>&1 & pids+=($!)
until curl -sf localhost:18090/ >/dev/null; do sleep 0.2; done
wrk -t2 -c16 -d"$WARMUP" http://127.0.0.1:18090/ >/dev/null
for c in $CONNECTIONS; do wrk -t2 -c"$c" -d"$DURATION" http://127.0.0.1:18090/ > "$work/bare-$c.wrk"; done
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

# 2. Nimbus server with the benchmark functions
"$JAVA" --enable-native-access=ALL-UNNAMED -jar nimbus-server/target/nimbus-server.jar server --port 18091 \
  --data-dir "$work/data" > "$work/server.log" 2>&1 & pids+=($!)
until curl -sf localhost:18091/api/v1/status >/dev/null; do sleep 0.2; done
NIMBUS=(env NIMBUS_URL=http://127.0.0.1:18091 "$JAVA" -XX:TieredStopAtLevel=1 -jar nimbus-server/target/nimbus-server.jar)
mkdir -p "$work/noop" "$work/py" "$work/node"
printf 'def handler(event, context):\n    return {"statusCode": 200, "body": "ok"}\n' > "$work/noop/app.py"
printf 'def handler(event, context):\n    return {"statusCode": 200, "body": "hello"}\n' > "$work/py/app.py"
printf 'exports.handler = async () => ({ statusCode: 200, body: "hello" });\n' > "$work/node/index.js"
"${NIMBUS[@]}" deploy "$work/noop" --name noop --runtime python3 --handler app.handler >/dev/null
wrk -t2 -c16 -d"$WARMUP" http://127.0.0.1:18091/fn/noop >/dev/null
for c in $CONNECTIONS; do wrk -t2 -c"$c" -d"$DURATION" http://127.0.0.1:18091/fn/noop > "$work/warm-$c.wrk"; done

# 3. Cold starts: every deploy makes a new revision, so the next request starts a new instance.
cold() { # name dir runtime handler [extra deploy flags]
  local name=$1 dir=$2 runtime=$3 handler=$4; shift 4
  : > "$work/cold-$name"
  for i in $(seq "$COLD"); do
    "${NIMBUS[@]}" deploy "$dir" --name "$name" --runtime "$runtime" --handler "$handler" --env "RUN=$i" "$@" >/dev/null
    curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:18091/fn/$name" >> "$work/cold-$name"
  done
}
cold cold-py "$work/py" python3 app.handler
cold cold-node "$work/node" nodejs index.handler
cold cold-java examples/java-hello/target/java-hello.jar java example.Hello --memory 256
# The language runtime alone, started bare the same number of times, for scale.
bare_start() { # label command...
  local label=$1; shift
  : > "$work/bare-start-$label"
  for i in $(seq "$COLD"); do
    local s=$(date +%s%N); "$@" >/dev/null 2>&1; local e=$(date +%s%N)
    awk -v d=$((e - s)) 'BEGIN {printf "%.6f\n", d / 1e9}' >> "$work/bare-start-$label"
  done
}
bare_start py /usr/bin/python3 -c pass
bare_start node node -e 0
bare_start java "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -version
stats() { sort -n "$1" | awk '{a[NR]=$1*1000} END {p50=a[int((NR+1)/2)]; i=int(NR*0.99+0.999); if(i>NR)i=NR; printf "%.1f %.1f", p50, a[i]}'; }

warm_rows=""
for c in $CONNECTIONS; do
  bare=$(rps "$work/bare-$c.wrk"); warm=$(rps "$work/warm-$c.wrk")
  ratio=$(awk -v w="$warm" -v b="$bare" 'BEGIN {printf "%.1f", 100*w/b}')
  warm_rows+="| $c | $bare ($(lat "$work/bare-$c.wrk")) | $warm ($(lat "$work/warm-$c.wrk")) | **$ratio %** |"$'\n'
done
read -r py50 py99 <<<"$(stats "$work/cold-cold-py")"
read -r node50 node99 <<<"$(stats "$work/cold-cold-node")"
read -r java50 java99 <<<"$(stats "$work/cold-cold-java")"
read -r pyb _ <<<"$(stats "$work/bare-start-py")"
read -r nodeb _ <<<"$(stats "$work/bare-start-node")"
read -r javab _ <<<"$(stats "$work/bare-start-java")"
isolation=$(curl -s localhost:18091/api/v1/status | sed -n 's/.*"isolation":"\([^"]*\)".*/\1/p')

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
cat > bench/RESULTS.md <<MD
# Benchmark results

Recorded by \`bench/run.sh\` on $(date -u +%Y-%m-%d) — $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB RAM,
$(uname -sr), $("$JAVA" -version 2>&1 | head -1), instance isolation: $isolation.
Load generator, servers and function processes share the same cores; figures are from one run.

## Warm throughput (wrk -t2 -d$DURATION; requests/s, average latency)

Baseline: a bare Helidon hello-world server (\`bench/BareServer.java\`). Nimbus: \`GET /fn/noop\`, a no-op
Python function on warm instances (one instance per concurrent connection). Target: ≥ 25 % of bare.

| Connections | Bare | Nimbus | Nimbus / bare |
|---|---|---|---|
$warm_rows
## Cold start to first response ($COLD cold starts each, ms, client-side \`curl\` time)

The last column is the bare interpreter started and exited on its own (\`python3 -c pass\`,
\`node -e 0\`, \`java -version\`), median of as many runs, in the same run: what no platform
can go below on this machine today.

| Runtime | p50 | p99 | Target p50 | Bare start p50 |
|---|---|---|---|---|
| Python (\`/usr/bin/python3\`, Nimbus bootstrap) | $py50 | $py99 | ≤ 60 | $pyb |
| Node.js | $node50 | $node99 | ≤ 120 | $nodeb |
| Java (\`nimbus-runtime-java\`, RequestHandler, AOT cache) | $java50 | $java99 | ≤ 250 | $javab |
MD
cat bench/RESULTS.md
