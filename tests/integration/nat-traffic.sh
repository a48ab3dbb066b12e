#!/bin/bash
# Masquerades and port forwards with real traffic, IPv4 and IPv6: a
# namespace reaches a server in a stand-in "outside" only once masqueraded,
# and that server sees the host's address; a server in the namespace is
# reached from outside through a port forward and sees the outside
# client's own address; also from the host itself through its own address,
# 127.0.0.1 and ::1; UDP too; forwarding is on while rules need it and put
# back after, and the table goes with the last rule.
source "$NNS_SRCDIR/tests/lib/testlib.sh"
source "$NNS_SRCDIR/tests/lib/nat.sh"
trap whoami_stop EXIT

nat_topology
forward4=$(sysctl_in "" net.ipv4.ip_forward)
forward6=$(sysctl_in "" net.ipv6.conf.all.forwarding)
localnet=$(sysctl_in "" net.ipv4.conf.all.route_localnet)
assert_eq "$forward4/$forward6/$localnet" "0/0/0" "the host's forwarding, as a new namespace has it"

step "without a masquerade, red does not reach outside"
assert_not_contains "$(get red http://10.99.0.2/)" "client" "red to outside over IPv4"
assert_not_contains "$(get red 'http://[fd00:99::2]/')" "client" "red to outside over IPv6"
assert_eq "$(nft_table "")" "none" "the host's table before any rule"

step "masqueraded, red reaches outside, which sees the host's address"
ns_gdbus AddMasquerade "" 10.200.0.0/30 '{}' >/dev/null
ns_gdbus AddMasquerade "" fd00:200::/64 "{'out-link': <'up0'>}" >/dev/null
assert_eq "$(get red http://10.99.0.2/)" "client 10.99.0.1" "red to outside over IPv4"
assert_eq "$(get red 'http://[fd00:99::2]/')" "client fd00:99::1" "red to outside over IPv6"
assert_eq "$(sysctl_in "" net.ipv4.ip_forward)" "1" "IPv4 forwarding while masquerading"
assert_eq "$(sysctl_in "" net.ipv6.conf.all.forwarding)" "1" "IPv6 forwarding while masquerading"
assert_eq "$(ns_gdbus ListMasquerades "")" \
    "([{'source': <'10.200.0.0/30'>, 'out-link': <''>}, {'source': <'fd00:200::/64'>, 'out-link': <'up0'>}],)" \
    "ListMasquerades"
table=$(nft_table "")
assert_contains "$table" "ip saddr 10.200.0.0/30 ip daddr != 10.200.0.0/30 masquerade" "the IPv4 masquerade rule"
assert_contains "$table" "ip6 saddr fd00:200::/64 ip6 daddr != fd00:200::/64 oifname \"up0\" masquerade" "the IPv6 one"

step "a port forward from outside keeps the client's own address"
ns_gdbus AddPortForward "" tcp 8080 10.200.0.2:80 '{}' >/dev/null
ns_gdbus AddPortForward "" tcp 8080 '[fd00:200::2]:80' '{}' >/dev/null
assert_eq "$(get outside http://10.99.0.1:8080/)" "client 10.99.0.2" "outside to the host's 8080 over IPv4"
assert_eq "$(get outside 'http://[fd00:99::1]:8080/')" "client fd00:99::2" "outside to the host's 8080 over IPv6"

step "from the host itself: its own addresses and 127.0.0.1"
assert_eq "$(get "" http://10.99.0.1:8080/)" "client 10.99.0.1" "the host to its own IPv4 address"
assert_eq "$(get "" 'http://[fd00:99::1]:8080/')" "client fd00:99::1" "the host to its own IPv6 address"
assert_eq "$(get "" http://127.0.0.1:8080/)" "client 10.200.0.1" "the host to 127.0.0.1"
assert_eq "$(sysctl_in "" net.ipv4.conf.all.route_localnet)" "1" "route_localnet while a forward takes 127.0.0.1"
# ::1 too: IPv6 has no route_localnet, so the answers come back through a
# route to ::1 on the link they arrive on, which netnsd adds with the
# forward and marks as its own.
assert_eq "$(get "" 'http://[::1]:8080/')" "client fd00:200::1" "the host to [::1]"
assert_eq "$(ip -6 route show table local ::1 proto 110)" "local ::1 dev ve-red metric 1024 pref medium" \
    "netnsd's route to ::1 on the link to the target"

step "a forward of one address only, not from the host itself"
ns_gdbus AddPortForward "" tcp 9090 10.200.0.2:80 "{'address': <'10.99.0.1'>, 'from-local': <false>}" >/dev/null
assert_eq "$(get outside http://10.99.0.1:9090/)" "client 10.99.0.2" "outside to 10.99.0.1:9090"
assert_contains "$(get "" http://127.0.0.1:9090/)" "curl: (7)" "the host to its own 9090"
assert_contains "$(get red http://10.200.0.1:9090/)" "curl: (7)" "red to another address of the host"

