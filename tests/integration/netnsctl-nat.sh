#!/bin/bash
# netnsctl in ip(8) words for what reaches out and in: link add ... type
# bridge|macvlan|vxlan|..., link set DEV master BR|nomaster, nat
# add|del|show, forward add|del|show, and connect: one command that joins
# a namespace to the host, masqueraded and forwarded, so that a program
# inside reaches a server outside at once.
source "$NNS_SRCDIR/tests/lib/testlib.sh"
source "$NNS_SRCDIR/tests/lib/nat.sh"
trap whoami_stop EXIT

ctl() { "$NETNSCTL" "$@"; }

step "link add of other kinds, in ip's words"
ctl add red
ctl -n red link add br0 type bridge stp_state 1
assert_contains "$(ip -n red -d link show br0)" "stp_state 1" "br0 from netnsctl"
ctl link add -n red p0 up type veth peer p1
ctl -n red link add link p0 name mv0 type macvlan mode bridge
assert_contains "$(ip -n red -d link show mv0)" "mv0@p0" "mv0's parent"
assert_contains "$(ip -n red -d link show mv0)" "macvlan mode bridge" "mv0's mode"
ctl -n red link add vx0 mtu 1400 type vxlan id 42 remote 10.1.1.1 local 10.1.1.2 dstport 4790 dev p0
assert_contains "$(ip -n red -d link show vx0)" "vxlan id 42 remote 10.1.1.1 local 10.1.1.2 dev p0" "vx0"
assert_contains "$(ip -n red -d link show vx0)" "dstport 4790" "vx0's port"
assert_contains "$(ip -n red link show vx0)" "mtu 1400" "vx0's MTU"
status=0
ip -n red link add probe0 type dummy 2>/dev/null || status=$?
if [[ $status == 0 ]]; then
    ip -n red link del probe0
    expect_exit 0 ctl -n red link add d0 type dummy
else
    expect_exit 8 ctl -n red link add d0 type dummy
fi
expect_exit 6 ctl -n red link add x0 type banana
expect_exit 2 ctl -n red link add x0 type bridge mode bridge
expect_exit 2 ctl -n red link add x0 type bridge stp_state 2
expect_exit 2 ctl -n red link add x0 type vxlan id 1 dstport 70000
expect_exit 2 ctl -n red link add link p0 x0 type veth peer x1

step "link set master and nomaster"
ctl -n red link set p1 master br0
assert_contains "$(ip -n red link show p1)" "master br0" "p1 in br0"
assert_contains "$(ctl -n red link show p1)" "br0" "link show's MASTER"
assert_eq "$(ctl --json -n red link show p1 | json_get 'd[0]["master"]')" "br0" "link show --json"
expect_exit 6 ctl -n red link set p1 master mv0
ctl -n red link set p1 nomaster
assert_not_contains "$(ip -n red link show p1)" "master" "p1 after nomaster"
ctl delete red

step "connect: veth, addresses, default route, NAT and a forward, in one go"
nat_outside
wait_for_ipv6 outside
ctl add blue
out=$(ctl connect blue --nat --forward tcp:8080:80)
echo "  $out"
assert_contains "$out" "blue: eth0 10.200.0.2/30, default via 10.200.0.1 (ve-blue 10.200.0.1/30 in the host)" "what connect says"
assert_contains "$(ip -n blue -br addr show eth0)" "10.200.0.2/30" "blue's eth0"
assert_contains "$(ip -br addr show ve-blue)" "10.200.0.1/30" "the host's ve-blue"
assert_contains "$(ip -n blue route show default)" "default via 10.200.0.1 dev eth0" "blue's default route"
whoami_start outside 80
whoami_start blue 80
assert_eq "$(ctl exec blue -- curl --silent --max-time 3 http://10.99.0.2/)" "client 10.99.0.1" \
    "a program in blue, reaching outside"
assert_eq "$(get outside http://10.99.0.1:8080/)" "client 10.99.0.2" "outside, reaching blue's server"

