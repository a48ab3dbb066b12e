#!/bin/bash
# What other tools (or crashes) leave in /run/netns: a symbolic link to
# another process's namespace, a plain file, a bind mount of the host's own
# namespace, names that are numbers or hold a newline. netnsd lists them
# as they are, never follows a link, treats the host's namespace as the
# host whatever its name, and removes nothing it did not make.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

ns_call CreateNamespace 'sa{sv}' ours 0 >/dev/null
ln -s /proc/1/ns/net /run/netns/evil_link
touch /run/netns/stale_file
chmod 0 /run/netns/stale_file
touch /run/netns/host_alias
mount --bind /proc/1/ns/net /run/netns/host_alias
ip netns add 42
ip netns add $'new\nline'
sleep 2.5   # the grace netnsd gives a plain file to become a namespace

step "listed honestly"
names=$(busctl --system --json=short call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE ListNamespaces |
        json_get '[n for n, p in d["data"][0]]')
assert_eq "$names" "['42', 'evil_link', 'host_alias', 'new\\nline', 'ours', 'stale_file']" "ListNamespaces"
assert_eq "$(ns_property evil_link Inode)" "t 0" "a link's Inode: not followed"
assert_eq "$(ns_property stale_file Inode)" "t 0" "a plain file's Inode"
assert_eq "$(ns_property host_alias Inode)" "t $(stat -L -c %i /proc/1/ns/net)" "the alias's Inode"
assert_eq "$(ns_property 42 Inode)" "t $(stat -L -c %i /run/netns/42)" "a number as a name"
assert_eq "$(busctl --system get-property $BUS_NAME "$MANAGER_PATH/namespace/new_0aline" $NS_IFACE Inode)" \
    "t $(stat -L -c %i $'/run/netns/new\nline')" "a newline in a name"

step "a link is never followed"
expect_error "$ERR.NotFound: '/run/netns/evil_link' is not a live network namespace" \
    ns_gdbus CreateVeth evil_link e0 ours o0 '{}'
expect_error "$ERR.NotFound" ns_gdbus SetSysctl evil_link net.ipv4.ip_forward 1
expect_error "$ERR.NotFound" ns_gdbus ListLinks evil_link
expect_exit 4 "$NETNSCTL" exec evil_link -- true
assert_eq "$(ip -br link | grep -c e0 || true)" "0" "links made in the host through the link"

step "the host's namespace under another name is the host"
allow_rule nobody 'subject.user == "nobody" && action.id != "org.example.netns.host"'
wait_until 5 as_user nobody "$NETNSCTL" list
run_capture out as_user nobody ns_gdbus -i CreateVeth host_alias a0 ours a1 '{}'
assert_contains "$out" "(polkit action org.example.netns.host)" "CreateVeth into the alias"
run_capture out as_user nobody ns_gdbus -i SetSysctl host_alias net.ipv4.ip_forward 1
assert_contains "$out" "(polkit action org.example.netns.host)" "SetSysctl in the alias"
run_capture out as_user nobody ns_gdbus -i Spawn host_alias "['true']" '{}' 0 1 2
assert_contains "$out" "only root may run programs in the host namespace" "Spawn into the alias"
expect_error "$ERR.InvalidArgument: link 'ours0' is in namespace 'host_alias' already" \
    ns_gdbus MoveLink "" ours0 host_alias '{}' 2>/dev/null || true

step "a stale plain file: Exists for creation, and root may delete it"
expect_error "$ERR.Exists" ns_gdbus CreateNamespace stale_file '{}'
ns_call DeleteNamespace 'sa{sv}' stale_file 0
ip netns add stale_file
wait_until 5 bash -c "[[ \$(busctl --system get-property $BUS_NAME $(ns_path stale_file) $NS_IFACE Inode) != 't 0' ]]"

step "names that are numbers or hold a newline can be deleted"
ns_call DeleteNamespace 'sa{sv}' 42 0
run_capture out "$PYTHON" "$NNS_SRCDIR/tests/lib/call.py" DeleteNamespace "('new\nline', @a{sv} {})"
assert_eq "$out" "()" "DeleteNamespace of a name with a newline"
assert_eq "$(ls -A /run/netns | sort | tr '\n' ' ')" "evil_link host_alias ours stale_file " "/run/netns"

step "a restart removes nothing netnsd did not make"
touch /run/netns/another_stale
restart_netnsd
assert_eq "$(ls -A /run/netns | sort | tr '\n' ' ')" "another_stale evil_link host_alias ours stale_file " "/run/netns after a restart"
assert_eq "$(readlink /run/netns/evil_link)" "/proc/1/ns/net" "the link, untouched"
umount /run/netns/host_alias
echo "PASS"
