#!/bin/bash
# Every link is an object under the ObjectManager, at <namespace
# path>/link/<ifindex>, with what `ip` shows of it; the host is an object
# of its own, /org/example/NetNs/host, that ListNamespaces leaves out.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

LINKS="$NNS_SRCDIR/tests/lib/link_objects.py"
HOST_PATH=$MANAGER_PATH/host

# objects: GetManagedObjects as JSON, kept for the checks below.
objects() {
    OBJECTS=$("$PYTHON" "$LINKS" objects)
}

# prop PATH PROPERTY: a link's property (JSON) from the last objects call.
prop() {
    json_get "json.dumps(d['$1']['org.example.NetNs.Link']['$2'])" <<< "$OBJECTS"
}

# ip_index NS LINK: the link's index as ip shows it ("" is the host).
ip_index() {
    local ip=(ip)
    [[ -n $1 ]] && ip=(ip -n "$1")
    "${ip[@]}" -j link show "$2" | json_get 'd[0]["ifindex"]'
}

ip_mac() {
    local ip=(ip)
    [[ -n $1 ]] && ip=(ip -n "$1")
    "${ip[@]}" -j link show "$2" | json_get 'd[0]["address"]'
}

step "a namespace and a veth pair, made through netnsd"
ns_call CreateNamespace 'sa{sv}' red 0 >/dev/null
ns_gdbus CreateVeth "" veth0 red veth1 "{'mtu': <uint32 1400>}" >/dev/null
ns_gdbus AddAddress red veth1 10.200.0.3/24 '{}' >/dev/null
ns_gdbus AddAddress "" veth0 10.200.0.2/24 '{}' >/dev/null
red_path=$(ns_path red)
veth1=$red_path/link/$(ip_index red veth1)
veth0=$HOST_PATH/link/$(ip_index "" veth0)
lo_red=$red_path/link/1
wait_until 5 "$PYTHON" "$LINKS" compare "" red
objects

step "the namespace's links: lo and veth1"
assert_eq "$(prop "$veth1" Name)" '"veth1"' "veth1's Name"
assert_eq "$(prop "$veth1" Index)" "$(ip_index red veth1)" "veth1's Index"
assert_eq "$(prop "$veth1" Kind)" '"veth"' "veth1's Kind"
assert_eq "$(prop "$veth1" Mtu)" "1400" "veth1's Mtu"
assert_eq "$(prop "$veth1" Address)" "\"$(ip_mac red veth1)\"" "veth1's Address"
assert_eq "$(prop "$veth1" Addresses)" '["10.200.0.3/24"]' "veth1's Addresses (IPv4; not up, so no IPv6)"
assert_eq "$(prop "$veth1" Master)" '""' "veth1's Master"
assert_eq "$(prop "$veth1" Peer)" '"/veth0"' "veth1's Peer"
assert_eq "$(prop "$veth1" Up)" "false" "veth1's Up"
assert_eq "$(prop "$veth1" OperState)" '"down"' "veth1's OperState"
assert_eq "$(prop "$lo_red" Name)" '"lo"' "red's lo"
assert_eq "$(prop "$lo_red" Kind)" '"loopback"' "lo's Kind"
assert_eq "$(prop "$lo_red" Up)" "true" "lo's Up (loopback-up)"
assert_eq "$(prop "$lo_red" Addresses)" '["127.0.0.1/8", "::1/128"]' "lo's Addresses"
assert_eq "$(prop "$lo_red" Peer)" '""' "lo's Peer"

step "the host's links: lo and veth0"
assert_eq "$(prop "$veth0" Name)" '"veth0"' "veth0's Name"
assert_eq "$(prop "$veth0" Kind)" '"veth"' "veth0's Kind"
assert_eq "$(prop "$veth0" Mtu)" "1400" "veth0's Mtu"
assert_eq "$(prop "$veth0" Up)" "false" "veth0's Up"
assert_eq "$(prop "$veth0" Addresses)" '["10.200.0.2/24"]' "veth0's Addresses"
assert_eq "$(prop "$veth0" Peer)" '"red/veth1"' "veth0's Peer"
assert_eq "$(prop "$HOST_PATH/link/1" Name)" '"lo"' "the host's lo"
links=$(json_get "sorted(p for p in d if p.startswith('$HOST_PATH/link/'))" <<< "$OBJECTS")
assert_eq "$links" "['$HOST_PATH/link/1', '$veth0']" "the host's link objects"
links=$(json_get "sorted(p for p in d if p.startswith('$red_path/link/'))" <<< "$OBJECTS")
assert_eq "$links" "['$lo_red', '$veth1']" "red's link objects"

step "the host object"
host=$(json_get "d['$HOST_PATH']['$NS_IFACE']" <<< "$OBJECTS")
assert_eq "$host" "{'Inode': $(stat -L -c %i /proc/self/ns/net), 'Links': ['lo', 'veth0'], 'Name': '', 'Owner': 0}" "the host's properties"
assert_eq "$(busctl --system get-property "$BUS_NAME" "$HOST_PATH" "$NS_IFACE" Name)" 's ""' "busctl: the host's Name"
assert_eq "$(ns_call ListNamespaces)" "a(so) 1 \"red\" \"$red_path\"" "ListNamespaces leaves the host out"
assert_eq "$("$NETNSCTL" list | awk 'NR > 1 {print $1}')" "red" "netnsctl list leaves the host out"

