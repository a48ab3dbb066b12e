#!/bin/bash
# netnsd's CNI plugin in a chain, run as libcni runs a conflist
# (tests/lib/libcni.py): Debian's loopback plugin before it, Debian's
# tuning plugin after it. ADD passes each result on as the next one's
# prevResult: netnsd's plugin adds its interfaces after loopback's (its
# ips pointing at the right one), tuning changes the container
# interface's MAC in the result it passes on; CHECK gives every plugin
# the final result, and netnsd's finds the MAC tuning set; DEL runs them
# in reverse and leaves nothing.
source "$NNS_SRCDIR/tests/lib/testlib.sh"
source "$NNS_SRCDIR/tests/lib/cni.sh"

export CNI_PATH="$CNI_PLUGIN_DIR:$CNI_REFERENCE_DIR"
CONFLIST=$NNS_RUN/chain.conflist
CACHE=$NNS_RUN/chain.result
cat > "$CONFLIST" <<'JSON'
{
  "cniVersion": "1.0.0",
  "name": "chain",
  "plugins": [
    {"type": "loopback"},
    {"type": "netnsd", "bridge": "cni-chain0", "ipMasq": true,
     "ipam": {"type": "host-local", "subnet": "10.217.0.0/24"},
     "capabilities": {"portMappings": true}},
    {"type": "tuning", "mac": "02:00:00:aa:bb:cc",
     "sysctl": {"net.ipv4.conf.eth0.arp_ignore": "1"}}
  ]
}
JSON
libcni() {
    "$PYTHON" "$NNS_SRCDIR/tests/lib/libcni.py" "$1" "$CONFLIST" chain-c1 /run/netns/chain-c1 eth0 "$CACHE" \
        '{"portMappings": [{"hostPort": 8081, "containerPort": 80, "protocol": "tcp"}], "aliases": {"chain": ["c1"]}}'
}
ip netns add chain-c1

step "ADD: loopback, netnsd, tuning"
result=$(libcni ADD) || fail "the chain's ADD: $result"
echo "$result"
CNI_OUT=$result
assert_eq "$(result_get '[i["name"] for i in d["interfaces"]]')" "['lo', 'cni-chain0', '$(result_get 'd["interfaces"][2]["name"]')', 'eth0']" \
    "loopback's interface, then netnsd's three"
assert_eq "$(result_get '[(i["address"], i["interface"]) for i in d["ips"]]')" \
    "[('127.0.0.1/8', 0), ('::1/128', 0), ('10.217.0.2/24', 3)]" "each address on its interface"
assert_eq "$(result_get 'd["interfaces"][3]["mac"]')" "02:00:00:aa:bb:cc" "the MAC tuning set, in the result"
assert_eq "$(result_get 'd["interfaces"][3]["sandbox"]')" "/run/netns/chain-c1" "eth0's sandbox"
assert_eq "$(result_get 'd["routes"]')" "[{'dst': '0.0.0.0/0', 'gw': '10.217.0.1'}]" "netnsd's default route"
assert_eq "$(ip -n chain-c1 -br link show eth0 | awk '{print $3}')" "02:00:00:aa:bb:cc" "eth0's MAC"
assert_eq "$(ip netns exec chain-c1 sysctl -n net.ipv4.conf.eth0.arp_ignore)" "1" "tuning's sysctl"
assert_eq "$(ip -n chain-c1 -br link show lo | awk '{print $2}')" "UNKNOWN" "loopback brought lo up"
assert_contains "$(ns_gdbus ListPortForwards "")" "'port': <uint16 8081>, 'target': <'10.217.0.2:80'>" \
    "the portMappings capability reached netnsd's plugin"

step "CHECK: every plugin, with the final result"
out=$(libcni CHECK) || fail "the chain's CHECK: $out"
echo "  loopback, netnsd and tuning passed"
ip -n chain-c1 link set eth0 address 02:00:00:dd:ee:ff
out=$(libcni CHECK) && fail "CHECK passed with eth0's MAC changed behind its back"
assert_contains "$out" "netnsd CHECK failed" "the plugin that noticed"
assert_contains "$out" "has the MAC 02:00:00:dd:ee:ff, not 02:00:00:aa:bb:cc" "what it noticed"
ip -n chain-c1 link set eth0 address 02:00:00:aa:bb:cc

step "DEL: tuning, netnsd, loopback"
out=$(libcni DEL) || fail "the chain's DEL: $out"
assert_eq "$(ip -n chain-c1 -br link | awk '{print $1}')" "lo" "only lo left in the container"
assert_eq "$(leases chain)" "" "no lease left"
assert_eq "$(ns_gdbus ListPortForwards "")" "(@aa{sv} [],)" "no port forward left"
assert_eq "$(ns_gdbus ListMasquerades "")" "(@aa{sv} [],)" "no masquerade left"
assert_eq "$(netns_names)" "chain-c1 " "the runtime's name, and no other"
ip netns del chain-c1
