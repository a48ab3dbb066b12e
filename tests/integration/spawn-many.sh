#!/bin/bash
# Hundreds of spawns: netnsd reaps every child (no zombies), keeps none of
# their fds, and its fd count and process table return to where they were.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

ns_call CreateNamespace 'sa{sv}' red 0 >/dev/null
netnsd_pid=$(cat "$NNS_RUN/netnsd.pid")
"$NETNSCTL" exec red -- true
fds_before=$(ls /proc/$netnsd_pid/fd | wc -l)
rss_before=$(awk '/VmRSS/ {print $2}' /proc/$netnsd_pid/status)

step "300 spawns, through one client connection"
"$PYTHON" - <<'PY'
import os, gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib
bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
exits = {}
loop = GLib.MainLoop()
def on_exit(conn, sender, path, iface, signal, params):
    pid, status = params.unpack()
    exits[pid] = status
    if len(exits) == 300:
        loop.quit()
bus.signal_subscribe("org.example.NetNs", "org.example.NetNs", "SpawnExited",
                     "/org/example/NetNs", None, Gio.DBusSignalFlags.NONE, on_exit)
devnull = os.open("/dev/null", os.O_RDWR)
pids = []
for i in range(300):
    fds = Gio.UnixFDList.new()
    for _ in range(3):
        fds.append(devnull)
    reply, _ = bus.call_with_unix_fd_list_sync(
        "org.example.NetNs", "/org/example/NetNs", "org.example.NetNs", "Spawn",
        GLib.Variant("(sasa{sv}hhh)", ("red", ["sh", "-c", f"exit {i % 7}"], {}, 0, 1, 2)),
        GLib.VariantType("(u)"), Gio.DBusCallFlags.NONE, -1, fds, None)
    pids.append(reply.unpack()[0])
GLib.timeout_add_seconds(30, loop.quit)
loop.run()
assert len(exits) == 300, f"{len(exits)} exits seen"
assert all(os.WEXITSTATUS(exits[pid]) == i % 7 for i, pid in enumerate(pids)), "wrong statuses"
print("  300 programs started and their exits seen, with the right statuses")
PY

step "nothing left behind in netnsd"
assert_eq "$(ps -o stat= --ppid $netnsd_pid | grep -c Z || true)" "0" "zombie children"
assert_eq "$(ps -o pid= --ppid $netnsd_pid | wc -l)" "0" "children left"
fds_after=$(ls /proc/$netnsd_pid/fd | wc -l)
assert_eq "$fds_after" "$fds_before" "netnsd's open fds"
assert_rss_settled "$rss_before" "$netnsd_pid"
echo "PASS"
