#!/bin/bash
# A /run/netns entry that names netnsd's own namespace (`ip netns attach
# NAME 1`) is the host under another name: its Links are the host's, kept
# current, and netnsd gives it no namespace id (which would make the host
# its own peer).
source "$NNS_SRCDIR/tests/lib/testlib.sh"

ip netns attach self 1
wait_until 5 bash -c "busctl --system call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE ListNamespaces | grep -q self"

step "its Links are the host's"
ip link add hostside type veth peer name hostpeer
wait_until 5 bash -c "busctl --system get-property $BUS_NAME $(ns_path self) $NS_IFACE Links | grep -q hostside"
assert_eq "$(ns_property self Links)" 'as 3 "hostpeer" "hostside" "lo"' "Links of self"
ip link del hostside
wait_until 5 bash -c "! busctl --system get-property $BUS_NAME $(ns_path self) $NS_IFACE Links | grep -q hostside"

step "no namespace id"
assert_eq "$(ip netns list)" "self" "ip netns list"
assert_eq "$(ip netns list-id)" "" "ip netns list-id"

step "ListLinks of it is the host's"
assert_contains "$("$NETNSCTL" link show -n self)" "lo" "netnsctl link show -n self"
ip netns del self
echo "PASS"
