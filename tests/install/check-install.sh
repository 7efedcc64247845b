#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the build into a temporary prefix (cmake --install) and checks the installed tree as
# a desktop and a packager see it: the programs run from there, the desktop file and the
# AppStream metadata validate, the manual pages list every option --help lists, and the bash
# completion loads and completes.
# Usage: check-install.sh <build dir> <work dir> <version> <app id>
set -uo pipefail
BUILD_DIR=$1
WORK_DIR=$2
VERSION=$3
APP_ID=$4
PREFIX=$WORK_DIR/prefix
status=0
fail() {
    echo "FAIL: $*" >&2
    status=1
}

rm -rf "$WORK_DIR"
mkdir -p "$WORK_DIR/config"
cmake --install "$BUILD_DIR" --prefix "$PREFIX" >/dev/null || {
    echo "FAIL: cmake --install" >&2
    exit 1
}

# The programs as a user starts them: no display, English, none of the user's own settings.
run() {
    env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM -u LANGUAGE LC_ALL=C \
        XDG_CONFIG_HOME="$WORK_DIR/config" PATH="$PREFIX/bin:$PATH" "$@"
}

echo "== the installed files"
expected="bin/switchboard
bin/switchboard-cli
share/applications/$APP_ID.desktop
share/bash-completion/completions/switchboard
share/bash-completion/completions/switchboard-cli
share/doc/switchboard/changelog.gz
share/doc/switchboard/copyright
share/icons/hicolor/scalable/apps/$APP_ID.svg
share/man/man1/switchboard-cli.1.gz
share/man/man1/switchboard.1.gz
share/metainfo/$APP_ID.metainfo.xml"
installed=$(cd "$PREFIX" && find . -type f -o -type l | sed 's|^\./||' | LC_ALL=C sort)
[ "$installed" = "$expected" ] ||
    fail "installed files differ from the expected ones:
$(diff <(echo "$expected") <(echo "$installed"))"

echo "== the programs run from the prefix"
[ "$(run switchboard --version)" = "Switchboard $VERSION" ] ||
    fail "switchboard --version: $(run switchboard --version 2>&1)"
[ "$(run switchboard-cli --version)" = "switchboard-cli $VERSION" ] ||
    fail "switchboard-cli --version: $(run switchboard-cli --version 2>&1)"

echo "== the desktop file, icon and AppStream metadata"
desktop=$PREFIX/share/applications/$APP_ID.desktop
desktop-file-validate "$desktop" || fail "desktop-file-validate $desktop"
grep -qx "Exec=switchboard" "$desktop" || fail "the desktop file does not start switchboard"
grep -qx "Icon=$APP_ID" "$desktop" || fail "the desktop file does not name the icon $APP_ID"
metainfo=$PREFIX/share/metainfo/$APP_ID.metainfo.xml
appstreamcli validate --no-net "$metainfo" || fail "appstreamcli validate $metainfo"
# The tree as a software centre reads it: metainfo, its desktop file and icon together.
appstreamcli validate-tree --no-net "$PREFIX" || fail "appstreamcli validate-tree $PREFIX"
grep -q "<id>$APP_ID</id>" "$metainfo" || fail "the metainfo's id is not $APP_ID"
grep -q "<launchable type=\"desktop-id\">$APP_ID.desktop</launchable>" "$metainfo" ||
    fail "the metainfo does not launch $APP_ID.desktop"
latest_release=$(grep -o '<release version="[^"]*"' "$metainfo" | head -1 | cut -d'"' -f2)
[ "$latest_release" = "$VERSION" ] ||
    fail "the metainfo's latest release is '$latest_release', the project's version $VERSION"

echo "== copyright and changelog"
docs=$PREFIX/share/doc/switchboard
grep -qx "License: Apache-2.0" "$docs/copyright" || fail "copyright names no Apache-2.0 licence"
changelog_version=$(zcat "$docs/changelog.gz" | dpkg-parsechangelog -l- -S Version)
[ "$changelog_version" = "$VERSION" ] ||
    fail "the changelog's latest version is '$changelog_version', the project's $VERSION"

