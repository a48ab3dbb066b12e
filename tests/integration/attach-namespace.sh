#!/bin/bash
# AttachNamespace names a namespace that another program made, as
# `ip netns attach` does: one held only by a process becomes a namespace
# like the others (links and addresses through netnsd, `ip netns exec`),
# and deleting the name leaves the process's namespace alone. The host's
# namespace, a namespace that has a name already, and an fd that is not a
# network namespace are refused with nothing changed. A user owns what its
# own `unshare -rn` made, and only that; an Apply that fails after an
# attach takes the name away again.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

# attach NAME PATH [call.py options]: AttachNamespace with PATH opened by
# the caller (call.py --fd).
attach() {
    local name=$1 path=$2; shift 2
    /usr/bin/python3 "$NNS_SRCDIR/tests/lib/call.py" --interactive "$@" --fd="$path" \
        AttachNamespace "('$name', handle 0, @a{sv} {})"
}

# in_ns PID CMD...: CMD in the network namespace of process PID, as the
# process itself sees it.
in_ns() { local pid=$1; shift; nsenter -t "$pid" -n "$@"; }

# hold [USER]: a process (as USER, in a user namespace of its own) whose
# network namespace only it holds; HELD is its pid.
hold() {
    if [[ $# == 0 ]]; then
        unshare -n sleep 1000 &
        HELD=$!
    else
        bg_as_user "$1" unshare -rn sleep 1000
        HELD=$BG_PID
    fi
    wait_until 5 own_namespace "$HELD"
}

# own_namespace PID: PID has left the host's network namespace.
own_namespace() { [[ "$(readlink "/proc/$1/ns/net")" != "$(readlink /proc/self/ns/net)" ]]; }

assert_unchanged() {
    assert_eq "$(ls -A /run/netns)" "$1" "/run/netns after $2"
    assert_eq "$(ls -A /run/netnsd/namespaces)" "$3" "owner records after $2"
}

step "a namespace held only by a process, attached by root"
hold
root_held=$HELD
start_monitor
out=$(attach held "/proc/$root_held/ns/net")
assert_eq "$out" "(objectpath '$(ns_path held)',)" "AttachNamespace's answer"
expect_signal "$MANAGER_IFACE.NamespaceAdded ('held', objectpath '$(ns_path held)')"
stop_monitor
assert_eq "$(netns_names)" "held " "ip netns list"
assert_eq "$(ip netns identify "$root_held")" "held" "ip netns identify of the process"
assert_eq "$(ns_property held Inode)" "t $(stat -L -c %i "/proc/$root_held/ns/net")" "Inode"
# Root made it in the initial user namespace, which root owns.
assert_eq "$(ns_property held Owner)" "u 0" "Owner"

step "links and addresses made through netnsd are the process's own"
ns_gdbus CreateVeth "" vh0 held vh1 "{'up': <true>}" >/dev/null
ns_gdbus AddAddress held vh1 10.210.0.2/24 '{}' >/dev/null
ns_gdbus AddAddress "" vh0 10.210.0.1/24 '{}' >/dev/null
assert_contains "$(in_ns "$root_held" ip -br addr show vh1)" "10.210.0.2/24" "vh1 as the process sees it"
assert_contains "$(ip netns exec held ip -br addr show vh1)" "10.210.0.2/24" "vh1 through ip netns exec"
assert_contains "$(ns_gdbus ListAddresses held vh1)" "10.210.0.2/24" "ListAddresses"

step "DeleteNamespace takes the name; the process's namespace lives on"
ns_gdbus DeleteNamespace held '{}' >/dev/null
assert_eq "$(netns_names)" "" "ip netns list after DeleteNamespace"
assert_eq "$(ls -A /run/netnsd/namespaces)" "" "owner records after DeleteNamespace"
assert_contains "$(in_ns "$root_held" ip -br addr show vh1)" "10.210.0.2/24" \
    "vh1, still in the process's namespace"
ip link show vh0 >/dev/null || fail "the host end went with the name"
ip link del vh0

step "the same namespace under a second name, or a taken name: Exists"
hold
ip netns attach by_ip "$HELD"
ip_held=$HELD
expect_error "$ERR.Exists" attach other "/proc/$ip_held/ns/net"
assert_contains "$(attach other "/proc/$ip_held/ns/net" || true)" "'by_ip'" "the error names it"
expect_error "$ERR.Exists" attach by_ip "/proc/$root_held/ns/net"
assert_unchanged "by_ip" "the refused attaches" ""

step "the host's own namespace, whatever names it: InvalidArgument"
ip netns attach hostalias 1
wait_until 5 bash -c "busctl --system call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE ListNamespaces | grep -q hostalias"
for path in /proc/self/ns/net /proc/1/ns/net /proc/$$/ns/net /run/netns/hostalias; do
    run_capture out attach host "$path"
    assert_contains "$out" "$ERR.InvalidArgument: netns is the host's own network namespace" "attach of $path"
done
ip netns del hostalias
assert_unchanged "by_ip" "the host's refused attaches" ""

step "what is no network namespace: InvalidArgument"
run_capture out attach uts /proc/self/ns/uts
assert_contains "$out" "$ERR.InvalidArgument: netns is a UTS namespace, not a network namespace" "a UTS namespace"
echo data > "$NNS_RUN/plain"
run_capture out attach plain "$NNS_RUN/plain"
assert_contains "$out" "$ERR.InvalidArgument: netns is not a namespace" "a plain file"
mkfifo "$NNS_RUN/fifo"
run_capture out attach fifo "$NNS_RUN/fifo:path"
assert_contains "$out" "$ERR.InvalidArgument: netns is not a namespace" "a FIFO (O_PATH)"
run_capture out /usr/bin/python3 "$NNS_SRCDIR/tests/lib/call.py" AttachNamespace "('nofd', handle 0, @a{sv} {})"
assert_contains "$out" "$ERR.InvalidArgument: netns is fd index 0, but the call carries 0" "no fd at all"
expect_error "$ERR.InvalidArgument" attach 'bad/name' "/proc/$root_held/ns/net"
run_capture out /usr/bin/python3 "$NNS_SRCDIR/tests/lib/call.py" --fd="/proc/$root_held/ns/net" \
    AttachNamespace "('opt', handle 0, {'lifetime': <'client'>})"
assert_contains "$out" "$ERR.InvalidArgument: unknown option 'lifetime'" "an option"
assert_unchanged "by_ip" "the refused attaches" ""

step "an O_PATH fd of a namespace is as good as any"
attach by_path "/proc/$root_held/ns/net:path" >/dev/null
assert_eq "$(ip netns identify "$root_held")" "by_path" "ip netns identify"
ip netns del by_path

step "a user's own unshare -rn namespace: manage, and the user owns it"
hold nns-alice
alice_held=$HELD
expect_error "$ERR.NotAuthorized" as_user nns-alice attach alicens "/proc/$alice_held/ns/net"
assert_unchanged "by_ip" "the denied attach" ""
allow_rule alice-manage 'action.id == "org.example.netns.manage" && subject.user == "nns-alice" &&
                         action.lookup("owner-user") == "nns-alice"'
wait_until 5 as_user nns-alice attach alicens "/proc/$alice_held/ns/net"
assert_eq "$(ns_property alicens Owner)" "u 60001" "Owner of alice's attached namespace"
assert_eq "$(ip netns identify "$alice_held")" "alicens" "ip netns identify"
as_user nns-alice "$NETNSCTL" --no-ask-password link add a0 type veth peer a1 netns alicens -n alicens
as_user nns-alice "$NETNSCTL" --no-ask-password addr add 10.211.0.1/24 dev a0 -n alicens
assert_contains "$(in_ns "$alice_held" ip -br addr show a0)" "10.211.0.1/24" "a0 as alice's process sees it"

step "the owner survives a restart of netnsd"
restart_netnsd
assert_eq "$(ns_property alicens Owner)" "u 60001" "Owner after the restart"
as_user nns-alice "$NETNSCTL" --no-ask-password delete alicens
assert_contains "$(in_ns "$alice_held" ip -br link show a0)" "a0" "alice's namespace after delete"

step "another user's namespace, or root's, is not the user's own: manage-any"
hold nns-bob
bob_held=$HELD
# A bind mount that anyone may open, as runtimes leave them (/var/run/netns/cni-...).
touch "$NNS_RUN/bobns" "$NNS_RUN/rootns"
mount --bind "/proc/$bob_held/ns/net" "$NNS_RUN/bobns"
mount --bind "/proc/$root_held/ns/net" "$NNS_RUN/rootns"
run_capture out as_user nns-alice attach bobns "$NNS_RUN/bobns"
assert_contains "$out" "$ERR.NotAuthorized" "alice attaching bob's"
assert_contains "$out" "org.example.netns.manage-any" "the action named"
expect_error "$ERR.NotAuthorized" as_user nns-alice attach rootns "$NNS_RUN/rootns"
assert_unchanged "by_ip" "the denied attaches" ""
allow_rule alice-any 'action.id == "org.example.netns.manage-any" && subject.user == "nns-alice" &&
                      action.lookup("owner-user") == "nns-bob"'
wait_until 5 as_user nns-alice attach bobns "$NNS_RUN/bobns"
assert_eq "$(ns_property bobns Owner)" "u $((2**32 - 1))" "Owner of bob's namespace attached by alice"
expect_error "$ERR.NotAuthorized" as_user nns-alice attach rootns "$NNS_RUN/rootns"
ns_gdbus DeleteNamespace bobns '{}' >/dev/null

step "Apply: an attach, then a failing operation: the name goes again"
apply_attach() {
    /usr/bin/python3 "$NNS_SRCDIR/tests/lib/call.py" --fd="/proc/$root_held/ns/net" Apply "($1, $2)"
}
ops="[('AttachNamespace', {'name': <'applied'>, 'netns': <handle 0>}),
      ('CreateVeth', {'namespace': <'applied'>, 'name': <'ap0'>, 'peer_namespace': <'applied'>,
                      'peer_name': <'ap1'>}),"
run_capture out apply_attach "$ops ('AddAddress', {'namespace': <'applied'>, 'link': <'nosuch'>,
                                                  'address': <'10.212.0.1/24'>})]" "@a{sv} {}"
