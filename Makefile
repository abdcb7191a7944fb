# Build, setup and test entry points. `make test` is what CI runs (.ci/run).
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
# Steps run strictly in the order listed, so `make test` stops at the first failure.
.NOTPARALLEL:

CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
# wasm-opt from npm (scripts/setup.sh) comes first so trunk finds version 132,
# not an older system binaryen.
export PATH := $(CURDIR)/.tools/binaryen/node_modules/.bin:$(CARGO_BIN):$(PATH)

WASM_TARGET := wasm32-unknown-unknown
CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: all setup serve dist sizes bench test lint fmt-check clippy clippy-wasm \
        test-native test-wasm test-e2e test-engines mutants mutants-verify mutants-keys mutants-jwe clean distclean

all: dist

setup:
	bash scripts/setup.sh

serve: setup
	trunk serve --address 127.0.0.1 --port 8080

# Raw and gzip sizes of what the browser downloads.
PRINT_SIZES = shopt -s nullglob; \
	printf '%-48s %10s %10s\n' file bytes gzip; \
	for f in dist/*.wasm dist/*.js dist/*.css dist/*.html; do \
	  printf '%-48s %10d %10d\n' "$$f" "$$(wc -c <"$$f")" "$$(gzip -9c "$$f" | wc -c)"; \
	done

# Relative public URL: the same files work at https://host/ and under any
# sub-path. prerender writes the first screen into index.html as static HTML;
# postbuild adds the CSP, the service worker and the single file.
dist: setup
	trunk build --release --public-url ./
	node scripts/prerender.mjs dist
	node scripts/postbuild.mjs dist
	@$(PRINT_SIZES)

sizes:
	@$(PRINT_SIZES)

test: setup lint test-native test-wasm dist test-e2e test-engines

lint: setup fmt-check clippy clippy-wasm

fmt-check: setup
	cargo fmt --all -- --check

clippy: setup
	cargo clippy --all-targets -- -D warnings

clippy-wasm: setup
	cargo clippy --all-targets --target $(WASM_TARGET) -- -D warnings

test-native: setup
	cargo test

# wasm-bindgen-test in headless Chromium (runner from .cargo/config.toml,
# browser flags from webdriver.json).
test-wasm: setup
	CHROMEDRIVER=$(CHROMEDRIVER) WASM_BINDGEN_TEST_TIMEOUT=300 cargo test --target $(WASM_TARGET)

# Runs against the existing dist/; `make test` builds it first (`make dist`).
test-e2e: setup
	node tests/e2e/run.mjs

# The smoke checks in Chromium, Firefox ESR and WebKitGTK (tests/e2e/engines.mjs),
# against the existing dist/ like test-e2e.
test-engines: setup
	node tests/e2e/engines.mjs

# Download size and speed of the release build, then signing and key
# generation: prints tables and writes bench-out/bench.json and
# bench-out/signing.json. Missed targets still exit 0; 2 = the app did not load.
bench: dist
	node tests/bench/bench.mjs
	node tests/bench/paste.mjs
	node tests/bench/signing.mjs

# Mutation testing of the verifier, the key parser and JWE (cargo-mutants,
# `cargo install cargo-mutants --locked`), one file at a time against the
# tests that exercise it; results in mutants.out/<file>/. Equivalent mutants
# are listed, with reasons, in .cargo/mutants.toml. The two skipped tests
# spend seconds in RSA key generation and PBKDF2; what they check in these
# files is checked by faster tests too. MUTANTS_ARGS adds options, e.g. a
# sample:
# make mutants MUTANTS_ARGS='--shard 0/6 --sharding round-robin'
# or one file: make mutants-keys (mutants-verify, mutants-jwe). In a spare
# worktree, MUTANTS_ARGS='--in-place --iterate' keeps the build between runs
# and skips mutants already caught, so a stopped run can go on.
MUTANTS_ARGS ?=
MUTANTS = nice -n 19 cargo mutants --timeout 120 --profile=mutants $(MUTANTS_ARGS)

mutants: mutants-verify mutants-keys mutants-jwe

mutants-verify:
	mkdir -p mutants.out/verify
	$(MUTANTS) -o mutants.out/verify --file src/core/verify.rs -C --test=verify_strength -C --test=signing -C --test=conformance

mutants-keys:
	mkdir -p mutants.out/keys
	$(MUTANTS) -o mutants.out/keys --file src/core/keys.rs -C --test=keys_strength -C --test=key_tool -C --test=signing -- -- --skip rsa_keys_have_the_size_asked_for

mutants-jwe:
	mkdir -p mutants.out/jwe
	$(MUTANTS) -o mutants.out/jwe --file src/core/jwe.rs -C --test=jwe -- -- --skip pbes2_defaults_to_a_costly_p2c_and_random_salt

clean:
	rm -rf dist tests/e2e/artifacts
	cargo clean

# Also drops the locally installed tools and node modules.
distclean: clean
	rm -rf .tools tests/e2e/node_modules
