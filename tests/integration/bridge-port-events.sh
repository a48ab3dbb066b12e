#!/bin/bash
# The kernel tells of a port joining or leaving a bridge with link messages
# of the AF_BRIDGE family. They are not links: a host link that leaves a
# bridge keeps its recorded owner (its user keeps control of it under the
# example rule), and a namespace's Links names each port once.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

allow_rule nobody 'subject.user == "nobody" &&
    (action.id == "org.example.netns.manage" ||
     (action.id == "org.example.netns.host" && action.lookup("owner-user") == "nobody"))'
wait_until 5 as_user nobody "$NETNSCTL" add mine

step "a host end that nobody made, into a bridge and out again"
as_user nobody ns_gdbus CreateVeth mine inside "" nobody0 '{}' >/dev/null
ip link add br0 type bridge
ip link set nobody0 master br0
ip link set nobody0 nomaster
ip link del br0
run_capture out as_user nobody ns_gdbus SetLink "" nobody0 "{'mtu': <uint32 1400>}"
assert_eq "$status" "0" "nobody's SetLink of its host link after it left a bridge: $out"
assert_contains "$(ip link show nobody0)" "mtu 1400" "ip link show"

step "ports of a bridge inside a namespace are listed once"
ns_call CreateNamespace 'sa{sv}' lab 0 >/dev/null
ip -n lab link add br1 type bridge
ip -n lab link add p1 type veth peer name p2
ip -n lab link set p1 master br1
ip -n lab link set p2 master br1
ip -n lab link set br1 up
ip -n lab link set p1 up
wait_until 5 bash -c "busctl --system get-property $BUS_NAME $(ns_path lab) $NS_IFACE Links | grep -q p2"
links=$(ns_property lab Links)
assert_eq "$links" 'as 4 "br1" "lo" "p1" "p2"' "Links of lab"
assert_eq "$("$NETNSCTL" --json link show -n lab | "$PYTHON" -c 'import json,sys; print(sorted(l["name"] for l in json.load(sys.stdin)))')" \
    "['br1', 'lo', 'p1', 'p2']" "ListLinks of lab"
ip -n lab link set p1 nomaster
sleep 0.3
assert_eq "$(ns_property lab Links)" 'as 4 "br1" "lo" "p1" "p2"' "Links after p1 left the bridge"
echo "PASS"
