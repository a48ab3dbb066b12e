#!/bin/bash
# A child that stalls between fork() and execve() (its own user stops it
# once it runs as them; its working directory hangs) stalls nothing else:
# other callers, root included, are answered at once, programs start, are
# killed and exit as usual; the stalled Spawn fails after the start
# timeout, and its child is killed and reaped. A caller that leaves while
# its Spawn is pending takes the child with it.
#
# The stall is real: a debug_hooks build of netnsd makes the child stop
# itself with SIGSTOP as the caller, just before execve(), for programs
# named NETNSD_SPAWN_STOP_PROGRAM; NETNSD_SPAWN_TIMEOUT shortens the
# start timeout (10 s) to keep the case short.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

timeout_seconds=4
allow_rule users 'subject.user == "nobody" || subject.user == "nns-bob"'
NETNSD_SPAWN_STOP_AT=before-exec NETNSD_SPAWN_STOP_PROGRAM=sleep \
    NETNSD_SPAWN_TIMEOUT=$timeout_seconds restart_netnsd
netnsd_pid=$(cat "$NNS_RUN/netnsd.pid")
wait_until 5 as_user nobody "$NETNSCTL" add mine
as_user nns-bob "$NETNSCTL" add bobs

# spawn_timed ARGS_TEXT: Spawn through GLib with this process's fds 0-2;
# prints "pid PID" or "ERROR NAME: MESSAGE", then the seconds it took.
spawn_timed() {
    # exec: signals sent to this function's process reach the client.
    exec /usr/bin/python3 - "$1" <<'PY'
import sys, time, gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib
bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
fds = Gio.UnixFDList.new()
for fd in (0, 1, 2):
    fds.append(fd)
start = time.monotonic()
try:
    reply, _ = bus.call_with_unix_fd_list_sync(
        "org.example.NetNs", "/org/example/NetNs", "org.example.NetNs", "Spawn",
        GLib.Variant.parse(GLib.VariantType("(sasa{sv}hhh)"), sys.argv[1], None, None),
        GLib.VariantType("(u)"), Gio.DBusCallFlags.NONE, 30000, fds, None)
    print("pid", reply.unpack()[0])
except GLib.Error as e:
    name = Gio.DBusError.get_remote_error(e)
    print(f"ERROR {name}: {e.message.removeprefix(f'GDBus.Error:{name}: ')}")
print(f"{time.monotonic() - start:.2f}")
PY
}

# stopped_child: the pid of netnsd's child that is stopped, if any.
stopped_child() {
    ps -o pid=,stat= --ppid "$netnsd_pid" | awk '$2 ~ /^T/ {print $1}'
}

has_stopped_child() {
    [[ -n $(stopped_child) ]]
}

# latency_ms CMD...: runs CMD (which must succeed) and prints how long it
# took in milliseconds.
latency_ms() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null || fail "'$*' failed"
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}

step "a child stopped as its caller, just before execve()"
as_user nobody spawn_timed "('mine', ['sleep', '60'], @a{sv} {}, 0, 1, 2)" \
    > "$NNS_RUN/stalled.out" 2>&1 &
stalled_client=$!
wait_until 5 has_stopped_child
child=$(stopped_child)
assert_eq "$(ps -o uid= -p "$child" | tr -d ' ')" "65534" "the stopped child's uid (the caller's)"
echo "  child $child stopped, as nobody"

step "while it is stopped, netnsd answers everyone"
list_ms=$(latency_ms as_user nns-bob gdbus call --system --timeout 3 -d "$BUS_NAME" \
    -o "$MANAGER_PATH" -m "$MANAGER_IFACE.ListNamespaces")
echo "  nns-bob's ListNamespaces: ${list_ms} ms"
create_ms=$(latency_ms gdbus call --system --timeout 3 -d "$BUS_NAME" -o "$MANAGER_PATH" \
    -m "$MANAGER_IFACE.CreateNamespace" roots "{}")
echo "  root's CreateNamespace: ${create_ms} ms"
((list_ms < 2000)) || fail "ListNamespaces took ${list_ms} ms while a spawn was pending"
((create_ms < 2000)) || fail "CreateNamespace took ${create_ms} ms while a spawn was pending"
assert_contains "$(ip netns list)" "roots" "ip netns list"

step "while it is stopped, programs start, exit, are killed and end with their callers"
expect_exit 7 as_user nns-bob "$NETNSCTL" exec bobs -- sh -c 'exit 7'
# Kill, and the SpawnExited that follows, on a program started meanwhile;
# another connection of the same user does not see that exit.
run_capture out as_user nns-bob "$PYTHON" - <<'PY'
import os, gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib
bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
other = Gio.DBusConnection.new_for_address_sync(
    Gio.dbus_address_get_for_bus_sync(Gio.BusType.SYSTEM, None),
    Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION,
    None, None)
exits, seen_by_other = {}, []
loop = GLib.MainLoop()
def on_exit(conn, sender, path, iface, signal, params):
    pid, status = params.unpack()
    exits[pid] = status
    loop.quit()
