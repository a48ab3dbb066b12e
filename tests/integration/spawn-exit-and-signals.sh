#!/bin/bash
# Exit codes and signals propagate through netnsctl exec; SIGINT, SIGTERM
# and SIGHUP are forwarded; Kill works on one's own programs only; a
# program ends with the client that started it (kill-on-disconnect).
source "$NNS_SRCDIR/tests/lib/testlib.sh"

allow_rule nobody 'subject.user == "nobody" || subject.user == "nns-bob"'
wait_until 5 as_user nobody "$NETNSCTL" add mine
x() { as_user nobody "$NETNSCTL" exec mine -- "$@"; }

step "exit codes"
expect_exit 0 x true
expect_exit 1 x false
expect_exit 7 x sh -c 'exit 7'
expect_exit 143 x sh -c 'kill -TERM $$'
expect_exit 137 x sh -c 'kill -KILL $$'
run_capture out x sh -c 'echo to-stdout; echo to-stderr >&2; read line; echo "read: $line"' <<< "from-stdin"
assert_eq "$out" "to-stdout
to-stderr
read: from-stdin" "stdio passed through"

step "signals sent to netnsctl reach the program"
for sig in INT TERM HUP; do
    bg_as_user nobody "$NETNSCTL" exec mine -- sleep 60
    client=$BG_PID
    wait_until 5 pgrep -u 65534 -x sleep
    kill -$sig $client
    status=0; wait $client || status=$?
    assert_eq "$status" "$((128 + $(kill -l $sig)))" "netnsctl's status after SIG$sig"
    wait_until 5 bash -c "! pgrep -u 65534 -x sleep"
done

step "Kill: one's own programs only"
bg_as_user nobody "$NETNSCTL" exec mine -- sleep 60
client=$BG_PID
wait_until 5 pgrep -u 65534 -x sleep
pid=$(pgrep -u 65534 -x sleep)
# Another connection, even root's or the same user's, did not start it.
expect_error "$ERR.NotFound" ns_gdbus Kill $pid 15
expect_error "$ERR.NotFound" as_user nobody ns_gdbus Kill $pid 15
expect_error "$ERR.NotFound" ns_gdbus Kill 1 9
expect_error "$ERR.InvalidArgument" ns_gdbus Kill 0 9
kill -0 $pid || fail "the program died from someone else's Kill"
kill -TERM $client
wait $client || true

step "kill-on-disconnect: the program ends when its client is killed"
bg_as_user nobody "$NETNSCTL" exec mine -- sleep 60
client=$BG_PID
wait_until 5 pgrep -u 65534 -x sleep
kill -KILL $client
wait $client || true
wait_until 10 bash -c "! pgrep -u 65534 -x sleep"
echo "  the program ended with its client"

step "kill-on-disconnect false: the program outlives its client"
"$PYTHON" - <<'PY'
import os, gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib
bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
fds = Gio.UnixFDList.new()
for fd in (0, 1, 2):
    fds.append(fd)
reply, _ = bus.call_with_unix_fd_list_sync(
    "org.example.NetNs", "/org/example/NetNs", "org.example.NetNs", "Spawn",
    GLib.Variant("(sasa{sv}hhh)", ("mine", ["sleep", "60"],
                                   {"kill-on-disconnect": GLib.Variant("b", False)}, 0, 1, 2)),
    GLib.VariantType("(u)"), Gio.DBusCallFlags.NONE, -1, fds, None)
print("  started", reply.unpack()[0])
PY
sleep 0.5
pid=$(pgrep -u 0 -x sleep)
kill -0 $pid || fail "the program ended with its client"
kill $pid
echo "PASS"
