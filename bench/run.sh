#!/usr/bin/env bash
# Nimbus benchmark: bare Helidon baseline vs warm invocations through /fn, cold starts per runtime,
# a burst of closed-loop clients against a function with no instance, idle instances per GiB against
# bare interpreters, the idle server's memory with 1,000 functions, and (once the autoscaler is in)
# step load and rolling updates. Prints the figures and rewrites bench/RESULTS.md with them and the
# machine description. Every knob below is an environment variable; bench/README.md explains them.
# Usage: bench/run.sh   (COLD=20 DURATION=10s CONNECTIONS="4 16" WARMUP=15s BURST_LEVELS="10 50 100"
#                        BURST_DURATION=20s DENSITY_N=20 IDLE_FUNCTIONS=1000 ... to change the defaults;
#                        the warm-up lets the JIT compile the hot path of both servers before measuring)
#        PARTS="burst" bench/run.sh   runs only the named parts (warm, cold, burst, density, idle-rss,
#                        step, rolling) and prints their figures without touching RESULTS.md, whose
#                        sections all come from one run of at least the default parts.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
COLD="${COLD:-20}"; DURATION="${DURATION:-10s}"; CONNECTIONS="${CONNECTIONS:-4 16}"; WARMUP="${WARMUP:-15s}"
BURST_LEVELS="${BURST_LEVELS:-10 50 100}"; BURST_DURATION="${BURST_DURATION:-20s}"
DENSITY_N="${DENSITY_N:-20}"; DENSITY_SETTLE="${DENSITY_SETTLE:-10}"; IDLE_FUNCTIONS="${IDLE_FUNCTIONS:-1000}"; IDLE_SETTLE="${IDLE_SETTLE:-30}"
IDLE_DEPLOY_EXTRA="${IDLE_DEPLOY_EXTRA-{\"scaling\": {\"initialInstances\": 0\}\}}"
STEP_PHASES="${STEP_PHASES:-1:30,20:60,1:60}"; STEP_STABLE="${STEP_STABLE:-12}"; STEP_GRACE="${STEP_GRACE:-6}"
STEP_SCALING="${STEP_SCALING-{\"stableWindowSeconds\": $STEP_STABLE, \"scaleToZeroGraceSeconds\": $STEP_GRACE\}}"
ASYNC_DURATION="${ASYNC_DURATION:-20s}"; ASYNC_CONNECTIONS="${ASYNC_CONNECTIONS:-8}"
ROLL_CLIENTS="${ROLL_CLIENTS:-8}"; ROLL_BEFORE="${ROLL_BEFORE:-20}"; ROLL_UPDATES="${ROLL_UPDATES:-3}"; ROLL_GAP="${ROLL_GAP:-10}"; ROLL_AFTER="${ROLL_AFTER:-10}"
# A full run (all of DEFAULT_PARTS, in any order) rewrites RESULTS.md.
ALL_PARTS="warm cold burst density step rolling idle-rss async"; DEFAULT_PARTS="$ALL_PARTS"
PARTS="${PARTS:-$DEFAULT_PARTS}"
for part in $PARTS; do
  [[ " $ALL_PARTS " == *" $part "* ]] || { echo "unknown part '$part' in PARTS (known: $ALL_PARTS)" >&2; exit 2; }
done
has() { [[ " $PARTS " == *" $1 "* ]]; }
full() { local p; for p in $DEFAULT_PARTS; do has "$p" || return 1; done; }
load=$(cut -d' ' -f1 /proc/loadavg)
command -v wrk >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null
[ -f nimbus-server/target/nimbus-server.jar ] || ./mvnw -B -q -DskipTests install
work="$(mktemp -d /tmp/nimbus-bench.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
JAVA="$JAVA_HOME/bin/java"

# 1. Warm throughput, bare baseline
if has warm; then
  "$JAVA" -cp 'nimbus-server/target/lib/*' bench/BareServer.java 18090 > "$work/bare.log" 2>&1 & pids+=($!)
  until curl -sf localhost:18090/ >/dev/null; do sleep 0.2; done
  wrk -t2 -c16 -d"$WARMUP" http://127.0.0.1:18090/ >/dev/null
  for c in $CONNECTIONS; do wrk -t2 -c"$c" -d"$DURATION" http://127.0.0.1:18090/ > "$work/bare-$c.wrk"; done
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
fi

# 2. Nimbus server for the other parts, and warm throughput of a no-op function through /fn
# Authentication off: these figures compare with the earlier runs' (and with the bare server); the
# cost of checking an API key is measured apart (bench/RESULTS.md).
"$JAVA" --enable-native-access=ALL-UNNAMED -jar nimbus-server/target/nimbus-server.jar server --port 18091 \
  --set auth.mode=off --data-dir "$work/data" > "$work/server.log" 2>&1 & pids+=($!); server=$!