assert_contains "$out" "$ERR.NotFound: operation 3 (AddAddress)" "the failed Apply"
assert_unchanged "by_ip" "the failed Apply" ""
assert_not_contains "$(in_ns "$root_held" ip -br link)" "ap0" "the undone veth"
in_ns "$root_held" ip link show lo >/dev/null || fail "the process's namespace went"
out=$(apply_attach "$ops ('AddAddress', {'namespace': <'applied'>, 'link': <'ap0'>,
                                         'address': <'10.212.0.1/24'>})]" "@a{sv} {}")
assert_contains "$out" "objectpath '$(ns_path applied)'" "the Apply's results"
assert_contains "$(in_ns "$root_held" ip -br addr show ap0)" "10.212.0.1/24" "ap0 made by the Apply"
ip netns del applied
run_capture out apply_attach "[('AttachNamespace', {'name': <'t'>, 'netns': <handle 0>})]" \
    "{'topology': <'/etc/netnsd/topologies/t.netns'>}"
assert_contains "$out" "$ERR.NotSupported" "AttachNamespace in a topology's Apply"

if ! grep -q NETNSD_CRASH_AT "$NNS_BUILDDIR/service/netnsd"; then
    echo "netnsd was built without -Ddebug_hooks=true: no fail or crash points to test"
    ip netns del by_ip
    kill "$root_held" "$ip_held" "$alice_held" "$bob_held"
    echo "PASS"
    exit 0
