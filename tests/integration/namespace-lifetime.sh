#!/bin/bash
# CreateNamespace lifetime "client": the namespace, with its links and its
# /etc/netns folder, goes when its creator leaves the bus, however it
# leaves (exit, SIGKILL), and also when it left while netnsd was down.
# Persistent namespaces stay. netnsctl add --temporary and exec --temporary.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

allow_rule nobody 'subject.user == "nobody" &&
    (action.id == "org.example.netns.manage" || action.id == "org.example.netns.spawn")'

# create_and_hold NAME FIFO: a client that creates NAME with lifetime
# client (and a veth in it, and its DNS), says so on FIFO, then waits.
hold_client() {
    "$PYTHON" - "$@" <<'PY'
import sys, time
from gi.repository import Gio, GLib
name, ready = sys.argv[1], sys.argv[2]
bus = Gio.bus_get_sync(Gio.BusType.SYSTEM)
def call(method, args):
    bus.call_sync("org.example.NetNs", "/org/example/NetNs", "org.example.NetNs", method,
                  args, None, Gio.DBusCallFlags.NONE, 10000)
call("Apply", GLib.Variant("(a(sa{sv})a{sv})", ([
    ("CreateNamespace", {"name": GLib.Variant("s", name),
                         "options": GLib.Variant("a{sv}", {"lifetime": GLib.Variant("s", "client")})}),
    ("CreateVeth", {"namespace": GLib.Variant("s", name), "name": GLib.Variant("s", "a0"),
                    "peer_namespace": GLib.Variant("s", name), "peer_name": GLib.Variant("s", "a1")}),
    ("SetDns", {"namespace": GLib.Variant("s", name), "nameservers": GLib.Variant("as", ["10.9.9.9"]),
                "search": GLib.Variant("as", [])}),
], {})))
open(ready, "w").write("ready\n")
time.sleep(600)
PY
}

step "a bad lifetime is refused and changes nothing"
expect_error "$ERR.InvalidArgument" ns_gdbus CreateNamespace bad "{'lifetime': <'forever'>}"
expect_error "$ERR.InvalidArgument" ns_gdbus CreateNamespace bad "{'lifetime': <true>}"
assert_no_namespaces "a bad lifetime"

step "persistent (the default) stays when its creator leaves"
ns_gdbus CreateNamespace kept "{'lifetime': <'persistent'>}" >/dev/null
ns_gdbus CreateNamespace kept2 '{}' >/dev/null

step "client: a SIGKILLed creator's namespace, links and DNS go"
mkdir -m 1777 "$NNS_RUN/lifetime"
ready=$NNS_RUN/lifetime/ready
bg_as_user nobody bash -c "$(declare -f hold_client); PYTHON=$PYTHON hold_client job $ready"
wait_until 10 test -s "$ready"
assert_eq "$(ip -n job -br link show a0 | awk '{print $1}')" "a0@a1" "the veth inside"
test -f /etc/netns/job/resolv.conf || fail "no resolv.conf for job"
assert_eq "$(ns_property job Owner)" "u 65534" "Owner of the client namespace"
pkill -KILL -P "$BG_PID" python3 || kill -KILL "$BG_PID"
wait "$BG_PID" 2>/dev/null || true
wait_until 5 bash -c '! test -e /run/netns/job'
assert_eq "$(netns_names)" "kept kept2 " "namespaces after the creator was killed"
# Its /etc/netns folder goes a moment after its name.
wait_until 5 test ! -e /etc/netns/job
assert_contains "$(cat "$NNS_RUN/netnsd.log")" "deleted namespace 'job': its creator" "the journal"

step "netnsctl add --temporary: the namespace lasts as long as netnsctl"
bg_as_user nobody "$NETNSCTL" add --temporary tmp
wait_until 10 test -e /run/netns/tmp
assert_eq "$(ip -n tmp -br link show lo | awk '{print $2}')" "UNKNOWN" "lo up in tmp"
kill -TERM "$BG_PID"
wait "$BG_PID" || fail "netnsctl add --temporary exited with $?"
wait_until 5 bash -c '! test -e /run/netns/tmp'
expect_exit 2 "$NETNSCTL" -batch <(echo "add --temporary t2")

