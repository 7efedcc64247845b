# SPDX-License-Identifier: Apache-2.0
# Shared by scripts/run, scripts/test and scripts/bench: install what is missing, build.
# Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD_DIR="${SWITCHBOARD_BUILD_DIR:-$ROOT/build}"
# The clang build of scripts/test --sanitize and scripts/fuzz (sanitizers and libFuzzer).
CLANG_BUILD_DIR="${SWITCHBOARD_CLANG_BUILD_DIR:-$ROOT/build-clang}"

# Debian packages the build, the tests and the demo need.
SWITCHBOARD_PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    linguist-qt6 qt6-translations-l10n libgl-dev qtkeychain-qt6-dev
    mosquitto mosquitto-clients libmosquitto-dev
    qt6-websockets-dev openssl microsocks tinyproxy
    nodejs npm
    xvfb xauth fonts-noto-cjk
    # Qt's SVG plugin draws the window icon (resources/switchboard.svg).
    libqt6svg6
    # Qt Charts (the broker dashboard and live charts of payload values) and Qt Qml for
    # QJSEngine (the script runtime in src/automation).
    qt6-charts-dev qt6-declarative-dev
    # Payload decoders (src/payload): protobuf with the compiler's importer, MessagePack, and
    # the independent encoders the tests make their payloads with.
    libprotobuf-dev libprotoc-dev protobuf-compiler libmsgpack-cxx-dev python3-cbor2 python3-msgpack
    # The payload diff's line edit script (dtl, header only).
    libdtl-dev
    # Installing and packaging: manual pages, desktop and AppStream checks, shell completion,
    # the Debian package (dpkg-shlibdeps needs dpkg-dev and file) and lintian.
    help2man man-db desktop-file-utils appstream bash-completion dpkg-dev file lintian
    # scripts/test --sanitize and scripts/fuzz: clang 14 with the sanitizer and libFuzzer
    # runtimes (libclang-rt-14-dev is only a recommendation of clang-14), llvm-14 for
    # llvm-symbolizer (readable sanitizer reports) and source-based coverage.
    clang-14 libclang-rt-14-dev llvm-14
)

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

install_packages() {
    local missing=()
    for package in "${SWITCHBOARD_PACKAGES[@]}" "$@"; do
        # NodeSource's nodejs bundles npm and conflicts with Debian's npm package.
        if [ "$package" = npm ] && command -v npm >/dev/null; then continue; fi
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "== installing: ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

install_node_packages() {
    if [ ! -d "$ROOT/tests/node/node_modules/mqtt" ] || [ ! -d "$ROOT/tests/node/node_modules/aedes" ]; then
        echo "== installing npm packages in tests/node"
        (cd "$ROOT/tests/node" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

build() {
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$BUILD_DIR" -j "$(nproc)"
}

# One clang build serves the sanitizer run and the fuzz targets: everything built with
# AddressSanitizer and UndefinedBehaviorSanitizer, the fuzz_* targets with libFuzzer too.
# A Debug build, so that Q_ASSERT checks too, at -O1 with line tables only: quicker to build
# than -O2 -g and still fast, with file and line in every report.
build_sanitized() {
    cmake -S "$ROOT" -B "$CLANG_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
        -DCMAKE_C_FLAGS_DEBUG="-O1 -gline-tables-only" \
        -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" \
        -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 -DSWITCHBOARD_FUZZ=ON >/dev/null
    cmake --build "$CLANG_BUILD_DIR" -j "$(nproc)"
}

# How sanitized programs run: undefined behaviour and leaks fail, leaks inside third-party
# libraries are suppressed by tests/sanitizers/lsan.supp (never our own code).
sanitizer_environment() {
    export ASAN_OPTIONS="detect_leaks=1"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    export LSAN_OPTIONS="suppressions=$ROOT/tests/sanitizers/lsan.supp:print_suppressions=0"
    export ASAN_SYMBOLIZER_PATH=/usr/bin/llvm-symbolizer-14
}

# Runs every fuzz_* target of the clang build for $1 seconds each, one after the other, on a
# working corpus (build-clang/fuzz/corpus/<target>/, grown from the committed seeds in
# tests/fuzz/corpus/<target>/ and kept between runs). Prints per target the runs, executions
# per second, coverage (libFuzzer's cov and ft), corpus size and the outcome. Returns non-zero
# when one found a crash, leak, hang or undefined behaviour; the input that did it stays in
# build-clang/fuzz/crashes/<target>/.
run_fuzzers() {
    local seconds="$1" failed=0 target name log corpus crashes
    sanitizer_environment
    printf '%-16s %12s %9s %7s %7s %14s  %s\n' target runs exec/s cov ft corpus result
    for target in "$CLANG_BUILD_DIR"/tests/fuzz/fuzz_*; do
        [ -f "$target" ] && [ -x "$target" ] || continue # not the *_autogen folders
        name="$(basename "$target")"
        corpus="$CLANG_BUILD_DIR/fuzz/corpus/$name"
        crashes="$CLANG_BUILD_DIR/fuzz/crashes/$name"
        log="$CLANG_BUILD_DIR/fuzz/$name.log"
        mkdir -p "$corpus" "$crashes"
        local result=ok
        if ! "$target" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
            -artifact_prefix="$crashes/" "$corpus" "$ROOT/tests/fuzz/corpus/$name" >"$log" 2>&1; then
            result="FAILED (log: $log)"
            failed=1
        fi
        # The last status line: "#1234 DONE cov: 951 ft: 1800 corp: 32/2037b ..."
        local status runs rate cov ft files bytes
        status="$(grep -E '^#[0-9]+' "$log" | tail -n 1)"
        runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
        rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")"
        cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$status")"
        ft="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$status")"
        files="$(find "$corpus" -type f | wc -l)"
        bytes="$(du -sk "$corpus" | cut -f1)"
        printf '%-16s %12s %9s %7s %7s %14s  %s\n' "$name" "${runs:-?}" "${rate:-?}" "${cov:-?}" \
            "${ft:-?}" "$files files ${bytes}K" "$result"
        if [ "$result" != ok ]; then
            # What the target itself said before it stopped (an assertion, an uncaught
            # exception, a failed check of the payload fuzz targets), then libFuzzer's verdict
            # and the input that did it, in hex, so that a CI log alone reproduces it.
            grep -E 'ERROR: |SUMMARY: |runtime error|^fuzz_|Test unit written|payload fuzz|^  |ASSERT|terminate|what\(\)|qFatal|Fatal' \
                "$log" | head -n 30 >&2 || true
            local unit
            for unit in "$crashes"/*; do
                [ -f "$unit" ] || continue
                echo "input $(basename "$unit") ($(stat -c %s "$unit") bytes, first 512 in hex):" >&2
                head -c 512 "$unit" | od -An -tx1 -v | tr -d ' \n' >&2
                echo >&2
            done
        fi
    done
    return $failed
}
