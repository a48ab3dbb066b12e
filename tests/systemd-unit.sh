#!/bin/bash
# netnsd.service is hardened as far as it can be while its bind mounts stay
# visible to the host and its spawned programs keep working: checked with
# `systemd-analyze security --offline`, and for the options it must not
# take (docs/hardening.md says why). Then, as root, the built netnsd runs
# the tutorial under the unit's own capability bounding set and
# no_new_privs, in a sandbox: a set that lacks what netnsd uses fails here
# (system-unit boots a real systemd for the rest of the unit).
set -euo pipefail
unit="${1:?usage: systemd-unit.sh BUILT_UNIT}"

fail() { echo "FAIL: $*" >&2; exit 1; }

echo "== systemd-analyze security --offline"
systemd-analyze security --offline=yes --no-pager --threshold=80 "$unit" | tail -3 ||
    fail "the unit's exposure went above 8.0 (80 on systemd-analyze's scale)"

echo "== no option that gives the unit a mount namespace of its own"
for option in PrivateTmp ProtectSystem ProtectHome PrivateDevices ProtectKernelTunables \
              ProtectKernelModules ProtectKernelLogs ProtectControlGroups ProtectHostname \
              ProtectProc ProcSubset ReadOnlyPaths ReadWritePaths InaccessiblePaths BindPaths \
              BindReadOnlyPaths TemporaryFileSystem PrivateMounts PrivateNetwork RootDirectory; do
    ! grep -q "^$option=" "$unit" || fail "$option= would hide netnsd's mounts from the host"
done

echo "== no filter that spawned programs would inherit"
for option in SystemCallFilter RestrictAddressFamilies IPAddressDeny MemoryDenyWriteExecute \
              RestrictNamespaces LockPersonality SystemCallArchitectures DevicePolicy; do
    ! grep -q "^$option=" "$unit" || fail "$option= would be inherited by programs callers start"
done

echo "== what it does take"
# Each one is used: CAP_NET_ADMIN (netlink changes), CAP_NET_BROADCAST
# (NETLINK_LISTEN_ALL_NSID, the link notifications of every namespace),
# CAP_SYS_ADMIN (setns, unshare, mounts), CAP_SETUID and CAP_SETGID
# (a program as its caller), CAP_SETPCAP (emptying its bounding set),
# CAP_KILL (signalling callers' programs).
caps="CAP_NET_ADMIN CAP_NET_BROADCAST CAP_SYS_ADMIN CAP_SETUID CAP_SETGID CAP_SETPCAP CAP_KILL"
grep -qx "CapabilityBoundingSet=$caps" "$unit" ||
    fail "the capability bounding set is not '$caps': $(grep '^CapabilityBoundingSet=' "$unit" || true)"
grep -qx "NoNewPrivileges=yes" "$unit" || fail "NoNewPrivileges= is gone"
grep -qx "Type=dbus" "$unit" && grep -qx "BusName=org.example.NetNs" "$unit" || fail "not a D-Bus service"

echo "== the tutorial, through netnsd under the unit's bounding set and no_new_privs"
if [[ $(id -u) != 0 ]]; then
    echo "PASS (the static checks; the run under the unit's confinement needs root)"
    exit 0
fi
: "${NNS_BUILDDIR:?}" "${NNS_SRCDIR:?}"
source "$NNS_SRCDIR/tests/system/unit-caps.sh"
bounding=-all
for cap in $(unit_caps "$unit"); do
    cap=${cap,,}
    bounding+=",+${cap#cap_}"
done
# shellcheck disable=SC2046
NNS_UNIT_CAP_MASK=$(cap_mask $(unit_caps "$unit"))
export NNS_UNIT_CAP_MASK
NNS_NETNSD_WRAPPER="setpriv --bounding-set $bounding --no-new-privs" \
    "$NNS_SRCDIR/tests/lib/sandbox" bash "$NNS_SRCDIR/tests/system/confined-tutorial.sh" ||
    fail "netnsd does not work under the unit's bounding set ($bounding) and no_new_privs"
echo "PASS"
