#!/bin/bash
# Spawn needs org.example.netns.spawn: without it nothing starts. The host
# namespace is for root only. The rule sees namespace, program (its
# canonical path) and owner.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

allow_rule manage 'action.id == "org.example.netns.manage" && subject.user == "nobody"'
wait_until 5 as_user nobody "$NETNSCTL" add mine

step "no spawn action: refused, nothing started"
run_capture out as_user nobody "$NETNSCTL" exec mine -- touch /tmp/spawned-by-nobody
assert_eq "$status" "3" "netnsctl's status"
assert_contains "$out" "not authorized to run '/usr/bin/touch' in namespace 'mine' (polkit action org.example.netns.spawn)" "the denial"
[[ ! -e /tmp/spawned-by-nobody ]] || fail "the program ran anyway"
expect_error "$ERR.NotAuthorized" as_user nobody ns_gdbus -i Spawn mine "['true']" '{}' 0 1 2

step "a rule on the details: the program and the namespace's owner"
allow_rule spawn 'action.id == "org.example.netns.spawn" && subject.user == "nobody" &&
                  action.lookup("program") == "/usr/bin/id" && action.lookup("owner-user") == "nobody" &&
                  action.lookup("namespace") == "mine"'
wait_until 5 as_user nobody "$NETNSCTL" exec mine -- id -u
assert_eq "$(as_user nobody "$NETNSCTL" exec mine -- id -u)" "65534" "id -u"
expect_exit 3 as_user nobody "$NETNSCTL" exec mine -- true
ns_call CreateNamespace 'sa{sv}' roots 0 >/dev/null
expect_exit 3 as_user nobody "$NETNSCTL" exec roots -- id

step "the host namespace: root only"
allow_rule all 'subject.user == "nobody"'
sleep 1.5
run_capture out as_user nobody ns_gdbus -i Spawn "" "['id']" '{}' 0 1 2
assert_contains "$out" "$ERR.NotAuthorized: only root may run programs in the host namespace" "non-root in the host"
assert_eq "$("$NETNSCTL" exec "" -- readlink /proc/self/ns/net)" "$(readlink /proc/self/ns/net)" "root in the host"
assert_eq "$("$NETNSCTL" exec mine -- id -u)" "0" "root keeps root, as with ip netns exec"
echo "PASS"
