#!/bin/bash
# A non-root caller allowed only `manage` works freely in its own
# namespace and is denied every change to the host and to others'
# namespaces, with nothing changed. A host rule on the `owner-user` detail
# then lets it change the host links it made, and no others.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

nb() { as_user nobody ns_gdbus -i "$@"; }

# Stand-ins for the host's own links (the sandbox has no eth0 of its own).
ip link add eth0 type veth peer name eth0p
ip addr add 192.0.2.1/24 dev eth0
ns_call CreateNamespace 'sa{sv}' roots 0 >/dev/null
ns_gdbus CreateVeth roots r0 roots r1 '{}' >/dev/null

allow_rule manage 'action.id == "org.example.netns.manage" && subject.user == "nobody"'
wait_until 5 as_user nobody "$NETNSCTL" add mine

step "in its own namespace, everything"
nb CreateVeth mine m0 mine m1 "{'up': <true>}" >/dev/null
nb AddAddress mine m0 10.7.0.1/24 '{}' >/dev/null
nb AddRoute mine 10.8.0.0/24 "{'via': <'10.7.0.2'>}" >/dev/null
nb SetLink mine m1 "{'mtu': <uint32 1400>, 'name': <'m2'>}" >/dev/null
nb RemoveRoute mine 10.8.0.0/24 '{}' >/dev/null
nb RemoveAddress mine m0 10.7.0.1/24 >/dev/null
nb DeleteLink mine m0 >/dev/null
assert_eq "$(ip -n mine -br link | awk '{print $1}')" "lo" "links left in mine"

step "every host change is denied, and changes nothing"
nb CreateVeth mine m0 mine m1 '{}' >/dev/null
before=$(net_state mine roots)
denied() {
    local out
    run_capture out nb "$@"
    [[ $status != 0 ]] || fail "nobody could $*"
    assert_contains "$out" "$ERR.NotAuthorized" "$*"
    assert_contains "$out" "${DENIED_ACTION}" "the action named for $*"
    echo "  denied: $*"
}
DENIED_ACTION=org.example.netns.host
denied CreateVeth "" h0 mine h1 '{}'
denied CreateVeth mine h1 "" h0 '{}'
denied MoveLink mine m1 "" '{}'
denied MoveLink "" eth0p mine '{}'
denied SetLink "" eth0 "{'up': <false>}"
denied SetLink "" lo "{'mtu': <uint32 1500>}"
denied DeleteLink "" eth0
denied AddAddress "" eth0 192.0.2.9/24 '{}'
denied RemoveAddress "" eth0 192.0.2.1/24
denied AddRoute "" 198.51.100.0/24 "{'dev': <'eth0'>}"
denied RemoveRoute "" 192.0.2.0/24 '{}'
denied AddRoute "" default "{'via': <'192.0.2.254'>}"

step "and so is every change to root's namespace (that takes manage-any)"
DENIED_ACTION=org.example.netns.manage-any
denied SetLink roots r0 "{'up': <true>}"
denied AddAddress roots r0 10.9.0.1/24 '{}'
denied AddRoute roots 10.9.0.0/24 "{'dev': <'r0'>}"
denied DeleteLink roots r0
denied MoveLink roots r0 mine '{}'
denied CreateVeth mine m5 roots r5 '{}'
denied DeleteNamespace roots '{}'
after=$(net_state mine roots)
assert_eq "$after" "$before" "the host, mine and roots after the denied calls"

step "a host rule on owner-user: nobody's own host links only"
allow_rule host-own 'action.id == "org.example.netns.host" && subject.user == "nobody" &&
                     action.lookup("owner-user") == "nobody"'
wait_until 5 nb CreateVeth "" h0 mine h1 '{}'
assert_contains "$(ip -br link show h0)" "h0" "nobody's veth end in the host"
nb SetLink "" h0 "{'up': <true>}" >/dev/null
nb AddAddress "" h0 10.6.0.1/24 '{}' >/dev/null
assert_contains "$(ip -br addr show h0)" "10.6.0.1/24" "address on nobody's host link"
before=$(net_state mine roots)
DENIED_ACTION=org.example.netns.host
denied SetLink "" eth0 "{'up': <false>}"
denied AddAddress "" eth0 192.0.2.9/24 '{}'
denied SetLink "" lo "{'mtu': <uint32 1500>}"
# A route steers all the host's traffic: no owner detail, so no.
denied AddRoute "" 10.5.0.0/24 "{'dev': <'h0'>}"
after=$(net_state mine roots)
assert_eq "$after" "$before" "after the denied host calls"

step "the owner of a host link survives a restart and a rename"
restart_netnsd
nb SetLink "" h0 "{'name': <'h9'>}" >/dev/null
nb SetLink "" h9 "{'mtu': <uint32 1400>}" >/dev/null
assert_contains "$(ip link show h9)" "mtu 1400" "nobody's renamed host link"
nb DeleteLink "" h9 >/dev/null
assert_not_contains "$(ip -br link)" "h9" "host links after delete"
echo "PASS"
