#!/bin/bash
# One user cannot exhaust netnsd for others: per-user caps on namespaces
# and on calls waiting for polkit, each error naming its limit. netnsd
# keeps serving when it runs out of file descriptors, and its fds and
# memory return to their baseline after 1,000 create/delete cycles.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

restart_netnsd --max-namespaces-per-user 3 --max-pending-calls 2
allow_rule users 'subject.user == "nobody" || subject.user == "nns-alice"'
wait_until 5 as_user nobody "$NETNSCTL" list

step "namespaces per user"
for i in 1 2 3; do as_user nobody "$NETNSCTL" add "mine$i"; done
run_capture out as_user nobody "$NETNSCTL" add mine4
assert_eq "$status" "7" "netnsctl's status (busy)"
assert_eq "$out" "netnsctl: uid 65534 already has 3 namespaces, the most one user may have (netnsd --max-namespaces-per-user)" "the error"
as_user nns-alice "$NETNSCTL" add alices
"$NETNSCTL" add roots1
"$NETNSCTL" add roots2
as_user nobody "$NETNSCTL" delete mine1
as_user nobody "$NETNSCTL" add mine4

step "calls waiting for polkit, per user"
polkitd=$(cat "$NNS_RUN/polkitd.pid")
trap 'kill -CONT $polkitd 2>/dev/null || true' EXIT
kill -STOP $polkitd
bg_as_user nobody "$NETNSCTL" --no-ask-password link add -n mine2 a0 type veth peer b0
first=$BG_PID
bg_as_user nobody "$NETNSCTL" --no-ask-password link add -n mine3 a0 type veth peer b0
second=$BG_PID
sleep 0.5
run_capture out as_user nobody "$NETNSCTL" --no-ask-password link add -n mine4 a0 type veth peer b0
assert_eq "$status" "7" "the third call's status"
assert_contains "$out" "uid 65534 already has 2 calls waiting for authorization, the most one user may have (netnsd --max-pending-calls)" "the error"
# Another user is not held back by nobody's calls.
bg_as_user nns-alice "$NETNSCTL" --no-ask-password link add -n alices a0 type veth peer b0
alice=$BG_PID
sleep 0.5
kill -CONT $polkitd
wait $first
wait $second
wait $alice
assert_eq "$(ip -n alices -br link show type veth | wc -l)" "2" "alice's veth pair"

step "out of file descriptors: clear errors, then service again"
restart_netnsd
netnsd_pid=$(cat "$NNS_RUN/netnsd.pid")
# The limit bounds fd numbers. (valgrind parks fds of its own far above.)
highest=$(ls /proc/$netnsd_pid/fd | sort -n | awk '$1 < 10000' | tail -1)
limit=$(prlimit --pid $netnsd_pid --nofile --noheadings --raw --output SOFT,HARD | tr ' ' ':')
# Room for a few namespaces (one netlink socket each), not twelve.
prlimit --pid $netnsd_pid --nofile=$((highest + 1 + 6)):$(echo "$limit" | cut -d: -f2)
failures=0
for i in $(seq 12); do
    run_capture out "$NETNSCTL" add "fill$i"
    if [[ $status != 0 ]]; then
        assert_contains "$out" "Too many open files" "the error when out of fds"
        failures=$((failures + 1))
    fi
done
(( failures > 0 )) || fail "netnsd never ran out of fds"
echo "  $failures of 12 creations refused for want of fds"
assert_contains "$("$NETNSCTL" list)" "fill1" "list while out of fds"
run_capture out "$NETNSCTL" exec fill1 -- true
echo "  exec while out of fds: status $status"
for i in $(seq 12); do "$NETNSCTL" delete "fill$i" 2>/dev/null || true; done
# The fds the deleted namespaces held serve new ones, still at the low limit.
"$NETNSCTL" add after_fds
# Running a program takes several fds at once (the caller's stdio, the
# copies, a report pipe; under valgrind, its own): with the limit back.
prlimit --pid $netnsd_pid --nofile="$limit"
"$NETNSCTL" exec after_fds -- true
kill -0 $netnsd_pid || fail "netnsd died"

step "1,000 create/delete cycles: fds and memory back to their baseline"
restart_netnsd
netnsd_pid=$(cat "$NNS_RUN/netnsd.pid")
cycles() {
    "$PYTHON" - "$1" <<'PY'
import sys, gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib
bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
def call(method, name):
    bus.call_sync("org.example.NetNs", "/org/example/NetNs", "org.example.NetNs", method,
                  GLib.Variant("(sa{sv})", (name, {})), None, Gio.DBusCallFlags.NONE, -1, None)
for i in range(int(sys.argv[1])):
    call("CreateNamespace", f"cycle{i % 10}")
    call("DeleteNamespace", f"cycle{i % 10}")
PY
}
cycles 100
fds_before=$(ls /proc/$netnsd_pid/fd | wc -l)
rss_before=$(awk '/VmRSS/ {print $2}' /proc/$netnsd_pid/status)
cycles 1000
fds_after=$(ls /proc/$netnsd_pid/fd | wc -l)
assert_eq "$fds_after" "$fds_before" "netnsd's open fds after 1,000 cycles"
assert_rss_settled "$rss_before" "$netnsd_pid"
echo "PASS"
