#!/bin/bash
# Links and addresses made with ip show in ListLinks, ListAddresses and the
# Links property (with PropertiesChanged); netnsd manages links in a
# namespace that `ip netns add` made.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

ns_call CreateNamespace 'sa{sv}' red 0 >/dev/null
gdbus monitor --system --dest $BUS_NAME --object-path "$(ns_path red)" > "$NNS_RUN/props.log" 2>&1 &
monitor=$!
trap 'kill $monitor 2>/dev/null || true' EXIT
wait_until 5 grep -q "Monitoring signals" "$NNS_RUN/props.log"
sleep 0.2

step "links made by ip inside red"
ip -n red link add ipa type veth peer name ipb
ip -n red addr add 10.3.0.1/24 dev ipa
ip -n red addr add fd00:3::1/64 dev ipa
links=$(busctl --system --json=short call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE ListLinks s red)
assert_eq "$(echo "$links" | json_get 'sorted(l["name"]["data"] for l in d["data"][0])')" \
    "['ipa', 'ipb', 'lo']" "ListLinks"
assert_eq "$(echo "$links" | json_get '[l["addresses"]["data"] for l in d["data"][0] if l["name"]["data"] == "ipa"][0]')" \
    "['10.3.0.1/24', 'fd00:3::1/64']" "addresses in ListLinks"
assert_eq "$(ns_call ListAddresses ss red ipa)" 'as 2 "10.3.0.1/24" "fd00:3::1/64"' "ListAddresses ipa"
assert_contains "$(ns_call ListAddresses ss red '')" '"127.0.0.1/8"' "ListAddresses of every link"

step "the Links property follows, with PropertiesChanged"
wait_until 5 bash -c "[[ \$(busctl --system get-property $BUS_NAME $(ns_path red) $NS_IFACE Links) == 'as 3 \"ipa\" \"ipb\" \"lo\"' ]]"
wait_until 5 grep -q "'Links': <\['ipa', 'ipb', 'lo'\]>" "$NNS_RUN/props.log"
ip -n red link set ipb name ipc
wait_until 5 grep -q "'Links': <\['ipa', 'ipc', 'lo'\]>" "$NNS_RUN/props.log"
ip -n red link del ipa
wait_until 5 grep -q "'Links': <\['lo'\]>" "$NNS_RUN/props.log"
echo "  PropertiesChanged seen for each change"

step "a namespace that ip made: netnsd lists and changes its links"
ip netns add from_ip
wait_until 5 bash -c "busctl --system call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE ListNamespaces | grep -q from_ip"
ns_gdbus CreateVeth from_ip x0 red x1 "{'up': <true>}" >/dev/null
ns_gdbus AddAddress from_ip x0 10.4.0.1/24 '{}' >/dev/null
assert_eq "$(ip -n from_ip -br addr show x0 | awk '{print $3}')" "10.4.0.1/24" "ip sees netnsd's address"
wait_until 5 bash -c "[[ \$(busctl --system get-property $BUS_NAME $(ns_path from_ip) $NS_IFACE Links) == 'as 2 \"lo\" \"x0\"' ]]"

step "a link ip moves between namespaces"
ip -n from_ip link set x0 netns red
wait_until 5 bash -c "[[ \$(busctl --system get-property $BUS_NAME $(ns_path from_ip) $NS_IFACE Links) == 'as 1 \"lo\"' ]]"
wait_until 5 bash -c "[[ \$(busctl --system get-property $BUS_NAME $(ns_path red) $NS_IFACE Links) == 'as 3 \"lo\" \"x0\" \"x1\"' ]]"
ip netns del from_ip

step "ListLinks shows at once what ip changed just before the call"
link_field() {   # NAMESPACE LINK FIELD
    busctl --system --json=short call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE ListLinks s "$1" |
        json_get "[l['$3']['data'] for l in d['data'][0] if l['name']['data'] == '$2'][0]"
}
ip -n red link add br0 type bridge
for mtu in 1400 1300 1200; do
    ip -n red link set x0 mtu $mtu
    assert_eq "$(link_field red x0 mtu)" "$mtu" "ListLinks has the MTU ip set"
done
ip -n red link set x0 master br0 up
assert_eq "$(link_field red x0 master)" "br0" "ListLinks has the bridge ip put it in"
assert_eq "$(link_field red x0 up)" "True" "ListLinks has the link ip set up"
ip -n red link set x0 nomaster
assert_eq "$(link_field red x0 master)" "" "ListLinks has the link out of the bridge"

step "a second name of a namespace lists its links as the kernel has them"
touch /run/netns/red_too
mount --bind /run/netns/red /run/netns/red_too
wait_until 5 bash -c "busctl --system call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE ListNamespaces | grep -q red_too"
ip -n red link set x0 mtu 1280
assert_eq "$(link_field red_too x0 mtu)" "1280" "ListLinks of the second name"
assert_eq "$(link_field red x0 mtu)" "1280" "ListLinks of the first name"
ip netns del red_too
echo "PASS"
