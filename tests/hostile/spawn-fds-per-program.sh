#!/bin/bash
# Finding: netnsd held an fd per running program (GLib's child watch keeps
# a pidfd per child), so programs left running by its callers used up its
# fds. Now one pipe and one SIGCHLD handler reap them all: with 100
# programs running netnsd has the fds it had with none, and every exit is
# still seen.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

ns_call CreateNamespace 'sa{sv}' red 0 >/dev/null
netnsd_pid=$(cat "$NNS_RUN/netnsd.pid")
"$NETNSCTL" exec red -- true
fds_before=$(ls /proc/$netnsd_pid/fd | wc -l)

step "100 programs running"
"$PYTHON" - "$netnsd_pid" "$fds_before" <<'PY'
import os, sys, gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib
netnsd, before = sys.argv[1], int(sys.argv[2])
bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
exits = {}
loop = GLib.MainLoop()
def on_exit(conn, sender, path, iface, signal, params):
    pid, status = params.unpack()
    exits[pid] = status
    if len(exits) == 100:
        loop.quit()
bus.signal_subscribe("org.example.NetNs", "org.example.NetNs", "SpawnExited",
                     "/org/example/NetNs", None, Gio.DBusSignalFlags.NONE, on_exit)
devnull = os.open("/dev/null", os.O_RDWR)
r, w = os.pipe()
pids = []
for i in range(100):
    fds = Gio.UnixFDList.new()
    for fd in (r, devnull, devnull):
        fds.append(fd)
    reply, _ = bus.call_with_unix_fd_list_sync(
        "org.example.NetNs", "/org/example/NetNs", "org.example.NetNs", "Spawn",
        GLib.Variant("(sasa{sv}hhh)", ("red", ["sh", "-c", f"read x; exit {i % 5}"], {}, 0, 1, 2)),
        GLib.VariantType("(u)"), Gio.DBusCallFlags.NONE, -1, fds, None)
    pids.append(reply.unpack()[0])
during = len(os.listdir(f"/proc/{netnsd}/fd"))
print(f"  netnsd's fds: {before} before, {during} with 100 programs running")
# An fd per program would be 100 more; a few come and go with calls in
# flight (a search child's socket, the sanitizers' own).
assert during < before + 10, f"netnsd holds {during - before} more fds with 100 programs running"
os.close(r)
os.write(w, b"\n" * 100)
os.close(w)
GLib.timeout_add_seconds(30, loop.quit)
loop.run()
assert len(exits) == 100, f"{len(exits)} exits seen"
assert all(os.WEXITSTATUS(exits[p]) == i % 5 for i, p in enumerate(pids)), "wrong statuses"
print("  every exit seen, with its status")
PY
assert_eq "$(ps -o pid= --ppid $netnsd_pid | wc -l)" "0" "children left"
wait_until 10 bash -c "[[ \$(ls /proc/$netnsd_pid/fd | wc -l) == $fds_before ]]" ||
    fail "netnsd's fds after: $(ls /proc/$netnsd_pid/fd | wc -l), before: $fds_before"
echo "PASS"