echo "== the manual pages list every option --help lists"
# The page as text: roff's escapes for '-' and fonts removed.
page_text() {
    zcat "$PREFIX/share/man/man1/$1.1.gz" | sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\[,/]//g'
}
# The section of a page, from its .SH line to the next.
page_section() {
    page_text "$1" | awk -v heading="$2" '
        /^\.SH / { inside = ($0 == ".SH " heading || $0 == ".SH \"" heading "\"") }
        inside'
}
# Every option named at the start of an option line of --help ("  -t, --topic <filter>").
help_options() {
    run "$@" | grep -E '^  +-' | sed -E 's/^ +//; s/  .*//; s/ <[^>]*>//g' | tr ',' '\n' |
        sed -E 's/^ +//; s/ .*//' | grep -E '^-'
}
check_options() { # <text> <what> <program and arguments>
    local text=$1 what=$2 option count=0
    shift 2
    while read -r option; do
        count=$((count + 1))
        grep -qE -- "(^|[^A-Za-z0-9-])$option([^A-Za-z0-9-]|$)" <<<"$text" ||
            fail "$what does not list $option"
    done < <(help_options "$@")
    [ "$count" -gt 3 ] || fail "$* --help lists only $count options"
}
check_options "$(page_text switchboard)" "switchboard.1" switchboard --help
# switchboard-cli's commands as its --help lists them ("  pub     publish messages ..."): each
# one is listed in the page and has a section with its options.
commands=$(run switchboard-cli --help | sed -nE 's/^  ([a-z]+)  .*/\1/p')
[ "$(wc -w <<<"$commands")" -ge 3 ] || fail "switchboard-cli --help lists the commands '$commands'"
cli_page=$(page_text switchboard-cli)
for command in $commands; do
    grep -qx "$command" <<<"$cli_page" || fail "switchboard-cli.1 does not list the command $command"
    upper=$(tr '[:lower:]' '[:upper:]' <<<"$command")
    check_options "$(page_section switchboard-cli "$upper COMMAND")" \
        "switchboard-cli.1, section $upper COMMAND" switchboard-cli "$command" --help
done
if command -v man >/dev/null; then
    for page in switchboard switchboard-cli; do
        warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$PREFIX/share/man/man1/$page.1.gz" 2>&1 >/dev/null)
        [ -z "$warnings" ] || fail "man reports on $page.1: $warnings"
    done
fi

echo "== bash completion"
completion=/usr/share/bash-completion/bash_completion
mkdir -p "$WORK_DIR/config/Switchboard/Switchboard"
printf '[profiles]\nlab\\name=lab\nhome\\name=home lab\n' \
    >"$WORK_DIR/config/Switchboard/Switchboard/profiles.ini"
# Completes the last word of a command line as bash would, with the installed scripts.
complete_words() {
    run bash --norc --noprofile -c '
        source "$1" || exit 1
        source "$2/share/bash-completion/completions/switchboard" || exit 1
        source "$2/share/bash-completion/completions/switchboard-cli" || exit 1
        shift 2
        COMP_WORDS=("$@")
        COMP_CWORD=$(($# - 1))
        COMP_LINE="$*"
        COMP_POINT=${#COMP_LINE}
        COMPREPLY=()
        case $1 in
            switchboard) _switchboard "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" ;;
            *) _switchboard_cli "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" ;;
        esac
        ((${#COMPREPLY[@]})) && printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort | tr "\n" " "' \
        complete "$completion" "$PREFIX" "$@"
}
expect_completion() { # <expected words> <command line words...>
    local expected=$1 actual
    shift
    actual=$(complete_words "$@")
    [ "$actual" = "$expected" ] || fail "completing '$*': '$actual', expected '$expected'"
}
if [ -r "$completion" ]; then
    expect_completion "sub " switchboard-cli su
    expect_completion "bench " switchboard-cli b
    expect_completion "--qos " switchboard-cli pub --qo
    expect_completion "--retain-as-published --retain-handling " switchboard-cli sub --ret
    expect_completion "--retain " switchboard-cli pub --ret
    expect_completion "0 1 2 " switchboard-cli pub -q ""
    expect_completion "31 311 5 " switchboard-cli sub -V ""
    expect_completion "" switchboard-cli pub -t ""
    expect_completion "subscribe " switchboard-cli sub -D subs
    expect_completion "subscription-identifier user-property " switchboard-cli sub -D subscribe ""
    expect_completion "--inflight --insecure " switchboard-cli bench --in
    expect_completion "--publishers " switchboard-cli bench --pub
    expect_completion "--decode " switchboard-cli sub --dec
    expect_completion "cbor " switchboard-cli pub --encode cb
    expect_completion "--profile " switchboard --pro
    expect_completion 'home\ lab lab ' switchboard --profile ""
else
    fail "$completion is missing (Debian package bash-completion)"
fi

[ $status = 0 ] && echo "== the installed tree is complete"
exit $status
