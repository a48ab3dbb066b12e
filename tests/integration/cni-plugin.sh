#!/bin/bash
# The CNI plugin driven as a runtime drives it (CNI_* in the environment,
# the configuration on stdin), for two containers: one whose namespace a
# process alone holds (/proc/PID/ns/net, as runc leaves it) and one that
# `ip netns add` named (as containerd and podman name theirs). The result
# has the specification's fields; the containers reach each other over
# the bridge, a mapped port reaches a server in one from the host, from
# an "outside" and from the other container, the masquerade lets them
# reach the outside; CHECK passes and then finds a removed address; DEL
# twice; the leases go; netnsctl shows the attached namespace only while
# it is attached (one name for a container on two networks, kept until
# the last goes), and the runtime's own namespace keeps its name.
source "$NNS_SRCDIR/tests/lib/testlib.sh"
source "$NNS_SRCDIR/tests/lib/nat.sh"
source "$NNS_SRCDIR/tests/lib/cni.sh"
trap 'whoami_stop; containers_stop' EXIT

CONF='{"cniVersion": "1.0.0", "name": "testnet", "type": "netnsd", "bridge": "cni-test0",
 "isGateway": true, "ipMasq": true,
 "ipam": {"type": "host-local", "subnet": "10.210.0.0/24", "routes": [{"dst": "0.0.0.0/0"}]},
 "dns": {"nameservers": ["10.210.0.1"], "search": ["test.example"]},
 "runtimeConfig": {"portMappings": [{"hostPort": 8080, "containerPort": 80, "protocol": "tcp"}]}}'
# B maps no port: a runtime passes portMappings for the containers that ask.
CONF_B=$("$PYTHON" -c 'import json, sys; c = json.loads(sys.argv[1]); del c["runtimeConfig"]; print(json.dumps(c))' "$CONF")
ID_A=4f1c2a9d0e5b7c3a8f6d1e2b9c0a7d5e3f1b8c6a4d2e0f9b7c5a3d1e8f6b4c2a
ID_B=b0b0cafe
NS_B=cni-1b4e28ba-2fa1-11d2-883f-0016d3cca427
nat_outside

step "VERSION and STATUS"
cni_ok VERSION "" "" "" '{"cniVersion": "1.0.0"}'
assert_eq "$(result_get 'd["cniVersion"]')" "1.0.0" "VERSION's cniVersion, as asked"
assert_eq "$(result_get '" ".join(d["supportedVersions"])')" "0.3.0 0.3.1 0.4.0 1.0.0 1.1.0" "supportedVersions"
cni_ok STATUS "" "" "" "$(sed 's/"1.0.0"/"1.1.0"/' <<<"$CONF")"
assert_eq "$CNI_OUT" "" "STATUS's output when netnsd answers"

step "ADD: a container whose namespace only a process holds"
container_start PID_A
cni_ok ADD "$ID_A" "/proc/$PID_A/ns/net" eth0 "$CONF"
RESULT_A=$CNI_OUT
echo "$RESULT_A"
assert_eq "$(result_get 'd["cniVersion"]')" "1.0.0" "the result's cniVersion"
assert_eq "$(result_get '[i["name"] for i in d["interfaces"]][0::2]')" "['cni-test0', 'eth0']" \
    "the bridge and the container's interface"
host_veth=$(result_get 'd["interfaces"][1]["name"]')
assert_contains "$host_veth" "veth" "the host end's name"
assert_eq "$(result_get '[i.get("sandbox", "") for i in d["interfaces"]]')" "['', '', '/proc/$PID_A/ns/net']" \
    "sandbox: CNI_NETNS for the container's interface only"
assert_eq "$(result_get 'd["ips"]')" "[{'address': '10.210.0.2/24', 'gateway': '10.210.0.1', 'interface': 2}]" \
    "ips: the first address of the subnet after the gateway, on interface 2"