until curl -sf localhost:18091/api/v1/status >/dev/null; do sleep 0.2; done
NIMBUS=(env NIMBUS_URL=http://127.0.0.1:18091 "$JAVA" -XX:TieredStopAtLevel=1 -jar nimbus-server/target/nimbus-server.jar)
# Whether process $1 is an instance of function $2 (its environment names it; root reads it).
of_function() { grep -qzx "AWS_LAMBDA_FUNCTION_NAME=$2" /proc/"$1"/environ 2>/dev/null; }
# Deletes a function and waits (at most 30 s) until none of its processes runs, so that the next
# part starts on a server without its instances.
retire() { # name
  "${NIMBUS[@]}" delete "$1" >/dev/null
  for _ in $(seq 150); do
    local busy=0
    for p in /proc/[0-9]*; do if of_function "${p#/proc/}" "$1"; then busy=1; break; fi; done
    [ "$busy" = 0 ] && return 0
    sleep 0.2
  done
  echo "warning: instances of $1 still running 30 s after its deletion" >&2
}

if has warm; then
  mkdir -p "$work/noop"
  printf 'def handler(event, context):\n    return {"statusCode": 200, "body": "ok"}\n' > "$work/noop/app.py"
  "${NIMBUS[@]}" deploy "$work/noop" --name noop --runtime python3 --handler app.handler >/dev/null
  wrk -t2 -c16 -d"$WARMUP" http://127.0.0.1:18091/fn/noop >/dev/null
  for c in $CONNECTIONS; do wrk -t2 -c"$c" -d"$DURATION" http://127.0.0.1:18091/fn/noop > "$work/warm-$c.wrk"; done
  retire noop
fi

# 3. Cold starts: each sample is a new function deployed without an initial instance
# (initialInstances=0; an update would start as many instances as the revision it replaces runs),
# so its first request starts one.
cold() { # name dir runtime handler [extra deploy flags]
  local name=$1 dir=$2 runtime=$3 handler=$4 i code; shift 4
  : > "$work/cold-$name"
  for i in $(seq "$COLD"); do
    "${NIMBUS[@]}" deploy "$dir" --name "$name-$i" --runtime "$runtime" --handler "$handler" \
      --scaling initialInstances=0 "$@" >/dev/null
    curl -s -o /dev/null -w '%{time_total}\n' "${NIMBUS_URL:-http://127.0.0.1:18091}/fn/$name-$i" >> "$work/cold-$name"
  done
  for i in $(seq 2 "$COLD"); do "${NIMBUS[@]}" delete "$name-$i" >/dev/null; done
  retire "$name-1"
}
# The language runtime alone, started bare the same number of times, for scale.
bare_start() { # label command...
  local label=$1; shift
  : > "$work/bare-start-$label"
  for i in $(seq "$COLD"); do
    local s=$(date +%s%N); "$@" >/dev/null 2>&1; local e=$(date +%s%N)
    awk -v d=$((e - s)) 'BEGIN {printf "%.6f\n", d / 1e9}' >> "$work/bare-start-$label"
  done
}
if has cold; then
  mkdir -p "$work/py" "$work/node"
  printf 'def handler(event, context):\n    return {"statusCode": 200, "body": "hello"}\n' > "$work/py/app.py"
  printf 'exports.handler = async () => ({ statusCode: 200, body: "hello" });\n' > "$work/node/index.js"
  cold cold-py "$work/py" python3 app.handler
  cold cold-node "$work/node" nodejs index.handler
  cold cold-java examples/java-hello/target/java-hello.jar java example.Hello --memory 256
  # The same Python series on a second server that keeps no sandbox started ahead (sandbox.warm=0):
  # every instance starts its own bubblewrap, user switch and relays.
  "$JAVA" --enable-native-access=ALL-UNNAMED -jar nimbus-server/target/nimbus-server.jar server --port 18092 \
    --set auth.mode=off --set sandbox.warm=0 --data-dir "$work/data-nowarm" > "$work/server-nowarm.log" 2>&1 & pids+=($!)
  until curl -sf localhost:18092/api/v1/status >/dev/null; do sleep 0.2; done
  (NIMBUS=(env NIMBUS_URL=http://127.0.0.1:18092 "${NIMBUS[@]:2}"); NIMBUS_URL=http://127.0.0.1:18092
   cold cold-py-nowarm "$work/py" python3 app.handler)
  kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true
  bare_start py /usr/bin/python3 -c pass
  bare_start node node -e 0
  bare_start java "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -version
fi

# 4. Burst from zero: per level a new function (its own code, so its own code directory) with no
# instance, then BURST_DURATION of closed-loop clients (bench/Burst.java), then the function deleted.
if has burst; then
  for n in $BURST_LEVELS; do
    mkdir -p "$work/burst-$n"
    printf '# burst level %s\nimport time\n\n\ndef handler(event, context):\n    time.sleep(0.05)\n    return {"statusCode": 200, "body": "ok"}\n' \
      "$n" > "$work/burst-$n/app.py"
    "${NIMBUS[@]}" deploy "$work/burst-$n" --name "burst-$n" --runtime python3 --handler app.handler \
      --scaling initialInstances=0 >/dev/null
    "$JAVA" bench/Burst.java "http://127.0.0.1:18091/fn/burst-$n" "$n" "${BURST_DURATION%s}" "burst-$n" | tee "$work/burst-$n.out"
    retire "burst-$n"
  done
fi
# Memory, from the kernel's own accounting: Pss (proportional set size: a process's private pages
# plus each shared page divided by the number of processes mapping it, so that summing Pss over
# processes counts every page once) from /proc/<pid>/smaps_rollup, in kB.
descendants() { local p; for p in "$@"; do echo "$p"; descendants $(cat /proc/"$p"/task/*/children 2>/dev/null); done; }
pss_kb() { local p v s=0; for p in "$@"; do v=$(awk '/^Pss:/ {print $2}' /proc/"$p"/smaps_rollup 2>/dev/null); s=$((s + ${v:-0})); done; echo "$s"; }
rss_kb() { awk '/^VmRSS:/ {print $2}' /proc/"$1"/status; }
avail_kb() { awk '/^MemAvailable:/ {print $2}' /proc/meminfo; }
instance_roots() { # function: the server's children (bwrap, or the runtime without it) with an instance of it inside
  local c p; for c in $(cat /proc/"$server"/task/*/children); do
    for p in $(descendants "$c"); do if of_function "$p" "$1"; then echo "$c"; break; fi; done
  done
}

# 5. Density: DENSITY_N concurrent invocations of a function that sleeps 1 s start DENSITY_N
# instances; once idle, the process trees (bubblewrap's two processes and the runtime) of those
# still running (the autoscaler may have stopped some) are measured, with the server's own Pss growth and the drop of MemAvailable. The baseline is the same
# number of bare interpreters idling on their own, measured the same way.
# Output per label: instances, Pss of their processes, server Pss growth, MemAvailable drop (kB);
# the last two over the instances started after the first (instances - 1 of them).
density() { # label name code runtime handler [deploy flags]
  local label=$1 name=$2 code=$3 runtime=$4 handler=$5; shift 5
  "${NIMBUS[@]}" deploy "$code" --name "$name" --runtime "$runtime" --handler "$handler" "$@" >/dev/null
  local server0 avail0 curls=() roots
  # One instance first, so that the server's growth below is that of more instances, not of the
  # first invocation's class loading and compilation; the concurrent invocations then find it idle.
  curl -s -o /dev/null "http://127.0.0.1:18091/fn/$name"
  sleep "$DENSITY_SETTLE"
  server0=$(pss_kb "$server"); avail0=$(avail_kb)
  for _ in $(seq "$DENSITY_N"); do curl -s -o /dev/null "http://127.0.0.1:18091/fn/$name" & curls+=($!); done
  wait "${curls[@]}"
  sleep "$DENSITY_SETTLE"
  roots=$(instance_roots "$name")
  echo "$(wc -w <<<"$roots") $(pss_kb $(descendants $roots)) $(($(pss_kb "$server") - server0)) $((avail0 - $(avail_kb)))" \
    > "$work/density-$label"
  retire "$name"
}
bare_idle() { # label command...
  local label=$1 avail0 procs=(); shift
  avail0=$(avail_kb)
  for _ in $(seq "$DENSITY_N"); do "$@" >/dev/null 2>&1 & procs+=($!); done
  sleep "$DENSITY_SETTLE"
  echo "${#procs[@]} $(pss_kb $(descendants "${procs[@]}")) 0 $((avail0 - $(avail_kb)))" > "$work/bare-idle-$label"
  kill "${procs[@]}"; wait "${procs[@]}" 2>/dev/null || true
}
if has density; then
  mkdir -p "$work/dens-py" "$work/dens-node" "$work/dens-java/src" "$work/dens-java/classes" "$work/sleep"
  printf 'import time\n\n\ndef handler(event, context):\n    time.sleep(1)\n    return {"statusCode": 200, "body": "ok"}\n' \
    > "$work/dens-py/app.py"
  printf 'exports.handler = async () => {\n  await new Promise((r) => setTimeout(r, 1000));\n  return { statusCode: 200, body: "ok" };\n};\n' \
    > "$work/dens-node/index.js"
  cat > "$work/dens-java/src/Sleepy.java" <<'JAVA'
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

public class Sleepy implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Map.of("statusCode", 200, "body", "ok");
    }
}
JAVA
  printf 'public class Sleep {\n    public static void main(String[] args) throws Exception {\n        Thread.sleep(600_000);\n    }\n}\n' \
    > "$work/sleep/Sleep.java"
  "$JAVA_HOME/bin/javac" -d "$work/dens-java/classes" -cp nimbus-server/target/nimbus-runtime-java.jar "$work/dens-java/src/Sleepy.java"
  "$JAVA_HOME/bin/jar" --create --file "$work/dens-java/sleepy.jar" -C "$work/dens-java/classes" .
  "$JAVA_HOME/bin/javac" -d "$work/sleep" "$work/sleep/Sleep.java"
  # Java instances use the runtime's AOT cache once trained (at the server's first start): wait for it.
  for _ in $(seq 300); do
    training=0
    for c in $(cat /proc/"$server"/task/*/children); do if grep -qs AOTCacheOutput /proc/"$c"/cmdline; then training=1; fi; done
    [ "$training" = 0 ] && break; sleep 0.2
  done
  density py dens-py "$work/dens-py" python3 app.handler
  density node dens-node "$work/dens-node" nodejs index.handler
  density java dens-java "$work/dens-java/sleepy.jar" java Sleepy --memory 256
  bare_idle py /usr/bin/python3 -c 'import time; time.sleep(600)'
  bare_idle node node -e 'setTimeout(() => {}, 600000)'
  bare_idle java "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxRAM=256m -Xshare:auto -cp "$work/sleep" Sleep
fi

# Deploys a Python function through the native API (code upload, then PUT), with extra JSON fields
# that the CLI has no flag for (e.g. "scaling"); prints the server's answer on failure.
api_deploy() { # name dir [extra fields, e.g. '"scaling": {...}']
  local zip="$work/$1.zip" sha body status
  rm -f "$zip"; (cd "$2" && /usr/bin/python3 -m zipfile -c "$zip" app.py)
  sha=$(curl -sf --data-binary @"$zip" -H 'Content-Type: application/zip' localhost:18091/api/v1/code \
    | sed -n 's/.*"sha256" *: *"\([0-9a-f]*\)".*/\1/p')
  body="{\"runtime\": \"python3\", \"handler\": \"app.handler\", \"codeSha256\": \"$sha\"${3:+, $3}}"
  status=$(curl -s -o "$work/$1.deploy" -w '%{http_code}' -X PUT -H 'Content-Type: application/json' -d "$body" \
    "localhost:18091/api/v1/functions/$1")
  [[ "$status" == 2* ]] || { echo "deploying $1 failed ($status): $(cat "$work/$1.deploy")" >&2; return 1; }
}

