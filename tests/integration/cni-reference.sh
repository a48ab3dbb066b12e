#!/bin/bash
# netnsd's CNI plugin against Debian's reference plugins
# (containernetworking-plugins: bridge with host-local, then portmap, as
# a conflist chains them): the same network configuration, each against
# a namespace made the same way, from the same start (no bridge). The
# results agree field by field where the specification leaves no choice
# (tests/lib/cni_compare.py prints the differences it allows: MACs and
# the host end's name), and so does what the container sees: its
# addresses and routes, the bridge's address, and a mapped port reached.
source "$NNS_SRCDIR/tests/lib/testlib.sh"
source "$NNS_SRCDIR/tests/lib/nat.sh"
source "$NNS_SRCDIR/tests/lib/cni.sh"
trap 'whoami_stop; containers_stop' EXIT

for plugin in bridge host-local portmap; do
    [[ -x $CNI_REFERENCE_DIR/$plugin ]] || fail "$CNI_REFERENCE_DIR/$plugin is missing (containernetworking-plugins)"
done
echo "reference: $("$CNI_REFERENCE_DIR/bridge" 2>&1 | head -1)"
mkdir -p "$NNS_RUN/host-local"
nat_outside

# conf_for TYPE NETCONF: NETCONF for one plugin: its type, and host-local's
# store in the sandbox (netnsd's plugin does not read dataDir: netnsd
# keeps the leases).
conf_for() {
    "$PYTHON" -c 'import json, sys
c = json.loads(sys.argv[2]); c["type"] = sys.argv[1]
c["ipam"]["dataDir"] = sys.argv[3]
print(json.dumps(c))' "$1" "$2" "$NNS_RUN/host-local"
}
# portmap_conf NETCONF PREV: the chain's second plugin, as libcni derives it.
portmap_conf() {
    "$PYTHON" -c 'import json, sys
c = json.loads(sys.argv[1])
print(json.dumps({"cniVersion": c["cniVersion"], "name": c["name"], "type": "portmap",
                  "runtimeConfig": c.get("runtimeConfig", {}), "prevResult": json.loads(sys.argv[2])}))' "$1" "$2"
}
# state NAMESPACE: what the container sees, and the bridge; names of veths
# and MACs left out.
state() {
    ip -n "$1" -br addr show eth0 | awk '{$2 = ""; print}' | sed 's/@if[0-9]*//; s/ fe80::[^ ]*//'
    ip -n "$1" route show | sed 's/ proto [a-z]*//'
    ip -n "$1" -6 route show | awk '!/^fe80/' | sed 's/ proto [a-z]*//; s/ pref medium//'
    echo "bridge: $(ip -br addr show cni-cmp0 | awk '{$1 = $2 = ""; print}' | xargs -n1 | awk '!/^fe80/' | sort | xargs)"
}