fi

step "a bind that fails leaves nothing"
NETNSD_FAIL_AT=namespace-attach-bind restart_netnsd
run_capture out attach failing "/proc/$root_held/ns/net"
assert_contains "$out" "$ERR.Failed: failing at namespace-attach-bind" "the error"
assert_unchanged "by_ip" "the failed bind" ""
restart_netnsd

step "netnsd killed at each step of an attach: a restart finds it whole or not at all"
# crash_attach POINT WHO PID: an attach by WHO (root or nns-alice) of
# PID's namespace, with netnsd dying at POINT; then a netnsd again.
crash_attach() {
    NETNSD_CRASH_AT=$1 restart_netnsd
    if [[ $2 == root ]]; then
        run_capture out attach crashing "/proc/$3/ns/net"
    else
        run_capture out as_user "$2" attach crashing "/proc/$3/ns/net"
    fi
    [[ $status != 0 ]] || fail "the attach succeeded with netnsd dying at $1"
    wait_until 10 bash -c "! kill -0 $(cat "$NNS_RUN/netnsd.pid") 2>/dev/null"
    start_netnsd
}
# root's own, alice's by alice (both recorded), alice's by root (no owner).
for attach_case in "root $root_held" "nns-alice $alice_held" "root $alice_held"; do
    read -r who pid <<<"$attach_case"
    for point in namespace-intent-recorded namespace-file-created namespace-mounted; do
        crash_attach "$point" "$who" "$pid"
        assert_unchanged "by_ip" "a crash at $point ($who, $pid)" ""
    done
    # Past the last record: the attach happened whole, only its answer was lost.
    crash_attach namespace-recorded "$who" "$pid"
    assert_eq "$(ip netns identify "$pid")" "crashing" "a crash at namespace-recorded ($who, $pid)"
    assert_not_contains "$(cat /run/netnsd/namespaces/* 2>/dev/null)" "Creating=true" \
        "records after a crash at namespace-recorded"
    ip netns del crashing
    in_ns "$pid" ip link show lo >/dev/null || fail "process $pid lost its namespace"
done

ip netns del by_ip
kill "$root_held" "$ip_held" "$alice_held" "$bob_held"
echo "PASS"