assert_eq "$(result_get 'd["routes"]')" "[{'dst': '0.0.0.0/0'}]" "routes: ipam.routes, as given"
assert_eq "$(result_get 'd["dns"]')" "{'nameservers': ['10.210.0.1'], 'search': ['test.example']}" "dns, passed through"
assert_eq "$(result_get 'd["interfaces"][2]["mac"]')" \
    "$(in_container "$PID_A" ip -br link show eth0 | awk '{print $3}')" "the container interface's MAC"
assert_eq "$(result_get 'd["interfaces"][0]["mac"]')" "$(ip -br link show cni-test0 | awk '{print $3}')" "the bridge's MAC"
assert_eq "$(result_get 'd["interfaces"][1]["mac"]')" "$(ip -br link show "$host_veth" | awk '{print $3}')" "the host end's MAC"
assert_eq "$(in_container "$PID_A" ip -br -4 addr show eth0 | awk '{print $2, $3}')" "UP 10.210.0.2/24" \
    "eth0 inside, up, with its address"
assert_eq "$(in_container "$PID_A" ip route show default)" "default via 10.210.0.1 dev eth0 proto static " \
    "the container's default route"
assert_eq "$(ip -br -4 addr show cni-test0 | awk '{print $3}')" "10.210.0.1/24" "the bridge holds the gateway"
assert_eq "$(ip -o link show "$host_veth" | grep -o 'master [^ ]*')" "master cni-test0" "the host end is a port of the bridge"
short_a=cni-${ID_A:0:12}
assert_eq "$(netns_names)" "$short_a outside " "ip netns list: the attached namespace, named after the container"
assert_contains "$("$NETNSCTL" list)" "$short_a" "netnsctl list"
assert_eq "$(ns_property "$short_a" Links)" "as 2 \"eth0\" \"lo\"" "its namespace object's links"
assert_eq "$(stat -L -c %i "/run/netns/$short_a")" "$(stat -L -c %i "/proc/$PID_A/ns/net")" \
    "the name is the container's namespace"
assert_eq "$(leases testnet)" "$ID_A/eth0 10.210.0.2/24" "netnsd's lease"

step "ADD: a container whose namespace the runtime named (ip netns add)"
ip netns add "$NS_B"
cni_ok ADD "$ID_B" "/run/netns/$NS_B" eth0 "$CONF_B"
RESULT_B=$CNI_OUT
assert_eq "$(address_of "$RESULT_B")" "10.210.0.3" "B's address: the next one"
assert_eq "$(result_get 'd["interfaces"][2]["sandbox"]')" "/run/netns/$NS_B" "B's sandbox"
assert_eq "$(netns_names)" "$NS_B $short_a outside " "no second name for B's namespace"
assert_eq "$(ip -n "$NS_B" -br -4 addr show eth0 | awk '{print $3}')" "10.210.0.3/24" "B's eth0"

step "the containers reach each other over the bridge"
in_container "$PID_A" ping -c 1 -W 5 10.210.0.3 >/dev/null || fail "A does not reach B"
ip netns exec "$NS_B" ping -c 1 -W 5 10.210.0.2 >/dev/null || fail "B does not reach A"
echo "  A <-> B: ping answered"

step "the mapped port reaches A's server from outside, the host and B"
container_whoami "$PID_A" 80
assert_eq "$(get outside http://10.99.0.1:8080/)" "client 10.99.0.2" "outside to the host's 8080 (the client's own address kept)"
assert_eq "$(get "" http://10.99.0.1:8080/)" "client 10.99.0.1" "the host to its own address"
assert_eq "$(get "" http://127.0.0.1:8080/)" "client 10.210.0.1" "the host to 127.0.0.1"
assert_eq "$(get "$NS_B" http://10.210.0.1:8080/)" "client 10.210.0.3" "B to the gateway's 8080"

step "the masquerade: the containers reach outside as the host"
whoami_start outside 80
assert_eq "$(in_container "$PID_A" curl --silent --max-time 5 http://10.99.0.2/)" "client 10.99.0.1" "A to outside"
assert_eq "$(get "$NS_B" http://10.99.0.2/)" "client 10.99.0.1" "B to outside"
assert_contains "$(nft_table "")" "ip saddr 10.210.0.0/24 ip daddr != 10.210.0.0/24 masquerade" \
    "one masquerade of the network's subnet"