# compare NAME NETCONF: one round, reference first, then netnsd's plugin.
compare() {
    local name=$1 netconf=$2 ref_result nns_result ref_state nns_state mapped
    mapped=$("$PYTHON" -c 'import json, sys; print(len(json.loads(sys.argv[1]).get("runtimeConfig", {}).get("portMappings", [])))' "$netconf")

    step "$name: Debian's bridge + host-local + portmap"
    ip netns add "ref-$name"
    cni_exec "$CNI_REFERENCE_DIR/bridge" ADD "ref-$name" "/run/netns/ref-$name" eth0 "$(conf_for bridge "$netconf")"
    [[ $status == 0 ]] || fail "the bridge plugin's ADD: $CNI_OUT"
    ref_result=$CNI_OUT
    cni_exec "$CNI_REFERENCE_DIR/portmap" ADD "ref-$name" "/run/netns/ref-$name" eth0 "$(portmap_conf "$netconf" "$ref_result")"
    [[ $status == 0 ]] || fail "portmap's ADD: $CNI_OUT"
    ref_result=$CNI_OUT
    printf '%s\n' "$ref_result" > "$NNS_RUN/ref-$name.json"
    ref_state=$(state "ref-$name")
    if [[ $mapped != 0 ]]; then
        ip netns exec "ref-$name" "$PYTHON" "$NNS_SRCDIR/tests/lib/whoami.py" 80 "$NNS_RUN/ready-ref" &
        WHOAMI_PIDS+=($!)
        wait_until 5 test -e "$NNS_RUN/ready-ref"
        assert_eq "$(get outside http://10.99.0.1:8080/)" "client 10.99.0.2" "outside to the mapped port, reference"
        whoami_stop
    fi
    cni_exec "$CNI_REFERENCE_DIR/portmap" DEL "ref-$name" "/run/netns/ref-$name" eth0 "$(portmap_conf "$netconf" "$ref_result")"
    cni_exec "$CNI_REFERENCE_DIR/bridge" DEL "ref-$name" "/run/netns/ref-$name" eth0 "$(with_prev "$(conf_for bridge "$netconf")" "$ref_result")"
    [[ $status == 0 ]] || fail "the bridge plugin's DEL: $CNI_OUT"
    # The bridge plugin leaves its bridge; so that both start alike:
    ip link del cni-cmp0

    step "$name: netnsd's plugin"
    ip netns add "nns-$name"
    cni ADD "nns-$name" "/run/netns/nns-$name" eth0 "$(conf_for netnsd "$netconf")"
    [[ $status == 0 ]] || fail "netnsd's ADD: $CNI_OUT"
    nns_result=$CNI_OUT
    printf '%s\n' "$nns_result" > "$NNS_RUN/nns-$name.json"
    nns_state=$(state "nns-$name")
    if [[ $mapped != 0 ]]; then
        ip netns exec "nns-$name" "$PYTHON" "$NNS_SRCDIR/tests/lib/whoami.py" 80 "$NNS_RUN/ready-nns" &
        WHOAMI_PIDS+=($!)
        wait_until 5 test -e "$NNS_RUN/ready-nns"
        assert_eq "$(get outside http://10.99.0.1:8080/)" "client 10.99.0.2" "outside to the mapped port, netnsd"
        whoami_stop
    fi

    step "$name: the results, field by field"
    "$PYTHON" "$NNS_SRCDIR/tests/lib/cni_compare.py" "$NNS_RUN/ref-$name.json" "$NNS_RUN/nns-$name.json" \
        "/run/netns/ref-$name" "/run/netns/nns-$name" || fail "the results differ"
    step "$name: what the container and the host see"
    echo "$nns_state" | sed 's/^/  /'
    assert_eq "$nns_state" "$ref_state" "addresses and routes, netnsd's against the reference's"

    cni_ok DEL "nns-$name" "/run/netns/nns-$name" eth0 "$(with_prev "$(conf_for netnsd "$netconf")" "$nns_result")"
    ip link del cni-cmp0
    ip netns del "ref-$name"
    ip netns del "nns-$name"
}

compare ipv4 '{"cniVersion": "1.0.0", "name": "cmp4", "bridge": "cni-cmp0",
  "isGateway": true, "ipMasq": true,
  "ipam": {"type": "host-local", "subnet": "10.215.0.0/24", "gateway": "10.215.0.1",
           "routes": [{"dst": "0.0.0.0/0"}]},
  "dns": {"nameservers": ["10.215.0.1"], "domain": "cmp.example", "search": ["cmp.example"], "options": ["ndots:2"]},
  "runtimeConfig": {"portMappings": [{"hostPort": 8080, "containerPort": 80, "protocol": "tcp"}]}}'

compare dual '{"cniVersion": "1.0.0", "name": "cmp46", "bridge": "cni-cmp0",
  "isDefaultGateway": true,
  "ipam": {"type": "host-local", "ranges": [
      [{"subnet": "10.216.0.0/24", "rangeStart": "10.216.0.100", "rangeEnd": "10.216.0.150"}],
      [{"subnet": "fd00:216::/64"}]]}}'