step "netnsctl add --temporary: SIGTERM while netnsd answers still ends it once the answer is in"
netnsd_pid=$(cat "$NNS_RUN/netnsd.pid")
kill -STOP "$netnsd_pid"
bg_as_user nobody "$NETNSCTL" add --temporary slow
# Its handler is in place (SigCgt has SIGTERM, bit 15) before the call.
wait_until 10 bash -c "(( 0x\$(awk '/^SigCgt/ {print \$2}' /proc/$BG_PID/status) & 0x4000 ))"
# Time to send its call, which netnsd, stopped, cannot answer yet.
sleep 0.5
kill -TERM "$BG_PID"
kill -CONT "$netnsd_pid"
timeout 20 tail --pid="$BG_PID" -f /dev/null || fail "netnsctl add --temporary stayed after SIGTERM"
wait "$BG_PID" || fail "netnsctl add --temporary exited with $? after SIGTERM"
assert_contains "$(cat "$NNS_RUN/netnsd.log")" "created namespace 'slow', to end when it leaves the bus" \
    "the namespace the signalled netnsctl asked for"
wait_until 5 bash -c '! test -e /run/netns/slow'

step "netnsctl exec --temporary: a namespace for one program, with lo up"
out=$(as_user nobody "$NETNSCTL" exec --temporary once -- ip -br link show lo)
assert_contains "$out" "UNKNOWN" "lo inside exec --temporary"
wait_until 5 bash -c '! test -e /run/netns/once'
expect_exit 5 as_user nobody "$NETNSCTL" exec --temporary kept -- true
assert_eq "$(netns_names)" "kept kept2 " "exec --temporary of a taken name leaves it"

step "exec --temporary killed by SIGKILL: the program and the namespace go"
bg_as_user nobody "$NETNSCTL" exec --temporary sleeper -- sleep 300
wait_until 10 pgrep -u 65534 -x sleep
kill -KILL "$BG_PID"
wait "$BG_PID" 2>/dev/null || true
wait_until 5 bash -c '! test -e /run/netns/sleeper'
wait_until 5 bash -c '! pgrep -u 65534 -x sleep'

step "a creator that leaves while netnsd is down: its namespace goes at start"
rm -f "$ready"
bg_as_user nobody bash -c "$(declare -f hold_client); PYTHON=$PYTHON hold_client crashjob $ready"
wait_until 10 test -s "$ready"
kill -KILL "$(cat "$NNS_RUN/netnsd.pid")"
wait_until 5 bash -c "! kill -0 $(cat "$NNS_RUN/netnsd.pid") 2>/dev/null"
pkill -KILL -P "$BG_PID" python3 || kill -KILL "$BG_PID"
wait "$BG_PID" 2>/dev/null || true
test -e /run/netns/crashjob || fail "crashjob went without netnsd"
start_netnsd
assert_eq "$(netns_names)" "kept kept2 " "namespaces after a start"
test ! -e /etc/netns/crashjob || fail "/etc/netns/crashjob left behind"

step "a creator still there when netnsd restarts keeps its namespace, and it ends later"
rm -f "$ready"
bg_as_user nobody bash -c "$(declare -f hold_client); PYTHON=$PYTHON hold_client alive $ready"
wait_until 10 test -s "$ready"
restart_netnsd
assert_eq "$(netns_names)" "alive kept kept2 " "namespaces after a restart"
pkill -KILL -P "$BG_PID" python3 || kill -KILL "$BG_PID"
wait "$BG_PID" 2>/dev/null || true
wait_until 5 bash -c '! test -e /run/netns/alive'

ns_call DeleteNamespace 'sa{sv}' kept 0
ns_call DeleteNamespace 'sa{sv}' kept2 0
assert_no_namespaces "the clean-up"
echo "PASS"