# 6. Step load (bench/Step.java): closed-loop clients at STEP_PHASES, then none for the stable window
# plus the scale-to-zero grace, against a Python function that sleeps 50 ms and scales on those
# short windows (STEP_SCALING, sent as the deploy's "scaling" field; STEP_SCALING= deploys without it,
# for a server that does not know the field). Instances sampled once a second.
if has step; then
  mkdir -p "$work/step"
  printf 'import time\n\n\ndef handler(event, context):\n    time.sleep(0.05)\n    return {"statusCode": 200, "body": "ok"}\n' \
    > "$work/step/app.py"
  api_deploy step "$work/step" ${STEP_SCALING:+"\"scaling\": $STEP_SCALING"}
  "$JAVA" bench/Step.java http://127.0.0.1:18091 step "$STEP_PHASES,0:$((STEP_STABLE + STEP_GRACE + 4))" \
    "$work/step-samples.csv" | tee "$work/step.out"
  retire step
fi

# 7. Rolling update (bench/Rolling.java): ROLL_CLIENTS closed-loop clients against a Python function
# that sleeps 50 ms, while its code is updated ROLL_UPDATES times through the CLI (each a new
# revision answering "v<i>"), ROLL_GAP seconds apart; ROLL_BEFORE seconds of load before, ROLL_AFTER after.
if has rolling; then
  mkdir -p "$work/roll"
  roll_code() { printf 'import time\n\n\ndef handler(event, context):\n    time.sleep(0.05)\n    return {"statusCode": 200, "body": "v%s"}\n' \
    "$1" > "$work/roll/app.py"; }
  roll_code 0
  "${NIMBUS[@]}" deploy "$work/roll" --name roll --runtime python3 --handler app.handler >/dev/null
  warmers=(); for _ in $(seq "$ROLL_CLIENTS"); do curl -s -o /dev/null localhost:18091/fn/roll & warmers+=($!); done; wait "${warmers[@]}"
  cat > "$work/roll-update.sh" <<SH
