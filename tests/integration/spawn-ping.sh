#!/bin/bash
# ping works inside namespaces netnsd makes, for the users polkit lets in:
# Debian's ping needs a file capability that no_new_privs refuses, and
# falls back to ICMP datagram sockets, which a new namespace opens to every
# group (net.ipv4.ping_group_range, as systemd sets it on the host). The
# option unprivileged-ping false keeps the kernel's default, which lets no
# group.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

allow_rule nobody 'subject.user == "nobody" &&
    (action.id == "org.example.netns.manage" || action.id == "org.example.netns.spawn")'
wait_until 5 as_user nobody "$NETNSCTL" add pings

step "ping as nobody in a new namespace"
assert_eq "$(ip netns exec pings sysctl -n net.ipv4.ping_group_range | tr -s '\t ' ' ')" \
    "0 2147483647" "ping_group_range"
run_capture out as_user nobody "$NETNSCTL" exec pings -- ping -c 1 -W 2 127.0.0.1
assert_eq "$status" "0" "ping's exit status: $out"
assert_contains "$out" "1 received" "ping's answer"

step "unprivileged-ping false: the kernel's default"
as_user nobody ns_gdbus CreateNamespace closed "{'unprivileged-ping': <false>}" >/dev/null
assert_eq "$(ip netns exec closed sysctl -n net.ipv4.ping_group_range | tr -s '\t ' ' ')" \
    "1 0" "ping_group_range"
run_capture out as_user nobody "$NETNSCTL" exec closed -- ping -c 1 -W 2 127.0.0.1
[[ $status != 0 ]] || fail "ping worked with unprivileged-ping false: $out"
echo "PASS"