for conn, handler in ((bus, on_exit), (other, lambda *a: seen_by_other.append(a))):
    conn.signal_subscribe("org.example.NetNs", "org.example.NetNs", "SpawnExited",
                          "/org/example/NetNs", None, Gio.DBusSignalFlags.NONE, handler)
fds = Gio.UnixFDList.new()
for fd in (0, 1, 2):
    fds.append(fd)
reply, _ = bus.call_with_unix_fd_list_sync(
    "org.example.NetNs", "/org/example/NetNs", "org.example.NetNs", "Spawn",
    GLib.Variant("(sasa{sv}hhh)", ("bobs", ["tail", "-f", "/dev/null"], {}, 0, 1, 2)),
    GLib.VariantType("(u)"), Gio.DBusCallFlags.NONE, 5000, fds, None)
pid = reply.unpack()[0]
bus.call_sync("org.example.NetNs", "/org/example/NetNs", "org.example.NetNs", "Kill",
              GLib.Variant("(ui)", (pid, 15)), None, Gio.DBusCallFlags.NONE, 5000, None)
GLib.timeout_add_seconds(5, loop.quit)
loop.run()
# Let anything sent to the other connection arrive.
GLib.timeout_add(300, loop.quit)
loop.run()
assert pid in exits, "no SpawnExited"
assert os.WIFSIGNALED(exits[pid]) and os.WTERMSIG(exits[pid]) == 15, f"status {exits[pid]}"
assert not seen_by_other, f"another connection saw {seen_by_other}"
print(f"  Kill ended program {pid}; its SpawnExited (SIGTERM) came to its caller only")
PY
[[ $status == 0 ]] || fail "Kill and SpawnExited while a spawn is pending: $out"
echo "$out"
bg_as_user nns-bob "$NETNSCTL" exec bobs -- tail -f /dev/null
client=$BG_PID
wait_until 5 pgrep -u nns-bob -x tail
kill -KILL "$client"
wait "$client" || true
wait_until 10 bash -c "! pgrep -u nns-bob -x tail"
echo "  kill-on-disconnect ended a program of a caller that left"
kill -0 "$child" 2>/dev/null || fail "the stopped child went before the timeout"

step "the stalled Spawn fails after the start timeout; its child is killed and reaped"
wait "$stalled_client" || true
result=$(head -n 1 "$NNS_RUN/stalled.out")
elapsed=$(tail -n 1 "$NNS_RUN/stalled.out")
echo "  after ${elapsed} s: $result"
assert_contains "$result" "ERROR $ERR.Failed: '/usr/bin/sleep' did not start within $timeout_seconds seconds" "the stalled Spawn's error"
awk -v t="$elapsed" -v limit="$timeout_seconds" 'BEGIN { exit !(t >= limit - 0.5 && t < limit + 3) }' ||
    fail "the stalled Spawn failed after $elapsed s, not after about $timeout_seconds s"
wait_until 5 bash -c "! kill -0 $child 2>/dev/null"
assert_eq "$(ps -o pid= --ppid "$netnsd_pid" | wc -l)" "0" "netnsd's children"
assert_contains "$(cat "$NNS_RUN/netnsd.log")" "did not start within $timeout_seconds seconds; killing it" "netnsd's log"

step "a caller that leaves while its Spawn is pending takes the child with it"
bg_as_user nobody "$NETNSCTL" exec mine -- sleep 60
client=$BG_PID
wait_until 5 has_stopped_child
child=$(stopped_child)
kill -KILL "$client"
wait "$client" || true
left=$(date +%s%N)
wait_until 5 bash -c "! kill -0 $child 2>/dev/null"
gone_ms=$((($(date +%s%N) - left) / 1000000))
echo "  child $child gone ${gone_ms} ms after its caller left"
((gone_ms < 1500)) || fail "the child lingered ${gone_ms} ms after its caller left"
assert_contains "$(cat "$NNS_RUN/netnsd.log")" "ending its program $child, still starting" "netnsd's log"
assert_eq "$(ps -o pid= --ppid "$netnsd_pid" | wc -l)" "0" "netnsd's children"

step "kill-on-disconnect false: the start goes on without its caller, to the timeout"
as_user nobody spawn_timed "('mine', ['sleep', '60'], {'kill-on-disconnect': <false>}, 0, 1, 2)" \
    > /dev/null 2>&1 &
client=$!
wait_until 5 has_stopped_child
child=$(stopped_child)
kill -KILL "$client"
wait "$client" || true
sleep 1
kill -0 "$child" 2>/dev/null || fail "the child of a kill-on-disconnect=false Spawn ended with its caller"
assert_not_contains "$(cat "$NNS_RUN/netnsd.log")" "ending its program $child" "netnsd's log"
wait_until $((timeout_seconds + 3)) bash -c "! kill -0 $child 2>/dev/null"
echo "  child $child ended at the timeout"

step "programs not stopped still start as usual"
assert_eq "$(as_user nobody "$NETNSCTL" exec mine -- echo started)" "started" "netnsctl exec"
echo "PASS"
