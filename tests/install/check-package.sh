#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the Debian package from the build with CPack (stripped programs, Depends from
# dpkg-shlibdeps), checks its control fields and contents, and runs lintian on it: no errors
# and no warnings.
# Usage: check-package.sh <build dir> <work dir> <version>
set -uo pipefail
BUILD_DIR=$1
WORK_DIR=$2
VERSION=$3
status=0
fail() {
    echo "FAIL: $*" >&2
    status=1
}

rm -rf "$WORK_DIR"
mkdir -p "$WORK_DIR"
cpack -G DEB --config "$BUILD_DIR/CPackConfig.cmake" -B "$WORK_DIR" >"$WORK_DIR/cpack.log" 2>&1 || {
    cat "$WORK_DIR/cpack.log" >&2
    echo "FAIL: cpack -G DEB" >&2
    exit 1
}
deb=$WORK_DIR/switchboard_${VERSION}_$(dpkg --print-architecture).deb
[ -f "$deb" ] || {
    echo "FAIL: no $deb; cpack made: $(ls "$WORK_DIR")" >&2
    exit 1
}

echo "== control fields"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = switchboard ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$VERSION" ] || fail "Version: $(field Version)"
[ "$(field Section)" = net ] || fail "Section: $(field Section)"
[[ $(field Maintainer) == *@* ]] || fail "Maintainer: $(field Maintainer)"
# From dpkg-shlibdeps: the Qt libraries the programs link, with versions.
for library in libqt6core6 libqt6network6 libqt6widgets6 libqt6websockets6 libqt6keychain1; do
    [[ $(field Depends) == *"$library (>= "* ]] || fail "Depends lacks $library: $(field Depends)"
done
description_lines=$(field Description | wc -l)
[ "$description_lines" -gt 3 ] || fail "the extended description is missing: $(field Description)"

echo "== contents"
contents=$(dpkg-deb -c "$deb" | awk '{ print $6 }')
for path in ./usr/bin/switchboard ./usr/bin/switchboard-cli \
    ./usr/share/doc/switchboard/copyright ./usr/share/doc/switchboard/changelog.gz \
    ./usr/share/man/man1/switchboard.1.gz ./usr/share/man/man1/switchboard-cli.1.gz; do
    grep -qx -- "$path" <<<"$contents" || fail "the package lacks $path"
done
dpkg-deb -x "$deb" "$WORK_DIR/root"
for program in switchboard switchboard-cli; do
    file "$WORK_DIR/root/usr/bin/$program" | grep -q ", stripped" || fail "$program is not stripped"
done

echo "== lintian"
report=$(lintian --fail-on error,warning --display-level ">=info" "$deb" 2>&1) ||
    fail "lintian reports errors or warnings"
grep -v "running with root privileges" <<<"$report"

[ $status = 0 ] && echo "== $(basename "$deb") is a clean Debian package"
exit $status
