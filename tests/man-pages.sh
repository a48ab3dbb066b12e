#!/bin/bash
# The man pages, as built: each renders without a warning from groff, and
# each says what its program has, so that a command, verb, option or
# D-Bus member added without its documentation fails here:
#   netnsctl(1)           a paragraph for each command and verb that
#                         `netnsctl --help` lists, and every option that
#                         netnsctl and its commands take;
#   netnsd(8)             every option of `netnsd --help`;
#   org.example.NetNs(5)  each interface, method, signal and property of
#                         the interface XML, each argument documented;
#   netnsd-topologies(5)  the command its unit runs.
#
#   man-pages.sh PAGE...   (NNS_BUILDDIR, NNS_SRCDIR set)
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
: "${NNS_BUILDDIR:?}" "${NNS_SRCDIR:?}"

netnsctl=$NNS_BUILDDIR/client/netnsctl
netnsd=$NNS_BUILDDIR/service/netnsd
xml=$NNS_SRCDIR/introspection/org.example.NetNs.xml
status=0
bad() {
    echo "FAIL: $*"
    status=1
}

declare -A pages
for path in "$@"; do
    pages[$(basename "$path")]=$path
done
for name in netnsctl.1 netnsd.8 netnsd-topologies.5 org.example.NetNs.5; do
    [[ -n ${pages[$name]-} ]] || { echo "FAIL: $name was not given"; exit 1; }
done

# render NAME: the page as text, wide enough that no heading wraps;
# whatever groff warns of (--warnings: all of its warnings) fails.
render() {
    local err
    err=$(mktemp)
    LC_ALL=C.UTF-8 MANWIDTH=250 man -l --warnings -E UTF-8 "${pages[$1]}" 2>"$err"
    [[ ! -s $err ]] || bad "$1: groff warns: $(cat "$err")"
    rm -f "$err"
}

# listed HEADING TEXT: the first words of the lines under "HEADING:" in
# a --help text, up to the next empty line.
listed() {
    awk -v heading="$1:" '$0 == heading {on = 1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on = 0}' <<<"$2"
}

# long_options TEXT: the long options a --help text lists.
long_options() {
    grep -oE '^  (-[a-zA-Z], )?--[a-z-]+' <<<"$1" | grep -oE -- '--[a-z-]+' || true
}

# has_paragraph PAGE_TEXT WORDS: a paragraph of its own starts with WORDS
# (at the text's left margin of 7 columns).
has_paragraph() {
    grep -qE "^ {7}$2( |$)" <<<"$1"
}

declare -A text
for name in "${!pages[@]}"; do
    text[$name]=$(render "$name")
    [[ -n ${text[$name]} ]] || bad "$name renders empty"
    grep -q "^NAME" <<<"${text[$name]}" || bad "$name has no NAME section"
    echo "ok   $name renders without warnings ($(wc -l <<<"${text[$name]}") lines)"
done

echo "== netnsctl(1) against netnsctl --help"
page=${text[netnsctl.1]}
main_help=$("$netnsctl" --help)
commands=$(listed Commands "$main_help")
[[ -n $commands ]] || bad "netnsctl --help lists no commands"
options=$(long_options "$main_help")
for command in $commands; do
    has_paragraph "$page" "$command" || bad "netnsctl(1) has no paragraph for the command '$command'"
    help=$("$netnsctl" "$command" --help)
    verbs=$(listed Verbs "$help")
    if [[ -z $verbs ]]; then
        options+=$'\n'$(long_options "$help")
    fi
    for verb in $verbs; do
        has_paragraph "$page" "$command $verb" ||
            bad "netnsctl(1) has no paragraph for '$command $verb'"
        options+=$'\n'$(long_options "$("$netnsctl" "$command" "$verb" --help)")
    done
    echo "ok   $command $(tr '\n' ' ' <<<"$verbs")"
done
while read -r option; do
    grep -qe "$option" <<<"$page" || bad "netnsctl(1) does not name the option $option"
done < <(sort -u <<<"$options" | grep .)
grep -qe "-batch" <<<"$page" || bad "netnsctl(1) does not name -batch"
echo "ok   options: $(sort -u <<<"$options" | tr '\n' ' ')"

echo "== netnsd(8) against netnsd --help"
page=${text[netnsd.8]}
for option in $(long_options "$("$netnsd" --help)"); do
    grep -qE "^ {7}(-[a-z], )?$option([= ]|$)" <<<"$page" ||
        bad "netnsd(8) has no paragraph for the option $option"
done
echo "ok   $(long_options "$("$netnsd" --help)" | tr '\n' ' ')"

echo "== org.example.NetNs(5) against the interface XML"
page=${text[org.example.NetNs.5]}
# names XPATH: the values of the attributes XPATH selects (none: xmllint
# fails, and says so).
names() {
    { xmllint --nonet --xpath "$1" "$xml" 2>/dev/null || true; } | sed -n 's/^ *name="\([^"]*\)"$/\1/p'
}
interfaces=$(names '//interface/@name')
[[ -n $interfaces ]] || bad "no interfaces found in $xml"
count=0
for interface in $interfaces; do
    grep -q "^THE ${interface^^} INTERFACE$" <<<"$page" ||
        bad "org.example.NetNs(5) has no section for the interface $interface"
    for member in $(names "//interface[@name='$interface']/*[self::method or self::signal]/@name"); do
        grep -qE "^ {7}$member\(" <<<"$page" || bad "org.example.NetNs(5) lacks $interface.$member()"
        count=$((count + 1))
    done
    for property in $(names "//interface[@name='$interface']/property/@name"); do
        grep -qE "^ {7}$property [a-z{}()]+ \(" <<<"$page" ||
            bad "org.example.NetNs(5) lacks the property $interface.$property"
        count=$((count + 1))
    done
done
if grep -n "Not documented" <<<"$page"; then
    bad "org.example.NetNs(5): members or arguments above lack a doc comment in the XML"
fi
grep -q FIXME <<<"$page" && bad "org.example.NetNs(5) says FIXME: docbook-xsl missed data"
echo "ok   $count members"

echo "== netnsd-topologies(5) against its unit"
unit=$NNS_BUILDDIR/service/netnsd-topologies.service
command=$(sed -n 's|^ExecStart=.*/\(netnsctl .*\)$|\1|p' "$unit")
[[ -n $command ]] || bad "no ExecStart in $unit"
grep -qF "$command" <<<"${text[netnsd-topologies.5]}" ||
    bad "netnsd-topologies(5) does not show what the unit runs: $command"
echo "ok   $command"

exit $status
