#!/bin/bash
# libnetns from C (tests/libnetns/test-libnetns.c): clients made both
# ways, namespaces and their signals, the trios of the change methods,
# Apply, programs and errors in NETNS_ERROR, as root; then as nobody,
# denied without a rule (with and without the interactive flag) and
# allowed with one.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

test_program="$NNS_LIBNETNS_TESTS/test-libnetns"

step "another tool's namespace, for the client to find"
ip netns add outside

step "as root"
"$test_program" -p /libnetns/root

step "as nobody, without a rule"
as_user nobody "$test_program" -p /libnetns/nobody/not-authorized
assert_eq "$(ls -A /run/netns)" "outside" "/run/netns after the denied calls"

step "as nobody, with a rule for its own namespace"
allow_rule nobody-mine 'action.id == "org.example.netns.manage" && subject.user == "nobody" &&
                        action.lookup("namespace") == "mine"'
# polkitd reads the rule within a moment.
wait_until 5 as_user nobody "$NETNSCTL" --no-ask-password add mine
"$NETNSCTL" delete mine
as_user nobody "$test_program" -p /libnetns/nobody/allowed
assert_eq "$(ls -A /run/netns)" "outside" "/run/netns at the end"
