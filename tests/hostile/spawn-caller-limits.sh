#!/bin/bash
# Finding: programs started through Spawn ran with netnsd's resource
# limits: a caller held to 30 processes started 1,000. Now each gets its
# caller's limits (read from the caller's process), and the kernel counts
# the caller's processes against the caller's RLIMIT_NPROC.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

# A user of this case alone: RLIMIT_NPROC counts every process of the uid
# on the machine.
uid=$((61000 + $$ % 4000))
echo "nns-carol:x:$uid:$uid:netnsd test user:/nonexistent:/usr/sbin/nologin" >> /etc/passwd
echo "nns-carol:x:$uid:" >> /etc/group
allow_rule all 'subject.user == "nns-carol"'
wait_until 5 as_user nns-carol "$NETNSCTL" add mine

step "the caller's fd limits, not netnsd's"
netnsd_pid=$(cat "$NNS_RUN/netnsd.pid")
echo "  netnsd's: $(awk '/open files/ {print $4, $5}' /proc/$netnsd_pid/limits)"
got=$(prlimit --nofile=100:200 --core=0:0 -- setpriv --reuid=nns-carol --regid=nns-carol --init-groups \
      "$NETNSCTL" exec mine -- sh -c 'echo $(ulimit -Sn) $(ulimit -Hn) $(ulimit -c)')
assert_eq "$got" "100 200 0" "the program's soft and hard fd limits and core limit"

step "a caller held to 6 processes starts 10 programs"
prlimit --nproc=6:6 -- setpriv --reuid=nns-carol --regid=nns-carol --init-groups \
    "$PYTHON" - > "$NNS_RUN/nproc.out" <<'PY'
import os, gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib
bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
devnull = os.open("/dev/null", os.O_RDWR)
started, errors = 0, []
for i in range(10):
    fds = Gio.UnixFDList.new()
    for _ in range(3):
        fds.append(devnull)
    try:
        bus.call_with_unix_fd_list_sync(
            "org.example.NetNs", "/org/example/NetNs", "org.example.NetNs", "Spawn",
            GLib.Variant("(sasa{sv}hhh)", ("mine", ["sleep", "30"], {}, 0, 1, 2)),
            GLib.VariantType("(u)"), Gio.DBusCallFlags.NONE, -1, fds, None)
        started += 1
    except GLib.Error as e:
        errors.append(e.message)
print(started)
print(len(errors))
print(errors[0] if errors else "")
def mine_and_alive(pid):
    # A process may end between listdir and the reads: it then holds no
    # slot. Nor does a zombie (netnsd's search child, gone but not yet
    # reaped).
    try:
        if os.stat(f"/proc/{pid}").st_uid != os.getuid():
            return False
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
running = sum(1 for p in os.listdir("/proc") if p.isdigit() and mine_and_alive(p))
print(running)
PY
mapfile -t result < "$NNS_RUN/nproc.out"
echo "  started ${result[0]}, refused ${result[1]}; processes of the caller then: ${result[3]}"
echo "  ${result[2]}"
(( result[0] >= 1 && result[0] <= 6 )) || fail "${result[0]} programs started for a caller held to 6 processes"
(( result[3] <= 6 )) || fail "the caller had ${result[3]} processes"
assert_contains "${result[2]}" "$ERR.Busy" "the refusal"
assert_contains "${result[2]}" "RLIMIT_NPROC" "the refusal"
echo "PASS"
