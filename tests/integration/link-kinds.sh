#!/bin/bash
# CreateLink and SetLink's master: bridges, macvlan and vxlan links made
# with what was asked for, as `ip -d link` shows them; kinds the kernel
# lacks refused as NotSupported with the kernel's own reason; two
# namespaces joined by a bridge reach each other, and no longer once a
# port leaves it; bad input refused with nothing changed; Apply undoes
# both exactly; joining a bridge or building on a parent is authorized
# for the bridge and the parent too.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

bad() {   # EXPECTED_ERROR MESSAGE_FRAGMENT METHOD ARGS...
    local expected=$1 fragment=$2; shift 2
    local out
    run_capture out ns_gdbus "$@"
    [[ $status != 0 ]] || fail "$* succeeded"
    assert_contains "$out" "$ERR.$expected" "$*"
    assert_contains "$out" "$fragment" "message of $*"
    echo "  $expected: ${out##*$ERR.$expected: }"
}

ns_call CreateNamespace 'sa{sv}' red 0 >/dev/null
ns_gdbus CreateVeth red p0 red p1 "{'up': <true>}" >/dev/null

step "a bridge with its MTU, address, state and STP"
ns_gdbus CreateLink red br0 bridge "{'up': <true>, 'stp': <true>, 'mtu': <uint32 1400>,
                                     'address': <'02:00:00:00:0b:01'>}" >/dev/null
details=$(ip -n red -d link show br0)
assert_contains "$details" "mtu 1400" "br0's MTU"
assert_contains "$details" "link/ether 02:00:00:00:0b:01" "br0's address"
assert_contains "$details" ",UP" "br0 up"
assert_contains "$details" "bridge forward_delay" "br0's kind"
assert_contains "$details" "stp_state 1" "br0's STP"
ns_gdbus CreateLink red br1 bridge "{}" >/dev/null
assert_contains "$(ip -n red -d link show br1)" "stp_state 0" "br1's STP, by default"
assert_not_contains "$(ip -n red link show br1)" ",UP" "br1 down, by default"
assert_contains "$(ns_call ListLinks s red)" '"kind" s "bridge"' "ListLinks' kind"

step "a macvlan on a parent, in the mode asked for"
ns_gdbus CreateLink red mv0 macvlan "{'parent': <'p0'>, 'mode': <'bridge'>}" >/dev/null
assert_contains "$(ip -n red -d link show mv0)" "mv0@p0" "mv0's parent"
assert_contains "$(ip -n red -d link show mv0)" "macvlan mode bridge" "mv0's mode"
ns_gdbus CreateLink red mv1 macvlan "{'parent': <'p0'>, 'mode': <'private'>}" >/dev/null
assert_contains "$(ip -n red -d link show mv1)" "macvlan mode private" "mv1's mode"

step "a vxlan link with its VNI, peers, port and parent"
ns_gdbus CreateLink red vx0 vxlan "{'id': <uint32 42>, 'remote': <'10.1.1.1'>, 'local': <'10.1.1.2'>,
                                    'parent': <'p0'>}" >/dev/null
assert_contains "$(ip -n red -d link show vx0)" "vxlan id 42 remote 10.1.1.1 local 10.1.1.2 dev p0" "vx0"
assert_contains "$(ip -n red -d link show vx0)" "dstport 4789" "vx0's default port"
ns_gdbus CreateLink red vx1 vxlan "{'id': <uint32 7>, 'group': <'239.1.1.1'>, 'parent': <'p0'>,
                                    'port': <uint16 8472>}" >/dev/null
assert_contains "$(ip -n red -d link show vx1)" "vxlan id 7 group 239.1.1.1 dev p0" "vx1"
assert_contains "$(ip -n red -d link show vx1)" "dstport 8472" "vx1's port"
ns_gdbus CreateLink red vx6 vxlan "{'id': <uint32 8>, 'remote': <'fd00::1'>}" >/dev/null
assert_contains "$(ip -n red -d link show vx6)" "vxlan id 8 remote fd00::1" "vx6"

