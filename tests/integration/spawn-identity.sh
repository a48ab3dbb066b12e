#!/bin/bash
# A program spawned for a non-root caller runs as that caller and nothing
# more, with the view `ip netns exec` gives, checked from /proc.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

allow_rule alice 'subject.user == "nns-alice" &&
                  (action.id == "org.example.netns.manage" ||
                   (action.id == "org.example.netns.spawn" && action.lookup("owner-user") == "nns-alice"))'
wait_until 5 as_user nns-alice "$NETNSCTL" add alices
as_user nns-alice "$NETNSCTL" link add -n alices v0 type veth peer v1
as_user nns-alice "$NETNSCTL" dns alices --nameserver 192.0.2.53 --search corp.example
inode=$(stat -L -c %i /run/netns/alices)

step "a long-running program, as nns-alice"
# env -i: netnsctl passes TERM and LANG on when it has them; here it has none.
bg_as_user nns-alice env -i "$NETNSCTL" exec alices -- sleep 60 > "$NNS_RUN/sleep.out" 2>&1
client=$BG_PID
wait_until 5 pgrep -u nns-alice -x sleep
pid=$(pgrep -u nns-alice -x sleep)
status_of() { grep "^$1:" "/proc/$pid/status" | cut -f2- | tr -s '\t ' ' ' | sed 's/ $//'; }

assert_eq "$(status_of Uid)" "60001 60001 60001 60001" "Uid"
assert_eq "$(status_of Gid)" "60001 60001 60001 60001" "Gid"
assert_eq "$(status_of Groups)" "60001 60010" "Groups (nns-alice, netns)"
for cap in CapInh CapPrm CapEff CapAmb; do
    assert_eq "$(status_of $cap)" "0000000000000000" "$cap"
done
# CAP_NET_RAW (bit 13) only, so that file-capability programs such as ping
# run at all; no_new_privs keeps them from getting it.
assert_eq "$(status_of CapBnd)" "0000000000002000" "CapBnd"
assert_eq "$(status_of NoNewPrivs)" "1" "NoNewPrivs"
assert_eq "$(ls /proc/$pid/fd | sort -n | tr '\n' ' ')" "0 1 2 " "open fds"
assert_eq "$(readlink /proc/$pid/ns/net)" "net:[$inode]" "network namespace"
netnsd_pid=$(cat "$NNS_RUN/netnsd.pid")
[[ $(ps -o sid= -p $pid) != $(ps -o sid= -p $netnsd_pid) ]] || fail "the program shares netnsd's session"
assert_eq "$(ps -o sid= -p $pid | tr -d ' ')" "$pid" "the program leads its own session"
env=$(tr '\0' '\n' < /proc/$pid/environ | cut -d= -f1 | sort | tr '\n' ' ')
assert_eq "$env" "HOME LOGNAME PATH SHELL USER " "the environment's names"
assert_contains "$(tr '\0' '\n' < /proc/$pid/environ)" "USER=nns-alice" "USER"
assert_eq "$(ps -o ppid= -p $pid | tr -d ' ')" "$netnsd_pid" "netnsd is the parent"
kill $client
wait $client || true
wait_until 5 bash -c "! kill -0 $pid 2>/dev/null"

step "inside: the namespace's own /sys and links, the DNS of SetDns, no privileges"
n() { as_user nns-alice "$NETNSCTL" exec alices -- "$@"; }
assert_eq "$(n ls /sys/class/net | tr '\n' ' ')" "lo v0 v1 " "/sys/class/net inside"
assert_eq "$(n cat /etc/resolv.conf | grep -v '^#')" "nameserver 192.0.2.53
search corp.example" "/etc/resolv.conf inside"
assert_eq "$(ip netns exec alices cat /etc/resolv.conf | grep -v '^#')" "nameserver 192.0.2.53
search corp.example" "/etc/resolv.conf through ip netns exec"
run_capture out n ip link add x0 type veth peer name x1
[[ $status != 0 ]] || fail "ip link add worked inside"
assert_contains "$out" "Operation not permitted" "ip link add inside"
run_capture out n cat /etc/shadow
assert_contains "$out" "Permission denied" "reading /etc/shadow inside"
assert_eq "$(n id -un)" "nns-alice" "id -un"
assert_eq "$(as_user nns-alice "$NETNSCTL" exec --env GREETING=hello alices -- printenv GREETING)" "hello" "--env"
assert_eq "$(cd /tmp && as_user nns-alice "$NETNSCTL" exec alices -- pwd)" "/tmp" "the working directory follows netnsctl's"
echo "PASS"
