# tests/hostile/spawn-lib.sh: helpers for the hostile Spawn cases,
# sourced after tests/lib/testlib.sh.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

# spawn ARGS_TEXT [null]: calls Spawn through GLib with this shell's fds
# 0 to 2 attached (with "null", /dev/null three times); prints "pid N", or
# the D-Bus error (and fails).
spawn() {
    "$PYTHON" - "$1" "${2:-}" <<'PY'
import os, sys, gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib
bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
fds = Gio.UnixFDList.new()
null = os.open("/dev/null", os.O_RDWR)
for fd in range(3):
    fds.append(null if sys.argv[2] == "null" else fd)
try:
    reply, _ = bus.call_with_unix_fd_list_sync(
        "org.example.NetNs", "/org/example/NetNs", "org.example.NetNs", "Spawn",
        GLib.Variant.parse(GLib.VariantType("(sasa{sv}hhh)"), sys.argv[1], None, None),
        None, Gio.DBusCallFlags.NONE, -1, fds, None)
    print("pid", reply.unpack()[0])
except GLib.Error as e:
    name = Gio.DBusError.get_remote_error(e)
    Gio.DBusError.strip_remote_error(e)
    print(f"{name}: {e.message}")
    sys.exit(1)
PY
}
