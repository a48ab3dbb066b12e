#!/bin/bash
# SetDns writes /etc/netns/NAME/resolv.conf, which ip netns exec and Spawn
# show as /etc/resolv.conf; deleting the namespace removes it. SetSysctl
# sets allowed keys inside the namespace only.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

ns_call CreateNamespace 'sa{sv}' red 0 >/dev/null
ns_gdbus CreateVeth red r0 red r1 '{}' >/dev/null

step "SetDns: canonical text, seen inside"
ns_gdbus SetDns red "['10.0.0.53', 'FD00:0::53']" "['corp.example', 'example.org.']" >/dev/null
assert_eq "$(grep -v '^#' /etc/netns/red/resolv.conf)" "nameserver 10.0.0.53
nameserver fd00::53
search corp.example example.org." "resolv.conf"
assert_eq "$(stat -c %a /etc/netns/red/resolv.conf)" "644" "its mode"
assert_eq "$(ip netns exec red cat /etc/resolv.conf)" "$(cat /etc/netns/red/resolv.conf)" "through ip netns exec"
assert_eq "$("$NETNSCTL" exec red -- cat /etc/resolv.conf)" "$(cat /etc/netns/red/resolv.conf)" "through netnsctl exec"
assert_not_contains "$(cat /etc/resolv.conf 2>/dev/null || true)" "10.0.0.53" "the host's resolv.conf"

step "SetDns with empty lists removes it"
ns_gdbus SetDns red "@as []" "@as []" >/dev/null
[[ ! -e /etc/netns/red ]] || fail "/etc/netns/red is still there"

step "DeleteNamespace removes the file netnsd wrote, not an admin's"
"$NETNSCTL" dns red --nameserver 10.0.0.53
"$NETNSCTL" delete red
[[ ! -e /etc/netns/red ]] || fail "/etc/netns/red outlived its namespace"
ns_call CreateNamespace 'sa{sv}' blue 0 >/dev/null
mkdir -p /etc/netns/blue
echo "nameserver 192.0.2.1" > /etc/netns/blue/resolv.conf
ns_call DeleteNamespace 'sa{sv}' blue 0
assert_eq "$(cat /etc/netns/blue/resolv.conf)" "nameserver 192.0.2.1" "an admin's resolv.conf"

step "SetSysctl: each allowed key, inside the namespace only"
ns_call CreateNamespace 'sa{sv}' red 0 >/dev/null
ns_gdbus CreateVeth red r0 red r1 '{}' >/dev/null
host_before=$(sysctl -n net.ipv4.ip_forward net.ipv4.ip_unprivileged_port_start)
set_and_check() {
    ns_gdbus SetSysctl red "$1" "$2" >/dev/null
    assert_eq "$(ip netns exec red sysctl -n "${1//\//.}" | tr '\t' ' ')" "$3" "$1"
}
set_and_check net.ipv4.ip_forward 1 1
set_and_check net.ipv4.ip_unprivileged_port_start 80 80
set_and_check net.ipv4.ping_group_range "0   2147483647" "0 2147483647"
set_and_check net.ipv4.conf.all.forwarding 1 1
set_and_check net.ipv4.conf.r0.forwarding 1 1
set_and_check net.ipv4.conf.r0.rp_filter 2 2
set_and_check net.ipv6.conf.default.forwarding 1 1
set_and_check net.ipv6.conf.r1.disable_ipv6 1 1
set_and_check net.ipv6.conf.all.accept_dad 0 0
assert_eq "$(sysctl -n net.ipv4.ip_forward net.ipv4.ip_unprivileged_port_start)" "$host_before" "the host's sysctls"
"$NETNSCTL" sysctl red net.ipv4.ip_forward=0
assert_eq "$(ip netns exec red sysctl -n net.ipv4.ip_forward)" "0" "netnsctl sysctl"

step "a link with a dot in its name, written with '/' as sysctl does"
ns_gdbus CreateVeth red v.100 red v.101 '{}' >/dev/null
ns_gdbus SetSysctl red net.ipv4.conf.v/100.forwarding 1 >/dev/null
assert_eq "$(ip netns exec red cat /proc/sys/net/ipv4/conf/v.100/forwarding)" "1" "v.100 forwarding"

step "an unprivileged server on port 80, with ip_unprivileged_port_start"
allow_rule nobody 'subject.user == "nobody"'
ns_gdbus AddAddress red lo 10.9.0.1/32 '{}' >/dev/null
wait_until 5 as_user nobody "$NETNSCTL" exec red -- true
run_capture out as_user nobody "$NETNSCTL" exec red -- "$PYTHON" -c 'import socket; socket.socket().bind(("10.9.0.1", 80)); print("bound")'
assert_eq "$out" "bound" "a non-root bind to port 80 inside"
ns_gdbus SetSysctl red net.ipv4.ip_unprivileged_port_start 1024 >/dev/null
run_capture out as_user nobody "$NETNSCTL" exec red -- "$PYTHON" -c 'import socket; socket.socket().bind(("10.9.0.1", 80))'
assert_contains "$out" "Permission denied" "the same bind with the default"
echo "PASS"
