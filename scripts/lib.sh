# shellcheck shell=bash disable=SC2034  # the variables are used by the scripts that source this file
# Shared settings for scripts/setup, scripts/serve and scripts/test.
# Sourced, never run: it only sets variables and defines functions.

# The repository root, whichever directory the caller started in.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Pinned tool versions. wasm-bindgen-cli must equal the `wasm-bindgen` crate
# in Cargo.lock (Cargo.toml pins it with `=`), and Trunk.toml names the same
# wasm-bindgen and wasm-opt versions so Trunk never tries to download them.
TRUNK_VERSION="0.21.14"
WASM_BINDGEN_VERSION="0.2.130"
WASM_OPT_VERSION="132"
# wasm-split-cli (crate wasm_split_cli_support): scripts/split-wasm.mjs cuts
# the web app at its split points with it, as cargo-leptos does.
WASM_SPLIT_VERSION="0.2.4"
CHROMIUM="/usr/bin/chromium"
CHROMEDRIVER="/usr/bin/chromedriver"

# npm's wasm-opt (binaryen) comes first, so Trunk finds version 132 on PATH;
# cargo's bin directory holds trunk and wasm-bindgen.
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Trunk must never reach the network: no update check, no tool downloads.
export TRUNK_SKIP_VERSION_CHECK=true
export TRUNK_OFFLINE=true
export CHROMEDRIVER
export DEBIAN_FRONTEND=noninteractive

# One status line per step, so a long log still reads as a list.
say() { printf '%s\n' "$*"; }

# Run a command with its output in a log file; on failure show the tail.
#   quiet_run LOGFILE cmd args...
quiet_run() {
    local log="$1"
    shift
    mkdir -p "$(dirname "$log")"
    local status=0
    "$@" >"$log" 2>&1 || status=$?
    if [ "$status" -eq 0 ]; then
        return 0
    fi
    say "  failed ($status): $*  — last lines of $log:"
    tail -n 30 "$log" | sed 's/^/    /'
    return "$status"
}
