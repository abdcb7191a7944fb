#!/usr/bin/env bash
# Runs one fuzz target (one job) over its corpus and seeds, then minimizes the
# corpus. Usage: fuzz/run.sh <decode|json|keys|verify|sign|jwe> [seconds]
# Needs `bash scripts/setup-fuzz.sh` once. Not part of `make test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
target="$1"
secs="${2:-300}"
fuzz="$PWD/fuzz"
mkdir -p "$fuzz/corpus/$target" "$fuzz/logs"
cargo +nightly fuzz run "$target" "$fuzz/corpus/$target" "$fuzz/seeds/$target" -- \
  -max_total_time="$secs" -rss_limit_mb=2048 -max_len=16384 -timeout=10 \
  -dict="$fuzz/dicts/$target.dict" -print_final_stats=1 \
  2>&1 | tee "$fuzz/logs/$target.log" | grep -E '^#[0-9]+[[:space:]]+(pulse|DONE)|ERROR|panicked|stat::' | tail -n 25
