#!/bin/bash
# tests/fuzz/run-fuzzer.sh FUZZER SEEDS SECONDS: runs a libFuzzer target for
# a bounded time from a copy of its seeds (so the tree is never written),
# and fails on any crash, leak, sanitizer report or broken invariant.
set -euo pipefail
fuzzer=$1 seeds=$2 seconds=$3
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
cp -r "$seeds/." "$corpus/"
exec "$fuzzer" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=1024 \
    -print_final_stats=1 -artifact_prefix="$corpus/" "$corpus"
