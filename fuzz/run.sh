#!/usr/bin/env bash
# Runs one fuzz target (one job, at the lowest CPU priority) over its corpus
# and seeds. Usage: fuzz/run.sh <decode|json|keys|verify|sign|jwe|validate|jose_json> [seconds]
# Needs `bash scripts/setup-fuzz.sh` once. Not part of `make test`.
#
# Built without a sanitizer (--sanitizer none): the core is safe Rust, so
# AddressSanitizer finds nothing a panic would not, and costs a large part
# of the speed. Trace-compares stay on (they find PEM tags, JSON names and
# DER lengths); -timeout=10 turns a slow input into a finding. The log keeps
# every line; the last lines (the final stats) are printed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
target="$1"
secs="${2:-300}"
fuzz="$PWD/fuzz"
mkdir -p "$fuzz/corpus/$target" "$fuzz/logs"
log="$fuzz/logs/$target-$(date -u +%Y%m%dT%H%M%S).log"
nice -n 19 cargo +nightly fuzz run --sanitizer none "$target" "$fuzz/corpus/$target" "$fuzz/seeds/$target" -- \
  -max_total_time="$secs" -rss_limit_mb=2048 -max_len=16384 -timeout=10 \
  -dict="$fuzz/dicts/$target.dict" -print_final_stats=1 \
  >"$log" 2>&1 || status=$?
grep -E '^#[0-9]+[[:space:]]+(pulse|DONE)|ERROR|panicked|stat::' "$log" | tail -n 12
echo "log: ${log#"$PWD/"}"
exit "${status:-0}"
