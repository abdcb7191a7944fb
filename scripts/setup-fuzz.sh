#!/usr/bin/env bash
# Installs what fuzzing the core needs: a nightly toolchain and cargo-fuzz.
# Idempotent; not part of `make test` (fuzzing is run by hand, see fuzz/README.md).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$CARGO_BIN:"*) ;;
  *) export PATH="$CARGO_BIN:$PATH" ;;
esac

say() { printf 'setup-fuzz: %s\n' "$*"; }

if rustup toolchain list | grep -q '^nightly'; then
  say "nightly toolchain: present"
else
  say "nightly toolchain: installing"
  rustup toolchain install nightly --profile minimal
fi

if cargo fuzz --version >/dev/null 2>&1; then
  say "cargo-fuzz: present ($(cargo fuzz --version))"
else
  say "cargo-fuzz: installing"
  cargo install cargo-fuzz --locked
fi
