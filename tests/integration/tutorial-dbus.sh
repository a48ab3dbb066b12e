#!/bin/bash
# The tutorial through busctl and gdbus: a namespace, a veth pair between
# it and the host, addresses, links up, and nginx inside answering the
# host over IPv4 and IPv6. Checked with iproute2 and real traffic.
source "$NNS_SRCDIR/tests/lib/testlib.sh"
source "$NNS_SRCDIR/tests/lib/nginx.sh"

web="$NNS_RUN/nginx"
trap 'nginx_stop "$web"' EXIT

step "namespace and veth pair, each end created directly in its namespace"
ns_call CreateNamespace 'sa{sv}' direct_netns 0 >/dev/null
# Watch the host's links while the pair is made: the peer must never
# appear there, not even for a moment.
ip -o monitor link > "$NNS_RUN/host-links.log" &
monitor=$!
sleep 0.3
ns_gdbus CreateVeth "" veth0 direct_netns veth1 "{'mtu': <uint32 1400>}" >/dev/null
sleep 0.3
kill $monitor
assert_contains "$(cat "$NNS_RUN/host-links.log")" "veth0" "the host saw its own end appear"
assert_not_contains "$(cat "$NNS_RUN/host-links.log")" "veth1" "the host's link events"
assert_eq "$(ip -j link show veth0 | json_get 'd[0]["ifname"], d[0]["link_netnsid"]')" \
    "veth0 0" "veth0 in the host, its peer in another namespace"
assert_eq "$(ip -n direct_netns -j link show veth1 | json_get 'd[0]["ifname"], d[0]["link_netnsid"]')" \
    "veth1 0" "veth1 inside, its peer in another namespace"
assert_contains "$(ip -n direct_netns link show veth1)" "mtu 1400" "the mtu option on the peer"
assert_contains "$(ip link show veth0)" "mtu 1400" "the mtu option on the first end"

step "the Links property follows, from the kernel's notifications"
assert_eq "$(ns_property direct_netns Links)" 'as 2 "lo" "veth1"' "Links"

step "addresses on both ends, IPv4 and IPv6"
ns_call AddAddress 'sssa{sv}' "" veth0 10.200.0.2/24 0
ns_call AddAddress 'sssa{sv}' direct_netns veth1 10.200.0.3/24 0
ns_gdbus AddAddress "" veth0 fd00:200::2/64 '{}' >/dev/null
ns_gdbus AddAddress direct_netns veth1 fd00:200::3/64 '{}' >/dev/null
assert_eq "$(ip -n direct_netns -br addr show veth1 | awk '{print $3, $4}')" \
    "10.200.0.3/24 fd00:200::3/64" "ip -n direct_netns -br addr"
# The link is still down, so it has no link-local address yet.
assert_eq "$(ns_call ListAddresses ss direct_netns veth1)" \
    'as 2 "10.200.0.3/24" "fd00:200::3/64"' "ListAddresses veth1"

step "links up"
ns_gdbus SetLink "" veth0 "{'up': <true>}" >/dev/null
ns_gdbus SetLink direct_netns veth1 "{'up': <true>}" >/dev/null
assert_contains "$(ip -br link show veth0)" "UP" "veth0"
wait_until 5 bash -c "ip -n direct_netns -br link show veth1 | grep -q ' UP '"
assert_contains "$(ip -n direct_netns -br link show lo)" "UNKNOWN" "lo inside is up"
links=$(busctl --system --json=short call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE ListLinks s direct_netns)
assert_eq "$(echo "$links" | json_get '[(l["name"]["data"], l["kind"]["data"], l["up"]["data"], l["mtu"]["data"]) for l in d["data"][0]]')" \
    "[('lo', 'loopback', True, 65536), ('veth1', 'veth', True, 1400)]" "ListLinks"

step "routes inside: the kernel's, then a default route via the host end"
ns_gdbus AddRoute direct_netns default "{'via': <'10.200.0.2'>}" >/dev/null
ns_gdbus AddRoute direct_netns default "{'via': <'fd00:200::2'>}" >/dev/null
assert_contains "$(ip -n direct_netns route)" "default via 10.200.0.2 dev veth1 proto static" "ip -n direct_netns route"
assert_contains "$(ip -n direct_netns -6 route)" "default via fd00:200::2 dev veth1 proto static" "ip -n direct_netns -6 route"
routes=$(busctl --system --json=short call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE ListRoutes s direct_netns)
assert_contains "$(echo "$routes" | json_get 'sorted((r["destination"]["data"], r.get("via", {}).get("data")) for r in d["data"][0])')" \
    "('default', '10.200.0.2')" "ListRoutes"

step "nginx inside answers the host over IPv4 and IPv6"
wait_for_ipv6 direct_netns
wait_for_ipv6 ""
nginx_prepare "$web" direct_netns 80 10.200.0.3 fd00:200::3
ip netns exec direct_netns nginx -c "$web/nginx.conf"
wait_until 5 test -s "$web/nginx.pid"
assert_eq "$(fetch http://10.200.0.3/)" "Hello from nginx in namespace direct_netns" "page over IPv4"
assert_eq "$(fetch 'http://[fd00:200::3]/')" "Hello from nginx in namespace direct_netns" "page over IPv6"
# nginx writes its log line just after the answer.
wait_until 5 grep -q "10.200.0.2 - -" "$web/access.log"
assert_contains "$(cat "$web/access.log")" "10.200.0.2 - -" "nginx saw the host's veth address"
# The server is only inside: the host itself has no such listener.
assert_eq "$(ss -Hltn 'sport = :80' | wc -l)" "0" "listeners on port 80 in the host"

step "teardown: deleting one end removes both"
nginx_stop "$web"
ns_call DeleteLink ss "" veth0
assert_eq "$(ip -br link show type veth)" "" "veths in the host"
assert_eq "$(ip -n direct_netns -br link show type veth)" "" "veths inside"
wait_until 5 bash -c "[[ \$(busctl --system get-property $BUS_NAME $(ns_path direct_netns) $NS_IFACE Links) == 'as 1 \"lo\"' ]]"
ns_call DeleteNamespace 'sa{sv}' direct_netns 0
echo "PASS"
