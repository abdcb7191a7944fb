#!/usr/bin/env bash
# Cuts a big minimized corpus down to a representative subset of at most
# MAX files (default 400): every input of a set cover of the edges (no hit
# counters), then the smallest inputs of a set cover of all features, inputs
# cut to 2048 bytes. Usage: fuzz/scripts/shrink_corpus.sh <target> [MAX]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
target="$1"
max="${2:-400}"
bin="fuzz/target/x86_64-unknown-linux-gnu/release/$target"
corpus="fuzz/corpus/$target"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/edges" "$work/features" "$work/final"
"$bin" -set_cover_merge=1 -use_counters=0 -max_len=2048 -rss_limit_mb=2048 -timeout=10 \
  "$work/edges" "$corpus" 2>&1 | grep MERGE-OUTER: | tail -n 1
"$bin" -set_cover_merge=1 -max_len=2048 -rss_limit_mb=2048 -timeout=10 \
  "$work/features" "$corpus" 2>&1 | grep MERGE-OUTER: | tail -n 1
cp "$work/edges/"* "$work/final/" 2>/dev/null || true
have=$(find "$work/final" -type f | wc -l)
# libFuzzer names inputs by their SHA-1, so the same input has the same name.
# The list goes through a file: leaving a `sort |` pipe early would kill
# sort, and pipefail would then stop the script before the corpus is replaced.
find "$work/features" -type f -printf '%s %f\n' | sort -n > "$work/by-size"
while read -r _ name; do
  [ "$have" -ge "$max" ] && break
  if [ ! -e "$work/final/$name" ]; then
    cp "$work/features/$name" "$work/final/"
    have=$((have + 1))
  fi
done < "$work/by-size"
rm -rf "$corpus"
mv "$work/final" "$corpus"
chmod 755 "$corpus"
echo "$target: $(find "$corpus" -type f | wc -l) files, $(du -sb "$corpus" | cut -f1) bytes"