step "every other kind: made where the kernel has it, else NotSupported with the kernel's reason"
ip netns add probe
ip -n probe link add q0 type veth peer name q1
# kind OPTIONS IP_ARGS
check_kind() {
    local kind=$1 options=$2; shift 2
    local ip_out ip_status out
    ip_status=0
    ip_out=$(ip -n probe link add "$@" 2>&1) || ip_status=$?
    run_capture out ns_gdbus CreateLink red "k$kind" "$kind" "$options"
    if [[ $ip_status == 0 ]]; then
        [[ $status == 0 ]] || fail "ip made a $kind link, netnsd did not: $out"
        assert_contains "$(ip -n red -d link show "k$kind")" "$kind" "the $kind link"
        echo "  $kind: made"
    else
        assert_contains "$ip_out" "Unknown device type" "ip's answer for $kind"
        [[ $status != 0 ]] || fail "netnsd made a $kind link the kernel lacks"
        assert_contains "$out" "$ERR.NotSupported: cannot create $kind link 'k$kind' in namespace 'red': Unknown device type" "the error for $kind"
        echo "  $kind: NotSupported (${out##*: })"
    fi
}
check_kind dummy "{}" x0 type dummy
check_kind vlan "{'parent': <'p0'>, 'id': <uint32 5>}" x0 link q0 type vlan id 5
check_kind ipvlan "{'parent': <'p0'>, 'mode': <'l2'>}" x0 link q0 type ipvlan mode l2
check_kind wireguard "{}" x0 type wireguard
check_kind vrf "{'table': <uint32 10>}" x0 type vrf table 10
ip netns del probe

step "bad input changes nothing"
before=$(net_state red)
bad InvalidArgument "link kind 'banana' is not one netnsd creates; it creates bridge, dummy, macvlan, ipvlan, vlan, vxlan, vrf, wireguard" \
    CreateLink red x0 banana '{}'
bad InvalidArgument "veth pairs are made with CreateVeth" CreateLink red x0 veth '{}'
bad InvalidArgument "macvlan link: unknown option 'stp'" CreateLink red x0 macvlan "{'parent': <'p0'>, 'stp': <true>}"
bad InvalidArgument "bridge link: unknown option 'parent'" CreateLink red x0 bridge "{'parent': <'p0'>}"
bad InvalidArgument "macvlan links need the option 'parent'" CreateLink red x0 macvlan '{}'
bad InvalidArgument "macvlan mode 'loud' is not one of private, vepa, bridge, passthru" \
    CreateLink red x0 macvlan "{'parent': <'p0'>, 'mode': <'loud'>}"
bad InvalidArgument "vxlan links need the option 'id'" CreateLink red x0 vxlan '{}'
bad InvalidArgument "vxlan id 16777216 is out of range" CreateLink red x0 vxlan "{'id': <uint32 16777216>}"
bad InvalidArgument "vxlan port 0 is out of range" CreateLink red x0 vxlan "{'id': <uint32 1>, 'port': <uint16 0>}"
bad InvalidArgument "takes 'remote' or 'group', not both" \
    CreateLink red x0 vxlan "{'id': <uint32 1>, 'remote': <'10.0.0.1'>, 'group': <'239.0.0.1'>}"
bad InvalidArgument "group '10.0.0.1' is not a multicast address" \
    CreateLink red x0 vxlan "{'id': <uint32 1>, 'group': <'10.0.0.1'>, 'parent': <'p0'>}"
bad InvalidArgument "remote '239.0.0.1' is a multicast address; give it as 'group'" \
    CreateLink red x0 vxlan "{'id': <uint32 1>, 'remote': <'239.0.0.1'>}"
bad InvalidArgument "a vxlan link with a group needs the option 'parent'" \
    CreateLink red x0 vxlan "{'id': <uint32 1>, 'group': <'239.0.0.1'>}"
