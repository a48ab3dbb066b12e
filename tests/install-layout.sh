#!/bin/bash
# `meson install` puts every file at its standard path.
set -euo pipefail
: "${NNS_BUILDDIR:?}"

dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$NNS_BUILDDIR" --no-rebuild --quiet --destdir "$dest" >/dev/null

prefix=$(meson introspect "$NNS_BUILDDIR" --buildoptions |
         /usr/bin/python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
unitdir=$prefix/lib/systemd/system
expected=(
    "$prefix/libexec/netnsd"
    "$prefix/bin/netnsctl"
    "$prefix/share/dbus-1/system.d/org.example.NetNs.conf"
    "$prefix/share/dbus-1/system-services/org.example.NetNs.service"
    "$prefix/share/dbus-1/interfaces/org.example.NetNs.xml"
    "$prefix/share/polkit-1/actions/org.example.NetNs.policy"
    "$prefix/share/doc/netnsd/polkit-rules/50-netnsd-netns-group.rules"
    "$prefix/share/doc/netnsd/polkit-rules/50-netnsd-port-forwards.rules"
    "$unitdir/netnsd.service"
    "$unitdir/netnsd-topologies.service"
)
status=0
for f in "${expected[@]}"; do
    if [[ -e "$dest$f" ]]; then
        echo "ok   $f"
    else
        echo "MISSING $f"
        status=1
    fi
done
grep -q "^Exec=$prefix/libexec/netnsd$" "$dest$prefix/share/dbus-1/system-services/org.example.NetNs.service" ||
    { echo "activation file does not point at the installed netnsd"; status=1; }
grep -q "^ExecStart=$prefix/libexec/netnsd$" "$dest$unitdir/netnsd.service" ||
    { echo "unit does not point at the installed netnsd"; status=1; }
grep -q "^ExecStart=$prefix/bin/netnsctl --no-ask-password up --all .*/netnsd/topologies$" \
    "$dest$unitdir/netnsd-topologies.service" ||
    { echo "the topologies unit does not run the installed netnsctl"; status=1; }
grep -q "^After=netnsd.service$" "$dest$unitdir/netnsd-topologies.service" ||
    { echo "the topologies unit does not come after netnsd"; status=1; }
exit $status
