#!/bin/bash
# `meson setup` warns when the prefix puts the bus policy and the polkit
# actions where dbus-daemon and polkitd never look (meson's default prefix
# /usr/local: the files install without error and are never read), and
# stays quiet for the prefix they do read.
set -euo pipefail
: "${NNS_SRCDIR:?}"

fail() { echo "FAIL: $*" >&2; exit 1; }

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
system_prefix=$(pkg-config --variable=prefix polkit-gobject-1)

echo "== meson setup with meson's default prefix"
out=$(meson setup "$dir/default" "$NNS_SRCDIR" 2>&1) || fail "meson setup failed: $out"
default_prefix=$(meson introspect "$dir/default" --buildoptions |
    /usr/bin/python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
warning=$(grep "WARNING: prefix" <<<"$out" || true)
echo "  $warning"
if [[ $default_prefix != "$system_prefix" ]]; then
    [[ $warning == *"the bus policy in $default_prefix/share/dbus-1/system.d"* ]] ||
        fail "no warning that the bus policy under $default_prefix is not read"
    [[ $warning == *"the polkit actions in $default_prefix/share/polkit-1/actions"* ]] ||
        fail "no warning that the polkit actions under $default_prefix are not read"
    [[ $warning == *"--prefix=$system_prefix"* ]] || fail "the warning does not name --prefix=$system_prefix"
fi

echo "== meson setup --prefix=$system_prefix"
out=$(meson setup "$dir/system" "$NNS_SRCDIR" --prefix="$system_prefix" 2>&1) ||
    fail "meson setup failed: $out"
! grep "WARNING: prefix" <<<"$out" || fail "a warning for the prefix the system bus reads"
echo "PASS"