#!/usr/bin/env bash
set -euo pipefail
$(declare -f roll_code)
work="$work"
roll_code "\$1"
exec $(printf '%q ' "${NIMBUS[@]}") deploy "$work/roll" --name roll --runtime python3 --handler app.handler >/dev/null
SH
  chmod +x "$work/roll-update.sh"
  "$JAVA" bench/Rolling.java http://127.0.0.1:18091/fn/roll "$ROLL_CLIENTS" "$ROLL_BEFORE" "$ROLL_UPDATES" "$ROLL_GAP" \
    "$ROLL_AFTER" "$work/roll-update.sh" | tee "$work/rolling.out"
  retire roll
fi

# 8. Idle server memory: a second server, started for this part, first with no function, then
# with IDLE_FUNCTIONS small Python functions deployed through the API and no instance; each time
# after IDLE_SETTLE seconds of quiet, nothing forced (no GC request). Output: RSS and Pss, kB.
if has idle-rss; then
  "$JAVA" --enable-native-access=ALL-UNNAMED -jar nimbus-server/target/nimbus-server.jar server --port 18092 \
    --set auth.mode=off --data-dir "$work/idle-data" > "$work/idle-server.log" 2>&1 & pids+=($!); idle=$!
  until curl -sf localhost:18092/api/v1/status >/dev/null; do sleep 0.2; done
  sleep "$IDLE_SETTLE"
  echo "0 $(rss_kb "$idle") $(pss_kb "$idle")" > "$work/idle-0"
  /usr/bin/python3 bench/deploy_many.py http://127.0.0.1:18092 "$IDLE_FUNCTIONS" idle ${IDLE_DEPLOY_EXTRA:+"$IDLE_DEPLOY_EXTRA"} \
    > "$work/idle-deploy"
  sleep "$IDLE_SETTLE"
  echo "$(curl -s localhost:18092/api/v1/functions | grep -o '"codeSha256"' | wc -l) $(rss_kb "$idle") $(pss_kb "$idle")" \
    "$(descendants $(cat /proc/"$idle"/task/*/children) | wc -l)" > "$work/idle-n"
  kill "$idle"; wait "$idle" 2>/dev/null || true