step "CHECK passes, then finds a removed address"
cni_ok CHECK "$ID_A" "/proc/$PID_A/ns/net" eth0 "$(with_prev "$CONF" "$RESULT_A")"
assert_eq "$CNI_OUT" "" "CHECK prints nothing when all is well"
expect_cni_error 7 CHECK "$ID_A" "/proc/$PID_A/ns/net" eth0 "$CONF"
ip -n "$short_a" addr del 10.210.0.2/24 dev eth0
expect_cni_error 999 CHECK "$ID_A" "/proc/$PID_A/ns/net" eth0 "$(with_prev "$CONF" "$RESULT_A")"
assert_contains "$CNI_OUT" "eth0 in /proc/$PID_A/ns/net lacks its address 10.210.0.2/24" "CHECK's details"
ip -n "$short_a" addr add 10.210.0.2/24 dev eth0
ip -n "$short_a" route add default via 10.210.0.1
cni_ok CHECK "$ID_A" "/proc/$PID_A/ns/net" eth0 "$(with_prev "$CONF" "$RESULT_A")"
ip -n "$short_a" route del default
expect_cni_error 999 CHECK "$ID_A" "/proc/$PID_A/ns/net" eth0 "$(with_prev "$CONF" "$RESULT_A")"
assert_contains "$CNI_OUT" "has no route to 0.0.0.0/0" "CHECK's details"
ip -n "$short_a" route add default via 10.210.0.1

step "DEL, twice: the veth, the forward, the name and the lease go; the namespace lives on"
whoami_stop
cni_ok DEL "$ID_A" "/proc/$PID_A/ns/net" eth0 "$(with_prev "$CONF" "$RESULT_A")"
cni_ok DEL "$ID_A" "/proc/$PID_A/ns/net" eth0 "$(with_prev "$CONF" "$RESULT_A")"
echo "  two DELs succeeded"
ip link show "$host_veth" >/dev/null 2>&1 && fail "$host_veth is still there"
assert_eq "$(in_container "$PID_A" ip -br link | awk '{print $1}')" "lo" "A's namespace, still there, has only lo"
assert_eq "$(netns_names)" "$NS_B outside " "ip netns list after A's DEL"
assert_not_contains "$("$NETNSCTL" list)" "$short_a" "netnsctl list after A's DEL"
assert_eq "$(leases testnet)" "$ID_B/eth0 10.210.0.3/24" "the leases after A's DEL"
assert_not_contains "$(ns_gdbus ListPortForwards "")" "8080" "the port forward after A's DEL"
assert_contains "$(nft_table "")" "masquerade" "the masquerade stays while B uses it"

step "DEL of B: the runtime's name stays, and so does nothing else"
cni_ok DEL "$ID_B" "/run/netns/$NS_B" eth0 "$CONF_B"
assert_eq "$(netns_names)" "$NS_B outside " "B's own name after its DEL"
assert_eq "$(ip -n "$NS_B" -br link | awk '{print $1}')" "lo" "B's namespace has only lo"
assert_eq "$(leases testnet)" "" "no lease left"
assert_eq "$(nft_table "")" "none" "no masquerade left: netnsd's table is gone"
ip netns del "$NS_B"

step "a DEL without a namespace (the container went first) succeeds"
container_start PID_C
cni_ok ADD c0ffee "/proc/$PID_C/ns/net" eth0 "$CONF_B"
RESULT_C=$CNI_OUT
kill "$PID_C"
wait "$PID_C" 2>/dev/null || true
# The name the plugin gave holds the namespace: the veth is still there.
assert_eq "$(ip -n cni-c0ffee -br link | awk '{sub("@.*", "", $1); print $1}' | sort | tr '\n' ' ')" "eth0 lo " \
    "the namespace, held by its name"
