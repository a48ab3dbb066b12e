#!/bin/bash
# Exists on a duplicate, NotFound on a missing namespace, InvalidArgument
# on bad options; a failed call changes nothing.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

step "Exists on a duplicate name, whoever made the first"
ns_call CreateNamespace 'sa{sv}' dup 0 >/dev/null
before=$(stat -L -c %i /run/netns/dup)
expect_error "$ERR.Exists" ns_gdbus CreateNamespace dup '{}'
assert_eq "$(stat -L -c %i /run/netns/dup)" "$before" "the existing namespace is untouched"
ip netns add made_by_ip
wait_until 5 bash -c "busctl --system call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE ListNamespaces | grep -q made_by_ip"
expect_error "$ERR.Exists" ns_gdbus CreateNamespace made_by_ip '{}'
ns_call DeleteNamespace 'sa{sv}' dup 0
ip netns del made_by_ip

step "NotFound on a namespace that does not exist"
expect_error "$ERR.NotFound" ns_gdbus DeleteNamespace missing '{}'
out=$(busctl --system call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE DeleteNamespace 'sa{sv}' missing 0 2>&1 || true)
assert_contains "$out" "namespace 'missing' not found" "the message names the namespace"

step "InvalidArgument on unknown option keys and wrong types"
expect_error "$ERR.InvalidArgument: unknown option 'bogus'" \
    ns_gdbus CreateNamespace opt "{'bogus': <true>}"
expect_error "$ERR.InvalidArgument: option 'loopback-up' must be of type 'b', not 's'" \
    ns_gdbus CreateNamespace opt "{'loopback-up': <'yes'>}"
expect_error "$ERR.InvalidArgument: unknown option 'force'" \
    ns_gdbus DeleteNamespace opt "{'force': <true>}"
wait_until 5 bash -c "[[ -z \$(ls -A /run/netns) ]]"
assert_no_namespaces "rejected calls"
echo "PASS"