bad InvalidArgument "mixes IPv4 and IPv6" CreateLink red x0 vxlan "{'id': <uint32 1>, 'remote': <'10.0.0.1'>, 'local': <'fd00::1'>}"
bad InvalidArgument "remote '10.0.0.1/24' must be a plain address" CreateLink red x0 vxlan "{'id': <uint32 1>, 'remote': <'10.0.0.1/24'>}"
bad InvalidArgument "option 'port' must be of type 'q', not 'u'" CreateLink red x0 vxlan "{'id': <uint32 1>, 'port': <uint32 4789>}"
bad InvalidArgument "vrf table 0 is out of range" CreateLink red x0 vrf "{'table': <uint32 0>}"
bad InvalidArgument "vlan id 4095 is out of range" CreateLink red x0 vlan "{'parent': <'p0'>, 'id': <uint32 4095>}"
bad InvalidArgument "vlan protocol '802.1x' is not one of 802.1Q, 802.1ad" \
    CreateLink red x0 vlan "{'parent': <'p0'>, 'id': <uint32 5>, 'protocol': <'802.1x'>}"
bad InvalidArgument "link 'x0' cannot be its own parent" CreateLink red x0 macvlan "{'parent': <'x0'>}"
bad InvalidArgument "MTU 0 is out of range" CreateLink red x0 bridge "{'mtu': <uint32 0>}"
bad InvalidArgument "is a multicast address" CreateLink red x0 bridge "{'address': <'01:00:5e:00:00:01'>}"
bad InvalidArgument "link name 'a b' contains a space" CreateLink red 'a b' bridge '{}'
bad NotFound "link 'nosuch' not found in namespace 'red'" CreateLink red x0 macvlan "{'parent': <'nosuch'>}"
bad NotFound "namespace 'blue' not found" CreateLink blue x0 bridge '{}'
bad Exists "link 'br0' already exists in namespace 'red'" CreateLink red br0 bridge '{}'
bad NotFound "link 'nosuch' not found in namespace 'red'" SetLink red p1 "{'master': <'nosuch'>}"
bad InvalidArgument "link 'mv0' in namespace 'red' is not a bridge" SetLink red p1 "{'master': <'mv0'>}"
bad InvalidArgument "link 'p1' cannot be a port of itself" SetLink red p1 "{'master': <'p1'>}"
bad InvalidArgument "option 'master' must be of type 's', not 'b'" SetLink red p1 "{'master': <true>}"
assert_eq "$(net_state red)" "$before" "red after the bad calls"

step "two namespaces on a bridge reach each other"
for ns in a b sw; do ns_call CreateNamespace 'sa{sv}' $ns 0 >/dev/null; done
ns_gdbus CreateLink sw sw0 bridge "{'up': <true>}" >/dev/null
ns_gdbus CreateVeth a eth0 sw pa "{'up': <true>}" >/dev/null
ns_gdbus CreateVeth b eth0 sw pb "{'up': <true>}" >/dev/null
ns_gdbus AddAddress a eth0 10.50.0.1/24 '{}' >/dev/null
ns_gdbus AddAddress b eth0 10.50.0.2/24 '{}' >/dev/null
tcp_exchange() {   # FROM TO_ADDRESS: one TCP exchange, from namespace FROM to b
    rm -f "$NNS_RUN/listening"
    ip netns exec b "$PYTHON" -c "
import socket
server = socket.create_server(('10.50.0.2', 7000))
server.settimeout(4)
open('$NNS_RUN/listening', 'w').close()
try:
    server.accept()[0].sendall(b'hello from b')
except OSError:
    pass" &
    local server=$!
    wait_until 5 test -e "$NNS_RUN/listening"
    ip netns exec "$1" "$PYTHON" -c "
import socket
print(socket.create_connection(('$2', 7000), 2).recv(64).decode())" 2>&1 || true
    wait "$server"
}
assert_not_contains "$(tcp_exchange a 10.50.0.2)" "hello from b" "a to b before the bridge has ports"
ns_gdbus SetLink sw pa "{'master': <'sw0'>}" >/dev/null
ns_gdbus SetLink sw pb "{'master': <'sw0'>}" >/dev/null
assert_contains "$(ip -n sw link show pa)" "master sw0" "pa in sw0"
assert_contains "$(ns_call ListLinks s sw)" '"name" s "pa" "index"' "ListLinks of sw"
"$PYTHON" -c "
import json, subprocess
links = json.loads(subprocess.run(['busctl', '--system', '--json=short', 'call', 'org.example.NetNs',
    '/org/example/NetNs', 'org.example.NetNs', 'ListLinks', 's', 'sw'], capture_output=True,
    check=True).stdout)['data'][0]
