#!/usr/bin/env bash
# Screenshots of the built dist/ at desktop and phone width, light and dark:
#   scripts/screenshot.sh [out-dir] [url-fragment]
set -euo pipefail
out=${1:-/tmp/shots}
frag=${2:-}
mkdir -p "$out"
port=8765
python3 -m http.server "$port" --bind 127.0.0.1 --directory dist >/dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 0.5
for scheme in light dark; do
  for size in 1280,900 390,844; do
    name="$out/${scheme}-${size%%,*}.png"
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$(mktemp -d)" --hide-scrollbars --virtual-time-budget=3000 \
      --force-prefers-color-scheme="$scheme" --blink-settings=preferredColorScheme=$([ "$scheme" = dark ] && echo 0 || echo 1) \
      --screenshot="$name" --window-size="$size" "http://127.0.0.1:$port/$frag" >/dev/null 2>&1
    echo "$name"
  done
done
