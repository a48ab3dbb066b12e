#!/bin/bash
# The creator's uid survives a netnsd restart, and is forgotten when the
# name comes to hold another namespace.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

allow_rule nobody 'action.id == "org.example.netns.manage" && subject.user == "nobody"'
wait_until 5 as_user nobody "$NETNSCTL" add kept
wait_until 5 as_user nobody "$NETNSCTL" add replaced
ns_call CreateNamespace 'sa{sv}' roots 0 >/dev/null
inode=$(stat -L -c %i /run/netns/kept)

step "restart: owners and inodes as before"
restart_netnsd
assert_eq "$(ns_property kept Owner)" "u 65534" "Owner after restart"
assert_eq "$(ns_property kept Inode)" "t $inode" "Inode after restart"
assert_eq "$(ns_property roots Owner)" "u 0" "root's namespace after restart"
as_user nobody "$NETNSCTL" delete kept

step "while netnsd is down, ip replaces one name and deletes another"
stop_netnsd
ip netns del replaced
ip netns add replaced
ip netns del roots
start_netnsd
assert_eq "$(ns_property replaced Owner)" "u 4294967295" "Owner of a name ip re-created: unknown"
expect_exit 3 as_user nobody "$NETNSCTL" delete replaced
assert_eq "$(ls -A /run/netnsd/namespaces)" "" "owner records left"
ip netns del replaced
assert_no_namespaces "the clean-up"
echo "PASS"
