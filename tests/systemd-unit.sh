#!/bin/bash
# netnsd.service is hardened as far as it can be while its bind mounts stay
# visible to the host and its spawned programs keep working: checked with
# `systemd-analyze security --offline`, and for the options it must not
# take (docs/hardening.md says why).
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
grep -qx "CapabilityBoundingSet=CAP_NET_ADMIN CAP_SYS_ADMIN CAP_SETUID CAP_SETGID CAP_SETPCAP CAP_KILL" "$unit" ||
    fail "the capability bounding set changed"
grep -qx "NoNewPrivileges=yes" "$unit" || fail "NoNewPrivileges= is gone"
grep -qx "Type=dbus" "$unit" && grep -qx "BusName=org.example.NetNs" "$unit" || fail "not a D-Bus service"
echo "PASS"
