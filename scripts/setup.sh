#!/usr/bin/env bash
# Installs everything the build and the tests need. Idempotent: each step
# checks first and is skipped when its tool is already there, because CI and
# new machines start bare while a developer's machine usually has it all.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
BINARYEN_DIR="$ROOT/.tools/binaryen"
E2E_DIR="$ROOT/tests/e2e"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"
WASM_TARGET="wasm32-unknown-unknown"

# cargo install puts binaries here; make it visible even when the caller's PATH
# does not include it yet.
case ":$PATH:" in
  *":$CARGO_BIN:"*) ;;
  *) export PATH="$CARGO_BIN:$PATH" ;;
esac

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

for tool in cargo rustup node npm; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool not found on PATH"
done

# --- Rust target and components ---------------------------------------------
if rustup target list --installed | grep -qx "$WASM_TARGET"; then
  say "rust target $WASM_TARGET: present"
else
  say "rust target $WASM_TARGET: installing"
  rustup target add "$WASM_TARGET"
fi

for component in rustfmt clippy; do
  if rustup component list --installed | grep -q "^$component"; then
    say "rustup component $component: present"
  else
    say "rustup component $component: installing"
    rustup component add "$component"
  fi
done

# --- trunk ------------------------------------------------------------------
# 0.22.x needs a newer rustc than the machine has, so pin the last 0.21.
have_trunk="$(trunk --version 2>/dev/null | awk '{print $2}' || true)"
if [[ "$have_trunk" == "$TRUNK_VERSION" ]]; then
  say "trunk $TRUNK_VERSION: present"
else
  say "trunk $TRUNK_VERSION: installing (found '${have_trunk:-none}'; takes several minutes)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# --- wasm-bindgen CLI (also provides wasm-bindgen-test-runner) ---------------
# Must match the wasm-bindgen crate in Cargo.lock exactly, or the generated
# glue and the wasm disagree.
lock_wasm_bindgen_version() {
  local v=""
  if [[ -f Cargo.lock ]]; then
    v="$(awk '
      $0 == "name = \"wasm-bindgen\"" { found = 1; next }
      found && /^version = / { gsub(/"/, "", $3); print $3; exit }
      /^\[\[package\]\]/ { found = 0 }
    ' Cargo.lock)"
  fi
  if [[ -z "$v" ]]; then
    # No lock file yet: let cargo resolve one and ask it.
    v="$(cargo pkgid wasm-bindgen 2>/dev/null | sed -n 's/.*[@#]\([0-9][^@#]*\)$/\1/p')"
  fi
  printf '%s' "$v"
}
WB_VERSION="$(lock_wasm_bindgen_version)"
[[ -n "$WB_VERSION" ]] || die "cannot find the wasm-bindgen version in Cargo.lock"

have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
have_runner="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)"
if [[ "$have_wb" == "$WB_VERSION" && "$have_runner" == "$WB_VERSION" ]]; then
  say "wasm-bindgen-cli $WB_VERSION: present"
else
  # No --locked: the CLI's own lock file names a crate version this registry
  # lacks; a fresh resolution works.
  say "wasm-bindgen-cli $WB_VERSION: installing (found '${have_wb:-none}')"
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# --- wasm-opt (binaryen) ----------------------------------------------------
# Debian's binaryen is too old to parse current rustc output; the npm build
# of the version trunk expects (Trunk.toml [tools] wasm_opt) works.
wasm_opt="$BINARYEN_DIR/node_modules/.bin/wasm-opt"
if "$wasm_opt" --version 2>/dev/null | grep -q "version_$BINARYEN_VERSION"; then
  say "wasm-opt $BINARYEN_VERSION: present"
else
  say "wasm-opt $BINARYEN_VERSION: installing into ${BINARYEN_DIR#"$ROOT"/}"
  mkdir -p "$BINARYEN_DIR"
  npm install --prefix "$BINARYEN_DIR" --no-audit --no-fund "binaryen@$BINARYEN_VERSION"
  "$wasm_opt" --version
fi

# --- Browsers: Chromium + ChromeDriver, Firefox ESR, WebKitGTK -------------
# Chromium runs the e2e suite and the wasm tests; all three run the
# cross-engine smoke suite (tests/e2e/engines.mjs). WebKitWebDriver drives
# WebKitGTK's MiniBrowser (from libwebkit2gtk-4.1-0), which needs an X
# display: xvfb provides one.
APT_PACKAGES=()
[[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || APT_PACKAGES+=(chromium chromium-driver)
[[ -x /usr/bin/firefox-esr ]] || APT_PACKAGES+=(firefox-esr)
[[ -x /usr/bin/WebKitWebDriver ]] || APT_PACKAGES+=(webkit2gtk-driver)
command -v Xvfb >/dev/null 2>&1 || APT_PACKAGES+=(xvfb)
if [[ ${#APT_PACKAGES[@]} -eq 0 ]]; then
  say "chromium + chromedriver, firefox-esr, webkit2gtk-driver, xvfb: present"
else
  say "${APT_PACKAGES[*]}: installing with apt-get"
  SUDO=()
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "not root and no sudo: install ${APT_PACKAGES[*]} by hand"
    SUDO=(sudo)
  fi
  apt_install() {
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y "${APT_PACKAGES[@]}"
  }
  updated=0
  # Refresh the package lists only when they do not know the packages yet.
  if ! apt-cache show "${APT_PACKAGES[@]}" >/dev/null 2>&1; then
    say "apt lists do not know ${APT_PACKAGES[*]} yet: apt-get update"
    "${SUDO[@]}" apt-get update
    updated=1
  fi
  if ! apt_install; then
    # Stale lists can name versions the mirror no longer has.
    [[ "$updated" -eq 0 ]] || die "apt-get install ${APT_PACKAGES[*]} failed"
    say "install failed with the current lists: apt-get update and retry"
    "${SUDO[@]}" apt-get update
    apt_install
  fi
fi

# --- end-to-end test dependencies ---------------------------------------------
# The stamp holds the hash of the package-lock.json that node_modules was
# installed from, so a changed lock file triggers a fresh npm ci.
stamp="$E2E_DIR/node_modules/.setup-stamp"
lock_hash="$(sha256sum "$E2E_DIR/package-lock.json" | awk '{print $1}')"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$lock_hash" && -d "$E2E_DIR/node_modules/playwright-core" && -d "$E2E_DIR/node_modules/puppeteer-core" ]]; then
  say "tests/e2e node_modules: up to date"
else
  say "tests/e2e node_modules: npm ci"
  # playwright-core and puppeteer-core never download browsers; the
  # variables make sure (the system's Chromium and Firefox ESR are used).
  (cd "$E2E_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund)
  printf '%s\n' "$lock_hash" >"$stamp"
fi

say "done"
