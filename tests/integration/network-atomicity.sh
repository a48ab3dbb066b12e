#!/bin/bash
# A method that fails changes nothing: a veth pair whose second end cannot
# be placed is not left half-made, and a SetLink with one bad part applies
# none of its parts.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

ns_call CreateNamespace 'sa{sv}' red 0 >/dev/null
ns_call CreateNamespace 'sa{sv}' blue 0 >/dev/null
ns_gdbus CreateVeth red r0 blue b0 "{'mtu': <uint32 1500>}" >/dev/null

step "a veth pair whose peer name is taken in the peer's namespace"
before=$(net_state red blue)
expect_error "$ERR.Exists" ns_gdbus CreateVeth "" h1 blue b0 "{'up': <true>}"
after=$(net_state red blue)
assert_eq "$after" "$before" "after the failed CreateVeth"

step "a veth pair whose peer namespace vanishes between call and creation"
# The peer namespace is deleted by ip while the call waits for polkit:
# nothing may be created in the first namespace.
allow_rule nobody 'subject.user == "nobody"'
ns_gdbus CreateVeth red r9 blue b9 '{}' >/dev/null && ns_gdbus DeleteLink red r9 >/dev/null
wait_until 5 as_user nobody "$NETNSCTL" list
ip netns add gone
wait_until 5 bash -c "busctl --system call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE ListNamespaces | grep -q gone"
kill -STOP "$(cat "$NNS_RUN/polkitd.pid")"
as_user nobody ns_gdbus -i CreateVeth red r1 gone g1 '{}' > "$NNS_RUN/slow-call.log" 2>&1 &
slow=$!
sleep 0.5
ip netns del gone
kill -CONT "$(cat "$NNS_RUN/polkitd.pid")"
wait $slow && fail "CreateVeth into a deleted namespace succeeded"
assert_contains "$(cat "$NNS_RUN/slow-call.log")" "namespace 'gone' not found" "the error after the race"
assert_not_contains "$(ip -n red -br link)" "r1" "links in red: no half pair left"
remove_rule nobody

step "SetLink: one bad key, none applied"
before=$(net_state red blue)
expect_error "$ERR.InvalidArgument" ns_gdbus SetLink red r0 "{'mtu': <uint32 1400>, 'up': <true>, 'address': <'zz'>}"
after=$(net_state red blue)
assert_eq "$after" "$before" "after SetLink with a bad address"
expect_error "$ERR.InvalidArgument" ns_gdbus SetLink red r0 "{'mtu': <uint32 1400>, 'bogus': <1>}"
after=$(net_state red blue)
assert_eq "$after" "$before" "after SetLink with an unknown key"

step "SetLink: the kernel refuses the last part, the earlier ones are undone"
ns_gdbus CreateVeth red r2 red r3 '{}' >/dev/null
before=$(net_state red blue)
expect_error "$ERR.Exists" ns_gdbus SetLink red r0 "{'mtu': <uint32 1400>, 'address': <'02:00:00:00:00:99'>, 'name': <'r2'>}"
after=$(net_state red blue)
assert_eq "$after" "$before" "after SetLink with a taken name"

step "SetLink: all parts at once"
ns_gdbus SetLink red r0 "{'mtu': <uint32 1400>, 'up': <true>, 'address': <'02:00:00:00:00:99'>, 'name': <'r5'>}" >/dev/null
assert_eq "$(ip -n red -j link show r5 | json_get 'd[0]["mtu"], d[0]["address"], "UP" in d[0]["flags"]')" \
    "1400 02:00:00:00:00:99 True" "after a good SetLink"
echo "PASS"
