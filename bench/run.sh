#!/usr/bin/env bash
# Benchmarks Strand's example apps on each backend against the founding article's Go and Express
# servers, on loopback. Not a test: it prints numbers (and writes bench/out/results.md); CI never
# runs it. Usage: bench/run.sh [quick]   (quick = 5 s per run instead of 15 s)
#
# Scenarios (wrk, 2 threads):
#   S1  GET /            50 connections        the hello server
#   S2  GET /user/1    1000 connections        the user API, 100 ms simulated db wait
# Plus: launch to first answered request (median of 10), idle RSS, RSS after S2.
# Strand runs with its access log off (STRAND_ACCESS_LOG_LEVEL=OFF), as the peers log nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/bench/out
mkdir -p "$OUT"
DUR=15s; [ "${1:-}" = quick ] && DUR=5s
ulimit -n 20000 2>/dev/null || true

need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need go || ! need curl; then
  apt-get update -qq && apt-get install -y -qq wrk golang-go curl >/dev/null
fi
if [ ! -x examples/target/strand-examples/bin/strand-examples ]; then
  ./mvnw -q -B -DskipTests package
fi
(cd bench/peers/go/hello && GOFLAGS=-mod=mod go build -o "$OUT/go-hello" main.go)
(cd bench/peers/go/userapi && GOFLAGS=-mod=mod go build -o "$OUT/go-userapi" main.go)
(cd bench/peers/express && [ -d node_modules ] || npm install --silent --no-audit --no-fund >/dev/null)

PORT=18080
pid=
start_server() { # name, command...
  local name=$1; shift
  "$@" >"$OUT/$name.stdout" 2>"$OUT/$name.stderr" &
  pid=$!
  for _ in $(seq 1 600); do
    curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && return 0
    sleep 0.02
  done
  echo "bench: $name did not answer" >&2; return 1
}
stop_server() { kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

startup_ms() { # median launch-to-first-200 over 10 runs
  local times=()
  for _ in $(seq 1 10); do
    local t0; t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 &
    local p=$!
    until curl -fs -o /dev/null "http://127.0.0.1:$PORT/"; do sleep 0.005; done
    local t1; t1=$(date +%s%N)
    kill -TERM $p 2>/dev/null; wait $p 2>/dev/null || true
    times+=($(( (t1 - t0) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 5p
}

wrk_rps() { wrk -t2 -c"$1" -d"$DUR" --latency "$2" | tee -a "$OUT/wrk.log" | awk '/Requests\/sec/ {print int($2)}'; }

declare -A CMD
CMD[go]="env PORT=$PORT DB_LATENCY=100ms $OUT/go-userapi"
CMD[express]="env PORT=$PORT DB_LATENCY_MS=100 node $ROOT/bench/peers/express/userapi.mjs"
for b in undertow jetty jdkhttp; do
  CMD[strand-$b]="env STRAND_ACCESS_LOG_LEVEL=OFF $ROOT/examples/target/strand-examples/bin/strand-examples user-api --backend $b --host 127.0.0.1 --port $PORT --db-latency 100ms"
done

echo "| server | launch to first answer (ms, median of 10) | idle RSS (MiB) | S1 GET / req/s | S2 GET /user/1 req/s (c=1000) | RSS after S2 (MiB) |" > "$OUT/results.md"
echo "| --- | --- | --- | --- | --- | --- |" >> "$OUT/results.md"
for name in go express strand-undertow strand-jetty strand-jdkhttp; do
  # shellcheck disable=SC2086
  st=$(startup_ms ${CMD[$name]})
  # shellcheck disable=SC2086
  start_server "$name" ${CMD[$name]}
  sleep 1; idle=$(rss_mib "$pid")
  wrk -t2 -c50 -d3s "http://127.0.0.1:$PORT/" >/dev/null  # warm-up
  s1=$(wrk_rps 50 "http://127.0.0.1:$PORT/")
  s2=$(wrk_rps 1000 "http://127.0.0.1:$PORT/user/1")
  after=$(rss_mib "$pid")
  stop_server
  echo "| $name | $st | $idle | $s1 | $s2 | $after |" | tee -a "$OUT/results.md"
done
echo "bench: results in $OUT/results.md"
