#!/bin/bash
# polkitd stopped means denied (fail closed); root still works.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

step "with polkitd and a rule, nobody may create"
allow_rule nobody 'action.id == "org.example.netns.manage" && subject.user == "nobody"'
wait_until 5 as_user nobody "$NETNSCTL" add while_up
as_user nobody "$NETNSCTL" delete while_up

step "polkitd stopped: the same call is denied"
kill "$(cat "$NNS_RUN/polkitd.pid")"
wait_until 5 bash -c "! gdbus call --system -d org.freedesktop.DBus -o /org/freedesktop/DBus \
    -m org.freedesktop.DBus.GetNameOwner org.freedesktop.PolicyKit1"
run_capture out as_user nobody "$NETNSCTL" add while_down
assert_eq "$status" "3" "netnsctl exit status"
assert_contains "$out" "authorization could not be checked" "the denial says why"
expect_error "$ERR.NotAuthorized" as_user nobody ns_gdbus -i CreateNamespace while_down '{}'
expect_error "$ERR.NotAuthorized" as_user nobody ns_gdbus CreateNamespace while_down '{}'
assert_no_namespaces "the denied calls"

step "root needs no polkit"
"$NETNSCTL" add by_root
"$NETNSCTL" delete by_root
assert_no_namespaces "root's add and delete"
echo "PASS"
