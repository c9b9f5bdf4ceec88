#!/usr/bin/env bash
# Starts a throwaway Kafka broker (deploy/local/kafka.sh) on port 29092 and
# runs the ingest throughput benchmark against it; stops the broker after.
#   bench/run_ingest_bench.sh [--docs N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=${BENCH_KAFKA_PORT:-29092}
dir=$(mktemp -d)
trap '"$root/deploy/local/kafka.sh" stop --dir "$dir" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
"$root/deploy/local/kafka.sh" start --port "$port" --dir "$dir" 2>/dev/null
"$root/build/bin/tidings-ingest-bench" --brokers "127.0.0.1:$port" "$@"