step "nat show and forward show"
assert_contains "$(ctl nat show)" "10.200.0.0/30" "nat show"
assert_eq "$(ctl --json nat show | json_get 'd[0]["source"]')" "10.200.0.0/30" "nat show --json"
shown=$(ctl forward show)
echo "$shown" | sed 's/^/  /'
assert_contains "$shown" "tcp   8080  (any)" "forward show"
assert_contains "$shown" "10.200.0.2:80" "forward show's target"
assert_eq "$(ctl --json forward show | json_get 'd[0]["port"]')" "8080" "forward show --json"

step "a second namespace gets the next free /30"
ctl add green
ctl --json connect green | json_get 'd["network"]' > "$NNS_RUN/green-net"
assert_eq "$(cat "$NNS_RUN/green-net")" "10.200.0.4/30" "green's network"
assert_contains "$(ip -n green -br addr show eth0)" "10.200.0.6/30" "green's eth0"
assert_not_contains "$(ctl nat show)" "10.200.0.4/30" "green without --nat is not masqueraded"
ctl add cyan
ctl connect cyan --subnet 10.210.0.0/24 >/dev/null
assert_contains "$(ip -n cyan -br addr show eth0)" "10.210.0.2/30" "cyan's eth0, from its --subnet"
expect_exit 5 ctl connect cyan
expect_exit 4 ctl connect nosuch
expect_exit 6 ctl connect magenta --subnet 10.210.0.0/31
expect_exit 6 ctl connect magenta --subnet fd00::/64
expect_exit 6 ctl connect magenta --forward tcp:80
expect_exit 6 ctl connect magenta --forward tcp:80:70000
before=$(net_state blue green cyan)
ctl add magenta
expect_exit 6 ctl connect magenta --nat --forward sctp:80:80
assert_eq "$(net_state blue green cyan)" "$before" "after the failed connect"
assert_eq "$(ip -n magenta -br link show eth0 2>&1)" 'Device "eth0" does not exist.' "magenta's eth0"

step "nat and forward add, del, and their bad input"
ctl nat add 10.200.0.4/30 dev up0
assert_contains "$(ctl nat show)" "10.200.0.4/30                               up0" "nat add with dev"
assert_eq "$(ctl exec green -- curl --silent --max-time 3 http://10.99.0.2/)" "client 10.99.0.1" "green, masqueraded"
ctl nat del 10.200.0.4/30 dev up0
expect_exit 4 ctl nat del 10.200.0.4/30
ctl forward add udp 5300 10.200.0.2:80 nolocal
assert_eq "$(udp outside 10.99.0.1 5300)" "client 10.99.0.2" "a UDP forward from netnsctl"
assert_contains "$(ctl forward show)" "udp   5300" "forward show"
ctl forward add tcp 8081 10.200.0.6:80 address 10.99.0.1
assert_contains "$(ctl forward show)" "10.99.0.1" "forward show of an address"
ctl forward del tcp 8081 address 10.99.0.1
ctl forward del udp 5300
expect_exit 4 ctl forward del udp 5300
expect_exit 6 ctl forward add tcp 70000 10.200.0.2:80
expect_exit 6 ctl forward add tcp 0 10.200.0.2:80
expect_exit 6 ctl forward add sctp 8082 10.200.0.2:80
expect_exit 6 ctl forward add tcp 8082 10.200.0.2
expect_exit 6 ctl nat add 10.200.0.5
expect_exit 5 ctl forward add tcp 8080 10.200.0.6:80
expect_exit 2 ctl forward add tcp
expect_exit 2 ctl nat add 10.200.0.4/30 via up0

step "nat and forward in a batch, all or none"
cat > "$NNS_RUN/rules.batch" <<'BATCH'
nat add 10.200.0.4/30
forward add tcp 8090 10.200.0.6:80
-n green forward add tcp 9000 10.200.0.5:80
BATCH
ctl -batch "$NNS_RUN/rules.batch"
assert_contains "$(ctl nat show)" "10.200.0.4/30" "the batch's masquerade"
assert_contains "$(ctl -n green forward show)" "9000" "the batch's forward in green"
echo "forward add tcp 8091 10.200.0.6:80
nat add 10.200.0.4/30" > "$NNS_RUN/bad.batch"
expect_exit 5 ctl -batch "$NNS_RUN/bad.batch"
assert_not_contains "$(ctl forward show)" "8091" "the failed batch's forward"
expect_exit 2 ctl -batch <(echo "connect magenta")
echo "PASS"