cni_ok DEL c0ffee "" eth0 "$CONF_B"
assert_eq "$(netns_names)" "outside " "the name goes with the DEL"
assert_eq "$(leases testnet)" "" "and the lease"
assert_eq "$(ip -br link | grep -c '^veth' || true)" "0" "no veth left on the host"

step "one container on two networks: one name, which goes with the last"
# A second network gives no default route: the first has (as with the
# bridge plugin, a container's second default route fails the ADD).
CONF2='{"cniVersion": "1.0.0", "name": "testnet2", "bridge": "cni-test1", "isDefaultGateway": false,
 "ipam": {"subnet": "10.220.0.0/24"}}'
container_start PID_D
cni_ok ADD d00d "/proc/$PID_D/ns/net" eth0 "$CONF_B"
cni_ok ADD d00d "/proc/$PID_D/ns/net" net1 "$CONF2"
assert_eq "$(address_of "$CNI_OUT")" "10.220.0.2" "net1's address, from the second network"
assert_eq "$(netns_names)" "cni-d00d outside " "one name for the container's namespace"
assert_eq "$(ns_property cni-d00d Links)" 'as 3 "eth0" "lo" "net1"' "both interfaces in it"
cni_ok DEL d00d "/proc/$PID_D/ns/net" eth0 "$CONF_B"
assert_eq "$(netns_names)" "cni-d00d outside " "the name stays while net1 is there"
assert_eq "$(ns_property cni-d00d Links)" 'as 2 "lo" "net1"' "eth0 gone, net1 kept"
assert_eq "$(leases testnet2)" "d00d/net1 10.220.0.2/24" "net1's lease kept"
cni_ok DEL d00d "/proc/$PID_D/ns/net" net1 "$CONF2"
assert_eq "$(netns_names)" "outside " "the name goes with the last network"
assert_eq "$(leases testnet)$(leases testnet2)" "" "no lease left"

step "the address and MAC a runtime asks for (CNI_ARGS IP= and MAC=, as podman's --ip and --mac-address)"
container_start PID_E
cni_ok ADD e1 "/proc/$PID_E/ns/net" eth0 "$CONF_B" "IgnoreUnknown=1;K8S_POD_NAME=e1;IP=10.210.0.77;MAC=02:42:0a:d2:00:4d"
assert_eq "$(result_get 'd["ips"][0]["address"]')" "10.210.0.77/24" "the address asked for"
assert_eq "$(result_get 'd["interfaces"][2]["mac"]')" "02:42:0a:d2:00:4d" "the MAC asked for, in the result"
assert_eq "$(in_container "$PID_E" ip -br link show eth0 | awk '{print $3}')" "02:42:0a:d2:00:4d" "and on eth0"
container_start PID_F
expect_cni_error 999 ADD f1 "/proc/$PID_F/ns/net" eth0 "$CONF_B" "IP=10.210.0.77"
assert_contains "$CNI_OUT" "leased to 'e1/eth0' already" "an address leased to another: who holds it"
expect_cni_error 7 ADD f1 "/proc/$PID_F/ns/net" eth0 "$CONF_B" "IP=10.9.9.9"
assert_contains "$CNI_OUT" "10.9.9.9, is in no range of network testnet" "an address outside the network"
cni_ok DEL e1 "/proc/$PID_E/ns/net" eth0 "$CONF_B"
assert_eq "$(leases testnet)" "" "no lease left"

step "a gateway without a masquerade turns the host's forwarding on, as the bridge plugin does"
assert_eq "$(sysctl -n net.ipv4.ip_forward)" "0" "the host's forwarding, put back as the last masquerade went"
container_start PID_G
cni_ok ADD g1 "/proc/$PID_G/ns/net" eth0 "$CONF2"
assert_eq "$(sysctl -n net.ipv4.ip_forward)" "1" "the host's forwarding with a gateway of testnet2's"
cni_ok DEL g1 "/proc/$PID_G/ns/net" eth0 "$CONF2"
assert_eq "$(sysctl -n net.ipv4.ip_forward)" "1" "and after its DEL (the bridge plugin leaves it on too)"
