#!/bin/bash
# iproute2 interoperates both ways: what `ip netns add` makes shows in
# netnsd without a restart, and what netnsd makes works with `ip netns`.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

step "ip netns add -> netnsd shows it"
ip netns add from_ip
wait_until 5 bash -c "busctl --system call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE ListNamespaces | grep -q from_ip"
assert_eq "$(ns_property from_ip Owner)" "u 4294967295" "Owner of a namespace ip made: unknown"
assert_eq "$(ns_property from_ip Inode)" "t $(stat -L -c %i /run/netns/from_ip)" "Inode of a namespace ip made"

step "ip netns del -> netnsd drops it"
ip netns del from_ip
wait_until 5 bash -c "! busctl --system call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE ListNamespaces | grep -q from_ip"

step "netnsd creates -> ip netns exec works inside it"
ns_call CreateNamespace 'sa{sv}' from_netnsd 0 >/dev/null
ip netns exec from_netnsd ip link add veth_in type veth peer name veth_peer
links=$(ip -n from_netnsd -br link)
assert_contains "$links" "veth_in" "links made with ip netns exec"
assert_eq "$(ip netns identify $$)" "" "this shell stays in the host namespace"
assert_eq "$(ip netns exec from_netnsd ip netns identify)" "from_netnsd" "ip netns identify inside"

step "netnsd's namespace is a shared nsfs mount, as ip netns add makes it"
mount_line=$(grep ' /run/netns/from_netnsd ' /proc/self/mountinfo)
assert_contains "$mount_line" "nsfs" "mountinfo of the entry"
assert_contains "$(grep ' /run/netns ' /proc/self/mountinfo)" "shared:" "/run/netns propagation"

step "ip netns del removes what netnsd made; netnsd notices"
ip netns del from_netnsd
wait_until 5 bash -c "! busctl --system call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE ListNamespaces | grep -q from_netnsd"
assert_no_namespaces "ip netns del"

step "a name ip freed can be taken again by netnsd, and the reverse"
ip netns add again
wait_until 5 bash -c "busctl --system call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE ListNamespaces | grep -q again"
ns_call DeleteNamespace 'sa{sv}' again 0
ns_call CreateNamespace 'sa{sv}' again 0 >/dev/null
ns_call DeleteNamespace 'sa{sv}' again 0
ip netns add again
ip netns del again
wait_until 5 bash -c "[[ \$(busctl --system call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE ListNamespaces) == 'a(so) 0' ]]"
assert_no_namespaces "the round trips"
echo "PASS"