fi
# 9. Async throughput: ASYNC_DURATION of closed-loop POSTs (wrk, ASYNC_CONNECTIONS connections) to
# /api/v1/functions/anoop/async, a no-op Python function, then wait until nothing is left to
# deliver. Enqueue rate and latency from wrk (a 202 means committed with fsync); delivery from the
# store itself (sqlite3 on the data directory): delivered, lost (accepted, not delivered or
# dead-lettered), end-to-end latency (accepted -> delivered) and the sustained delivery rate
# (delivered events / seconds from the first acceptance to the last delivery).
if has async; then
  command -v sqlite3 >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q sqlite3 >/dev/null
  mkdir -p "$work/anoop"
  printf 'def handler(event, context):\n    return {"ok": True}\n' > "$work/anoop/app.py"
  "${NIMBUS[@]}" deploy "$work/anoop" --name anoop --runtime python3 --handler app.handler >/dev/null
  printf 'wrk.method = "POST"\nwrk.body = "{}"\nwrk.headers["Content-Type"] = "application/json"\n' > "$work/post.lua"
  wrk -t2 -c"$ASYNC_CONNECTIONS" -d"$ASYNC_DURATION" -s "$work/post.lua" --latency \
    http://127.0.0.1:18091/api/v1/functions/anoop/async > "$work/async.wrk"
  db="$work/data/nimbus.db"
  q() { sqlite3 "$db" "$1"; }
  for _ in $(seq 600); do
    [ "$(q "SELECT count(*) FROM async_events WHERE function_name = 'anoop' AND status NOT IN ('delivered', 'dead_lettered')")" = 0 ] && break
    sleep 0.5
  done
  accepted=$(awk '/requests in/ {print $1}' "$work/async.wrk"); non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/async.wrk")
  {
    echo "accepted=$((accepted - ${non2xx:-0})) refused=${non2xx:-0}"
    echo "delivered=$(q "SELECT count(*) FROM async_events WHERE function_name = 'anoop' AND status = 'delivered'")"
    echo "dead=$(q "SELECT count(*) FROM async_events WHERE function_name = 'anoop' AND status = 'dead_lettered'")"
    q "SELECT finished_at - accepted_at FROM async_events WHERE function_name = 'anoop' AND status = 'delivered' ORDER BY 1" \
      | awk '{a[NR]=$1} END {i=int(NR*0.99+0.999); if(i>NR)i=NR; printf "e2e_p50_ms=%s e2e_p99_ms=%s\n", a[int((NR+1)/2)], a[i]}'
    q "SELECT count(*) * 1000.0 / (max(finished_at) - min(accepted_at)) FROM async_events WHERE function_name = 'anoop' AND status = 'delivered'" \
      | awk '{printf "sustained_per_s=%.0f\n", $1}'
  } > "$work/async.out"
  cat "$work/async.out" "$work/async.wrk"
fi

isolation=$(curl -s localhost:18091/api/v1/status | sed -n 's/.*"isolation":"\([^"]*\)".*/\1/p')

rps() { sed -n 's/^Requests\/sec: *//p' "$1"; }
lat() { awk '/Latency/ {print $2}' "$1"; }
stats() { sort -n "$1" | awk '{a[NR]=$1*1000} END {p50=a[int((NR+1)/2)]; i=int(NR*0.99+0.999); if(i>NR)i=NR; printf "%.1f %.1f", p50, a[i]}'; }
field() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" "$2"; } # key file: a figure from Burst.java's line

