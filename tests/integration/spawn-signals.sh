#!/bin/bash
# Signals across fork(): netnsd forks with every signal blocked, so a
# signal that reaches the child before it has reset its dispositions
# takes the default action instead of running netnsd's own handler there
# (netnsd handles SIGTERM to quit); the program starts with default
# dispositions and nothing blocked; netnsd itself still gets its signals.
#
# A debug_hooks build of netnsd makes the child of a program named
# NETNSD_SPAWN_STOP_PROGRAM stop itself (SIGSTOP) first thing after
# fork(), so that a signal can be sent to it there.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

NETNSD_SPAWN_STOP_AT=forked NETNSD_SPAWN_STOP_PROGRAM=sh restart_netnsd
netnsd_pid=$(cat "$NNS_RUN/netnsd.pid")
ns_call CreateNamespace 'sa{sv}' red 0 >/dev/null

# spawn_and_wait ARGS_TEXT: Spawn through GLib (fds 0-2 attached), then
# waits for the program's SpawnExited; prints "pid PID status STATUS".
spawn_and_wait() {
    "$PYTHON" - "$1" <<'PY'
import sys, gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib
bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
exits = {}
loop = GLib.MainLoop()
def on_exit(conn, sender, path, iface, signal, params):
    pid, status = params.unpack()
    exits[pid] = status
    loop.quit()
bus.signal_subscribe("org.example.NetNs", "org.example.NetNs", "SpawnExited",
                     "/org/example/NetNs", None, Gio.DBusSignalFlags.NONE, on_exit)
fds = Gio.UnixFDList.new()
for fd in (0, 1, 2):
    fds.append(fd)
reply, _ = bus.call_with_unix_fd_list_sync(
    "org.example.NetNs", "/org/example/NetNs", "org.example.NetNs", "Spawn",
    GLib.Variant.parse(GLib.VariantType("(sasa{sv}hhh)"), sys.argv[1], None, None),
    GLib.VariantType("(u)"), Gio.DBusCallFlags.NONE, 20000, fds, None)
pid = reply.unpack()[0]
GLib.timeout_add_seconds(10, loop.quit)
while pid not in exits:
    loop.run()
print("pid", pid, "status", exits[pid])
PY
}

stopped_child() {
    ps -o pid=,stat= --ppid "$netnsd_pid" | awk '$2 ~ /^T/ {print $1}'
}

has_stopped_child() {
    [[ -n $(stopped_child) ]]
}

step "SIGTERM to the child between fork() and its signal reset"
marker="$NNS_RUN/program-ran"
spawn_and_wait "('red', ['sh', '-c', 'echo ran > $marker'], @a{sv} {}, 0, 1, 2)" \
    > "$NNS_RUN/spawn.out" 2>&1 &
client=$!
wait_until 5 has_stopped_child
child=$(stopped_child)
kill -TERM "$child"
kill -CONT "$child"
wait "$client" || fail "Spawn failed: $(cat "$NNS_RUN/spawn.out")"
result=$(cat "$NNS_RUN/spawn.out")
echo "  $result"
status=${result##* }
[[ ! -e $marker ]] || fail "the program ran: netnsd's SIGTERM handler ran in the child"
assert_eq "$((status & 0x7f))" "15" "the signal that ended the child (wait status $status)"
kill -0 "$netnsd_pid" || fail "netnsd died"

step "the program starts with default dispositions, nothing blocked"
"$NETNSCTL" exec red -- sleep 60 &
client=$!
wait_until 5 pgrep -P "$netnsd_pid" -x sleep
pid=$(pgrep -P "$netnsd_pid" -x sleep)
for field in SigBlk SigIgn; do
    # netnsd itself ignores SIGPIPE.
    assert_eq "$(awk -v f="$field:" '$1 == f {print $2}' /proc/$pid/status)" "0000000000000000" "the program's $field"
done
kill "$client"
wait "$client" || true

step "netnsd still gets its own signals after forking"
# Under valgrind, the mask /proc shows is valgrind's own, which blocks
# signals while it handles them; that netnsd quits on SIGTERM says the rest.
if [[ -z ${NNS_NETNSD_WRAPPER:-} ]]; then
    assert_eq "$(awk '$1 == "SigBlk:" {print $2}' /proc/$netnsd_pid/status)" "0000000000000000" "netnsd's SigBlk"
fi
kill -TERM "$netnsd_pid"
wait_until 5 bash -c "! kill -0 $netnsd_pid 2>/dev/null"
echo "  netnsd quit on SIGTERM"
start_netnsd
echo "PASS"