masters = {l['name']['data']: l['master']['data'] for l in links}
assert masters == {'lo': '', 'sw0': '', 'pa': 'sw0', 'pb': 'sw0'}, masters
print('  ListLinks masters:', masters)"
assert_eq "$(tcp_exchange a 10.50.0.2)" "hello from b" "a to b through the bridge"

step "a port taken out of the bridge is cut off"
ns_gdbus SetLink sw pa "{'master': <''>}" >/dev/null
assert_not_contains "$(ip -n sw link show pa)" "master" "pa after nomaster"
assert_not_contains "$(tcp_exchange a 10.50.0.2)" "hello from b" "a to b once pa left the bridge"
ns_gdbus SetLink sw pa "{'master': <'sw0'>}" >/dev/null

step "Apply takes CreateLink and master, and undoes both exactly"
before=$(net_state sw)
expect_error "$ERR.NotFound" ns_gdbus Apply "[
    ('CreateLink', {'namespace': <'sw'>, 'name': <'sw1'>, 'kind': <'bridge'>, 'options': <{'up': <true>}>}),
    ('SetLink', {'namespace': <'sw'>, 'name': <'pa'>, 'changes': <{'master': <'sw1'>}>}),
    ('SetLink', {'namespace': <'sw'>, 'name': <'pb'>, 'changes': <{'master': <''>}>}),
    ('AddAddress', {'namespace': <'sw'>, 'link': <'nosuch'>, 'address': <'10.0.0.1/8'>})]" '{}'
assert_eq "$(net_state sw)" "$before" "sw after the failed Apply"
assert_contains "$(ip -n sw link show pa)" "master sw0" "pa back in sw0"
assert_contains "$(ip -n sw link show pb)" "master sw0" "pb back in sw0"
[[ -z $(ip -n sw link show sw1 2>/dev/null) ]] || fail "sw1 left behind"
assert_eq "$(tcp_exchange a 10.50.0.2)" "hello from b" "a to b after the undone Apply"
ns_gdbus Apply "[
    ('CreateLink', {'namespace': <'sw'>, 'name': <'sw1'>, 'kind': <'bridge'>, 'options': <{'up': <true>}>}),
    ('SetLink', {'namespace': <'sw'>, 'name': <'pa'>, 'changes': <{'master': <'sw1'>}>})]" '{}' >/dev/null
assert_contains "$(ip -n sw link show pa)" "master sw1" "pa in the bridge the Apply made"

step "joining a bridge, or making a link on a parent, asks for the bridge and the parent too"
allow_rule links 'subject.user == "nns-alice" &&
    (action.id == "org.example.netns.manage" ||
     (action.id == "org.example.netns.host" && action.lookup("owner-user") == "nns-alice"))'
wait_until 5 as_user nns-alice ns_gdbus -i CreateLink "" abr0 bridge '{}'
as_user nns-alice ns_gdbus -i CreateVeth "" av0 "" av1 '{}' >/dev/null
as_user nns-alice ns_gdbus -i SetLink "" av0 "{'master': <'abr0'>}" >/dev/null
assert_contains "$(ip link show av0)" "master abr0" "alice's link in alice's bridge"
ip link add rootbr type bridge
ip link add uplink0 type veth peer name uplink1
expect_error "$ERR.NotAuthorized" as_user nns-alice ns_gdbus -i SetLink "" av1 "{'master': <'rootbr'>}"
assert_not_contains "$(ip link show av1)" "master" "av1 after the denied SetLink"
expect_error "$ERR.NotAuthorized" as_user nns-alice ns_gdbus -i CreateLink "" amv0 macvlan "{'parent': <'uplink0'>}"
[[ -z $(ip link show amv0 2>/dev/null) ]] || fail "amv0 made on root's link"
as_user nns-alice ns_gdbus -i CreateLink "" amv1 macvlan "{'parent': <'av1'>}" >/dev/null
assert_contains "$(ip link show amv1)" "amv1@av1" "alice's macvlan on alice's link"
remove_rule links
ip link del abr0
ip link del av0
ip link del rootbr
ip link del uplink0
echo "PASS"