warm_section() {
  local rows="" c bare warm ratio
  for c in $CONNECTIONS; do
    bare=$(rps "$work/bare-$c.wrk"); warm=$(rps "$work/warm-$c.wrk")
    ratio=$(awk -v w="$warm" -v b="$bare" 'BEGIN {printf "%.1f", 100*w/b}')
    rows+="| $c | $bare ($(lat "$work/bare-$c.wrk")) | $warm ($(lat "$work/warm-$c.wrk")) | **$ratio %** |"$'\n'
  done
  cat <<MD

## Warm throughput (wrk -t2 -d$DURATION; requests/s, average latency)

Baseline: a bare Helidon hello-world server (\`bench/BareServer.java\`). Nimbus: \`GET /fn/noop\`, a no-op
Python function on warm instances (one instance per concurrent connection). Target: ≥ 25 % of bare.

| Connections | Bare | Nimbus | Nimbus / bare |
|---|---|---|---|
${rows%$'\n'}
MD
}

cold_section() {
  local py50 py99 node50 node99 java50 java99 pyb nodeb javab nw50 nw99 _
  read -r py50 py99 <<<"$(stats "$work/cold-cold-py")"
  read -r nw50 nw99 <<<"$(stats "$work/cold-cold-py-nowarm")"
  read -r node50 node99 <<<"$(stats "$work/cold-cold-node")"
  read -r java50 java99 <<<"$(stats "$work/cold-cold-java")"
  read -r pyb _ <<<"$(stats "$work/bare-start-py")"
  read -r nodeb _ <<<"$(stats "$work/bare-start-node")"
  read -r javab _ <<<"$(stats "$work/bare-start-java")"
  cat <<MD

## Cold start to first response ($COLD cold starts each, ms, client-side \`curl\` time)

The last column is the bare interpreter started and exited on its own (\`python3 -c pass\`,
\`node -e 0\`, \`java -version\`), median of as many runs, in the same run: what no platform
can go below on this machine today. Instances start in a sandbox started ahead (\`sandbox.warm\`,
4 kept); the Python series is repeated on a second server that keeps none (\`sandbox.warm: 0\`),
where each instance starts its own sandbox.

| Runtime | p50 | p99 | Target p50 | Bare start p50 |
|---|---|---|---|---|
| Python (\`/usr/bin/python3\`, Nimbus bootstrap) | $py50 | $py99 | ≤ 60 | $pyb |
| Python, no sandbox started ahead (\`sandbox.warm: 0\`) | $nw50 | $nw99 | | $pyb |
| Node.js | $node50 | $node99 | ≤ 120 | $nodeb |
| Java (\`nimbus-runtime-java\`, RequestHandler, AOT cache) | $java50 | $java99 | ≤ 250 | $javab |
MD
}

burst_section() {
  local rows="" n f errors kinds
  for n in $BURST_LEVELS; do
    f="$work/burst-$n.out"
    errors=$(field errors "$f"); kinds=$(field error_kinds "$f")
    [ "$errors" = 0 ] || errors="**$errors** (${kinds//,/, })"
    rows+="| $n | $(field requests "$f") | $errors | $(field first_ok_ms "$f") | $(field all_served_ms "$f") | $(field p50_ms "$f") | $(field p99_ms "$f") | $(field max_ms "$f") | $(field rps "$f") ($((n * 20))) | $(field peak_instances "$f") | $(field cold_starts "$f") |"$'\n'
  done
  cat <<MD

## Burst from zero (closed-loop clients for ${BURST_DURATION%s} s each; ms, requests/s)

Per level a newly deployed Python function that sleeps 50 ms and has no instance yet; all clients
start at once, each sending \`GET /fn/burst-N\` again as soon as its answer arrives
(\`bench/Burst.java\`). Errors: any non-2xx answer or connection error (target 0). First response
and all served: from the start until the first client, and until every client, got a 2xx answer.
Latencies over 2xx answers. Throughput in brackets: the ideal, N clients / 50 ms. Instances: the
function's instance processes in /proc, sampled every 50 ms (cold starts = all ever seen). A request
that finds no idle instance waits while one starts for it; the autoscaler adds 30 % headroom
(target utilisation 70 %) up to the function's maximum of 100.

| Clients | Requests | Errors | First response | All served | p50 | p99 | Max | Throughput (ideal) | Peak instances | Cold starts |
|---|---|---|---|---|---|---|---|---|---|---|
${rows%$'\n'}
MD
}

density_section() {
  local rows="" label name target n pss srv avail bn bpss _ bavail
  for label in py node java; do
    case $label in py) name="Python"; target=80;; node) name="Node.js"; target=60;; java) name="Java (256 MB)"; target=15;; esac
    read -r n pss srv avail < "$work/density-$label"
    read -r bn bpss _ bavail < "$work/bare-idle-$label"
    rows+=$(awk -v name="$name" -v t="$target" -v n="$n" -v p="$pss" -v s="$srv" -v a="$avail" -v bn="$bn" -v bp="$bpss" -v ba="$bavail" \
      'BEGIN { m = 1024; tot = p / n / m + s / (n - 1) / m; bare = bp / bn / m; per = 1024 / tot;
        printf "| %s | %d | %.1f %s %.1f = **%.1f** | %.1f | %+.1f | %.1f / %.1f | **%.0f** (≥ %d) |\n",
          name, n, p / n / m, s < 0 ? "−" : "+", (s < 0 ? -s : s) / (n - 1) / m, tot, bare, tot - bare, a / (n - 1) / m, ba / bn / m, per, t }')$'\n'
  done
  cat <<MD

## Density: idle warm instances ($DENSITY_N per runtime; MB per instance, Pss)

One invocation of a function that sleeps 1 s, then $DENSITY_N concurrent ones, start $DENSITY_N
instances, which then idle ${DENSITY_SETTLE} s; those still running then (the autoscaler, its
decision lagging a burst, may have stopped some: the Instances column) are measured. Pss (from \`/proc/<pid>/smaps_rollup\`: private pages plus each shared
page divided by the processes sharing it) summed over each instance's process tree (bubblewrap's two
processes and the runtime) and divided by the instances, plus the server's own Pss growth from
one instance to all of them, divided by the instances added. Bare: as many interpreters idling on their own (\`python3 -c 'import time; time.sleep(600)'\`,
\`node -e 'setTimeout(…)'\`, \`java\` with the instance's flags and a class that sleeps), measured the
same way. The MemAvailable drop (\`/proc/meminfo\`, whole machine, so noisy) is the cross-check.
Instances per GiB: 1024 / total.

| Runtime | Instances | Pss per instance: processes + server = total | Bare process | Nimbus overhead | MemAvailable drop per instance, Nimbus / bare | Instances per GiB (target) |
|---|---|---|---|---|---|---|
${rows%$'\n'}
MD
}

idle_section() {
  local r0 p0 n r1 p1 procs
  read -r _ r0 p0 < "$work/idle-0"
  read -r n r1 p1 procs < "$work/idle-n"
  cat <<MD

## Idle server memory (MB; a fresh server, ${IDLE_SETTLE} s after the last request, no GC forced)

Baseline: the server with no function. Then $IDLE_FUNCTIONS small Python functions, each with its own
code archive, deployed through the API (\`bench/deploy_many.py\`, $(sed -n 's/.* seconds=//p' "$work/idle-deploy") s), and no
instance started ($procs instance processes at the end). Target: ≤ 300 MB RSS with 1,000 functions.

| Functions | Server VmRSS | Server Pss |
|---|---|---|
| 0 | $((r0 / 1024)) | $((p0 / 1024)) |
| $n | **$((r1 / 1024))** | $((p1 / 1024)) |
MD
}

step_section() {
  cat <<MD

## Step load: how instances follow demand (Python, sleeps 50 ms; instances sampled once a second)

Closed-loop clients (\`bench/Step.java\`) at ${STEP_PHASES//,/, } (clients:seconds), then none for
the stable window plus the scale-to-zero grace and two autoscaler ticks ($STEP_STABLE + $STEP_GRACE + 4 s, deploy field
\`"scaling": ${STEP_SCALING:-absent}\`). Follow: seconds from the step until the instances reach 90 % of
the phase's steady count (median of its second half) after a step up, or ≤ 2 (0 without clients)
after a step down. Target: 0 errors, 0 instances at the end of the grace.
MD
  if ! has step; then
    printf '\nNot yet recorded: `PARTS="%s step rolling" bench/run.sh` (needs the autoscaler: the deploy'"'"'s\n"scaling" field and `GET /api/v1/functions/{name}/scaling`).\n' "$DEFAULT_PARTS"
    return
  fi
  local rows="" f=$work/step.out line errors
  while read -r line; do
    errors=$(sed -n 's/.*\berrors=\([^ ]*\).*/\1/p' <<<"$line")
    [ "$errors" = 0 ] || errors="**$errors** ($(sed -n 's/.*error_kinds=\([^ ]*\).*/\1/p' <<<"$line"))"
    rows+="| $(sed -n 's/^phase=\([0-9]*\) clients=\([0-9]*\) seconds=\([0-9]*\) requests=\([0-9]*\).*/\1 | \2 | \3 | \4/p' <<<"$line") | $errors |"
    rows+=" $(sed -n 's/.*p50_ms=\([^ ]*\) p99_ms=\([^ ]*\) max_instances=\([^ ]*\) steady=\([^ ]*\) follow_s=\([^ ]*\).*/\1 | \2 | \3 | \4 | \5/p' <<<"$line") |"$'\n'
  done < <(grep '^phase=' "$f")
  cat <<MD

Instances from: $(field source "$f"); at the end: **$(field end_instances "$f")**; instance processes started: $(field processes_started "$f").

| Phase | Clients | Seconds | Requests | Errors | p50 | p99 | Max instances | Steady | Follow (s) |
|---|---|---|---|---|---|---|---|---|---|
${rows%$'\n'}
MD
}

rolling_section() {
  cat <<MD

## Rolling update under load (Python, sleeps 50 ms; $ROLL_CLIENTS closed-loop clients; ms)

\`bench/Rolling.java\`: $ROLL_BEFORE s of load, then $ROLL_UPDATES code updates through the CLI (\`nimbus deploy\`,
each a new revision answering \`v<i>\`) $ROLL_GAP s apart, then $ROLL_AFTER s more. Requests count in the
window they were sent in; "during" runs from the first update until $ROLL_GAP s after the last.
Target: 0 failed requests, p99 during close to before.
MD
  if ! has rolling; then
    printf '\nNot yet recorded: `PARTS="%s step rolling" bench/run.sh`.\n' "$DEFAULT_PARTS"
    return
  fi
  local rows="" w f=$work/rolling.out line errors
  for w in before during after; do
    line=$(grep "^window=$w " "$f")
    errors=$(sed -n 's/.*\berrors=\([^ ]*\).*/\1/p' <<<"$line")
    [ "$errors" = 0 ] || errors="**$errors** ($(sed -n 's/.*error_kinds=\([^ ]*\).*/\1/p' <<<"$line"))"
    rows+="| $w | $(sed -n 's/.*seconds=\([^ ]*\) requests=\([^ ]*\).*/\1 | \2/p' <<<"$line") | $errors |"
    rows+=" $(sed -n 's/.*p50_ms=\([^ ]*\) p99_ms=\([^ ]*\) max_ms=\([^ ]*\) bodies=\([^ ]*\).*/\1 | \2 | \3 | \4/p' <<<"$line") |"$'\n'
  done
  cat <<MD

Updates took $(field update_ms "$f" | sed 's/,/, /g') ms; failed: $(field update_failures "$f").

| Window | Seconds | Requests | Errors | p50 | p99 | Max | Answers by body |
|---|---|---|---|---|---|---|---|
${rows%$'\n'}
MD
}

async_section() {
  local a="$work/async.out" w="$work/async.wrk" accepted delivered dead
  accepted=$(field accepted "$a"); delivered=$(field delivered "$a"); dead=$(field dead "$a")
  cat <<MD

## Asynchronous invocation (embedded SQLite, synchronous=FULL; a no-op Python function)

$ASYNC_CONNECTIONS closed-loop connections POST \`/api/v1/functions/anoop/async\` for $ASYNC_DURATION (wrk); each
202 is answered after the event is committed. Then the run waits until nothing is left to deliver
and reads the store. Lost: accepted but neither delivered nor dead-lettered (the store may hold
one or two more events than wrk counted: requests under way when wrk stopped). End-to-end latency
includes the backlog that builds while enqueueing outpaces delivery. Target: ≥ 1,000 events/s
sustained end to end, lost = 0 (\`AsyncIT\` checks every id after a kill -9).

| Accepted | Refused | Enqueue/s | Enqueue p50 | Enqueue p99 | Delivered | Dead-lettered | Lost | End-to-end p50 | End-to-end p99 | Sustained delivered/s |
|---|---|---|---|---|---|---|---|---|---|---|
| $accepted | $(field refused "$a") | $(rps "$w") | $(awk '/ 50%/ {print $2}' "$w") | $(awk '/ 99%/ {print $2}' "$w") | $delivered | $dead | **$(( accepted > delivered + dead ? accepted - delivered - dead : 0 ))** | $(field e2e_p50_ms "$a") ms | $(field e2e_p99_ms "$a") ms | **$(field sustained_per_s "$a")** |
MD
}

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
{
  cat <<MD
# Benchmark results

Recorded by \`bench/run.sh\` on $(date -u +%Y-%m-%d) — $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB RAM,
$(uname -sr), $("$JAVA" -version 2>&1 | head -1), instance isolation: $isolation,
load average $load when the run started. Load generator, servers and function processes share the
same cores; figures are from one run.
MD
  if has warm; then warm_section; fi
  if has cold; then cold_section; fi
  if has burst; then burst_section; fi
  if has density; then density_section; fi
  if has idle-rss; then idle_section; fi
  if has async; then async_section; fi
  if full; then step_section; rolling_section; else
    if has step; then step_section; fi
    if has rolling; then rolling_section; fi
  fi
} > "$work/RESULTS.md"
cat "$work/RESULTS.md"
if full; then
  cp "$work/RESULTS.md" bench/RESULTS.md
else
  echo "(PARTS=\"$PARTS\": bench/RESULTS.md left as it was; it records full runs only)" >&2
fi
