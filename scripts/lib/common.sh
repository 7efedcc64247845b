# SPDX-License-Identifier: Apache-2.0
# Shared by scripts/run, scripts/test and scripts/bench: install what is missing, build.
# Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD_DIR="${SWITCHBOARD_BUILD_DIR:-$ROOT/build}"

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
    # Payload decoders (src/payload): protobuf with the compiler's importer, MessagePack, and
    # the independent encoders the tests make their payloads with.
    libprotobuf-dev libprotoc-dev protobuf-compiler libmsgpack-cxx-dev python3-cbor2 python3-msgpack
    # Installing and packaging: manual pages, desktop and AppStream checks, shell completion,
    # the Debian package (dpkg-shlibdeps needs dpkg-dev and file) and lintian.
    help2man man-db desktop-file-utils appstream bash-completion dpkg-dev file lintian
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