step "one end up: no carrier while the other end is down"
ns_gdbus SetLink "" veth0 "{'up': <true>}" >/dev/null
objects
assert_eq "$(prop "$veth0" Up)" "true" "veth0's Up"
assert_eq "$(prop "$veth0" Carrier)" "false" "veth0's Carrier"
assert_eq "$(prop "$veth0" OperState)" "\"$(ip -j link show veth0 | json_get 'd[0]["operstate"].lower()')\"" \
    "veth0's OperState, as ip shows it"

step "both ends up: carrier, operstate and IPv6 link-local addresses"
ip -n red link set veth1 up
# The kernel announces an IPv6 address once its duplicate address
# detection is over: then the objects are what ip shows.
wait_until 10 bash -c "[[ -n \$(ip -n red -6 addr show dev veth1 scope link -tentative) ]]"
wait_until 10 "$PYTHON" "$LINKS" compare "" red
objects
assert_eq "$(prop "$veth0" Carrier)" "true" "veth0's Carrier"
assert_eq "$(prop "$veth0" OperState)" '"up"' "veth0's OperState"
v6=$(ip -n red -j addr show veth1 | json_get '[a["local"] + "/" + str(a["prefixlen"]) for a in d[0]["addr_info"] if a["family"] == "inet6"][0]')
assert_eq "$(prop "$veth1" Addresses)" "[\"10.200.0.3/24\", \"$v6\"]" "veth1's Addresses, IPv4 first"
run_capture out "$PYTHON" "$LINKS" compare "" red
assert_eq "$out" "" "every property against what ip shows"

step "a bridge and its port"
ip -n red link add br0 type bridge
ip -n red link set veth1 master br0
wait_until 5 bash -c "\"$PYTHON\" \"$LINKS\" objects | grep -q '\"Master\": \"br0\"'"
objects
assert_eq "$(prop "$veth1" Master)" '"br0"' "veth1's Master"
br0=$red_path/link/$(ip_index red br0)
assert_eq "$(prop "$br0" Kind)" '"bridge"' "br0's Kind"

step "a veth pair inside one namespace names its ends there"
ip -n red link add name in0 type veth peer name in1
wait_until 5 "$PYTHON" "$LINKS" path red in1
objects
assert_eq "$(prop "$red_path/link/$(ip_index red in0)" Peer)" '"red/in1"' "in0's Peer"
assert_eq "$(prop "$red_path/link/$(ip_index red in1)" Peer)" '"red/in0"' "in1's Peer"

step "between two namespaces, made by ip"
ns_call CreateNamespace 'sa{sv}' blue 0 >/dev/null
ip -n red link add name rb0 type veth peer name rb1 netns blue
wait_until 5 "$PYTHON" "$LINKS" path blue rb1
objects
rb1=$(ns_path blue)/link/$(ip_index blue rb1)
assert_eq "$(prop "$rb1" Peer)" '"red/rb0"' "rb1's Peer"
assert_eq "$(prop "$red_path/link/$(ip_index red rb0)" Peer)" '"blue/rb1"' "rb0's Peer"

step "another name for the host's namespace shows the host's links, Peers included"
ip netns attach self 1
wait_until 5 "$PYTHON" "$LINKS" path self veth0
objects
assert_eq "$(prop "$(ns_path self)/link/$(ip_index "" veth0)" Peer)" '"red/veth1"' "veth0's Peer under self"
assert_eq "$(prop "$veth1" Peer)" '"/veth0"' "veth1's Peer: the host's veth0, not self's"
ip netns del self

step "two pairs between namespaces with the same indexes: netnsd cannot tell them apart"
for ns in pa pb pc pd; do ns_call CreateNamespace 'sa{sv}' $ns 0 >/dev/null; done
ip -n pa link add name x0 type veth peer name y0 netns pb
ip -n pc link add name x1 type veth peer name y1 netns pd
assert_eq "$(ip_index pa x0) $(ip_index pb y0) $(ip_index pc x1) $(ip_index pd y1)" "2 2 2 2" "the indexes"
wait_until 5 "$PYTHON" "$LINKS" path pd y1
objects
for ns in pa pb pc pd; do
    assert_eq "$(prop "$(ns_path $ns)/link/2" Peer)" '""' "Peer in $ns"
done
ip -n pc link del x1
wait_until 5 bash -c "[[ \$(\"$PYTHON\" \"$LINKS\" objects | grep -o '\"Peer\": \"p[ab]/[xy]0\"' | wc -l) == 2 ]]"
objects
assert_eq "$(prop "$(ns_path pa)/link/2" Peer)" '"pb/y0"' "x0's Peer once the other pair went"
assert_eq "$(prop "$(ns_path pb)/link/2" Peer)" '"pa/x0"' "y0's Peer once the other pair went"
echo "PASS"