step "UDP"
ns_gdbus AddPortForward "" udp 5300 10.200.0.2:80 '{}' >/dev/null
assert_eq "$(udp outside 10.99.0.1 5300)" "client 10.99.0.2" "a datagram from outside"
assert_eq "$(udp outside 10.99.0.1 5301)" "no answer" "a datagram to a port not forwarded"

step "ListPortForwards"
forwards=$(ns_gdbus ListPortForwards "")
echo "  $forwards"
assert_contains "$forwards" "{'protocol': <'tcp'>, 'port': <uint16 8080>, 'target': <'10.200.0.2:80'>, 'address': <''>, 'from-local': <true>}" "the IPv4 forward"
assert_contains "$forwards" "'target': <'[fd00:200::2]:80'>" "the IPv6 forward"
assert_contains "$forwards" "{'protocol': <'tcp'>, 'port': <uint16 9090>, 'target': <'10.200.0.2:80'>, 'address': <'10.99.0.1'>, 'from-local': <false>}" "the forward of one address"
assert_contains "$forwards" "'protocol': <'udp'>, 'port': <uint16 5300>" "the UDP forward"

step "rules in a namespace are that namespace's"
ns_gdbus AddMasquerade red 10.201.0.0/24 '{}' >/dev/null
assert_contains "$(nft_table red)" "ip saddr 10.201.0.0/24" "red's own table"
assert_eq "$(sysctl_in red net.ipv4.ip_forward)" "1" "red's forwarding"
assert_not_contains "$(nft_table "")" "10.201.0.0/24" "the host's table"
assert_eq "$(ns_gdbus ListMasquerades red)" "([{'source': <'10.201.0.0/24'>, 'out-link': <''>}],)" "red's masquerades"

step "removing: each rule goes, forwarding goes back, and the table with the last"
ns_gdbus RemovePortForward "" tcp 8080 '{}' >/dev/null
assert_eq "$(ip -6 route show table local ::1 proto 110)" "" "the route to ::1 after the IPv6 forward went"
assert_eq "$(ip -6 route show table local ::1)" "local ::1 dev lo proto kernel metric 0 pref medium" \
    "the kernel's own route to ::1, untouched"
assert_contains "$(get "" 'http://[::1]:8080/')" "curl: (7)" "[::1]:8080 after its removal"
assert_not_contains "$(get outside http://10.99.0.1:8080/)" "client" "8080 after its removal"
assert_not_contains "$(get outside 'http://[fd00:99::1]:8080/')" "client" "8080 over IPv6 after its removal"
assert_not_contains "$(ns_gdbus ListPortForwards "")" "8080" "ListPortForwards"
ns_gdbus RemovePortForward "" tcp 9090 "{'address': <'10.99.0.1'>}" >/dev/null
assert_eq "$(sysctl_in "" net.ipv4.conf.all.route_localnet)" "1" "route_localnet while the UDP forward takes 127.0.0.1"
ns_gdbus RemovePortForward "" udp 5300 '{}' >/dev/null
assert_eq "$(sysctl_in "" net.ipv4.conf.all.route_localnet)" "$localnet" "route_localnet put back"
ns_gdbus RemoveMasquerade "" fd00:200::/64 "{'out-link': <'up0'>}" >/dev/null
assert_eq "$(sysctl_in "" net.ipv6.conf.all.forwarding)" "$forward6" "IPv6 forwarding put back"
assert_eq "$(sysctl_in "" net.ipv4.ip_forward)" "1" "IPv4 forwarding while an IPv4 masquerade is left"
assert_eq "$(get red http://10.99.0.2/)" "client 10.99.0.1" "red to outside, still masqueraded"
ns_gdbus RemoveMasquerade "" 10.200.0.0/30 '{}' >/dev/null
assert_eq "$(sysctl_in "" net.ipv4.ip_forward)" "$forward4" "IPv4 forwarding put back"
assert_eq "$(nft_table "")" "none" "the host's table after its last rule"
assert_not_contains "$(get red http://10.99.0.2/)" "client" "red to outside after the masquerade went"
[[ ! -e "/run/netnsd/nat/@host" ]] || fail "the host's record outlived its rules"

step "forwarding that was on before stays on"
ns_gdbus RemoveMasquerade red 10.201.0.0/24 '{}' >/dev/null
assert_eq "$(nft_table red)" "none" "red's table after its last rule"
assert_eq "$(sysctl_in red net.ipv4.ip_forward)" "0" "red's forwarding put back"
ns_gdbus SetSysctl red net.ipv4.ip_forward 1 >/dev/null
ns_gdbus AddMasquerade red 10.201.0.0/24 '{}' >/dev/null
ns_gdbus RemoveMasquerade red 10.201.0.0/24 '{}' >/dev/null
assert_eq "$(sysctl_in red net.ipv4.ip_forward)" "1" "red's forwarding, on before the masquerade"

step "a namespace that goes takes its rules and their record"
ns_gdbus AddMasquerade red 10.201.0.0/24 '{}' >/dev/null
[[ -e /run/netnsd/nat/red ]] || fail "no record of red's rules"
ns_gdbus DeleteNamespace red '{}' >/dev/null
[[ ! -e /run/netnsd/nat/red ]] || fail "red's record outlived red"
echo "PASS"
