#!/bin/bash
# A non-root caller is denied with nothing changed, then allowed once a
# polkit rule in rules.d grants the action; the rule sees the details.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

step "nobody without a rule: denied, nothing created"
expect_error "$ERR.NotAuthorized" as_user nobody ns_gdbus -i CreateNamespace mine '{}'
run_capture out as_user nobody "$NETNSCTL" add mine
assert_eq "$status" "3" "netnsctl exit status when not authorized"
assert_contains "$out" "not authorized to create namespace 'mine' (polkit action org.example.netns.manage)" \
    "netnsctl's message"
assert_not_contains "$out" "GDBus.Error" "netnsctl's message"
# Without the interactive flag, the D-Bus spec's error tells the caller a
# password prompt would be needed.
expect_error "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired" as_user nobody \
    ns_gdbus CreateNamespace mine '{}'
assert_no_namespaces "the denied calls"

step "a rule allows manage for nobody, for the namespace 'mine' only"
allow_rule nobody-mine 'action.id == "org.example.netns.manage" && subject.user == "nobody" &&
                        action.lookup("namespace") == "mine"'
wait_until 5 as_user nobody "$NETNSCTL" add mine
assert_eq "$(netns_names)" "mine " "ip netns list"
assert_eq "$(ns_property mine Owner)" "u 65534" "Owner is the caller's uid"
expect_exit 3 as_user nobody "$NETNSCTL" add other
assert_eq "$(netns_names)" "mine " "ip netns list after the denied name"

step "nobody may delete its own namespace with manage"
ns_call CreateNamespace 'sa{sv}' roots 0 >/dev/null
as_user nobody "$NETNSCTL" delete mine
assert_eq "$(netns_names)" "roots " "ip netns list"

step "but not root's, nor one ip made: that takes manage-any"
allow_rule nobody-all 'action.id == "org.example.netns.manage" && subject.user == "nobody"'
ip netns add by_ip
wait_until 5 bash -c "busctl --system call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE ListNamespaces | grep -q by_ip"
expect_exit 3 as_user nobody "$NETNSCTL" delete roots
expect_exit 3 as_user nobody "$NETNSCTL" delete by_ip
run_capture out as_user nobody "$NETNSCTL" delete roots
assert_contains "$out" "org.example.netns.manage-any" "the action named in the denial"

step "manage-any, with the owner detail, lets nobody delete root's namespace"
allow_rule nobody-any 'action.id == "org.example.netns.manage-any" && subject.user == "nobody" &&
                       action.lookup("owner") == "0"'
wait_until 5 as_user nobody "$NETNSCTL" delete roots
# A namespace ip made has no owner detail: the rule above does not match it.
expect_exit 3 as_user nobody "$NETNSCTL" delete by_ip
assert_eq "$(netns_names)" "by_ip " "ip netns list"

step "another user's namespace is not nobody's own"
allow_rule alice 'action.id == "org.example.netns.manage" && subject.user == "nns-alice"'
wait_until 5 as_user nns-alice "$NETNSCTL" add alices
assert_eq "$(ns_property alices Owner)" "u 60001" "Owner of alice's namespace"
remove_rule nobody-any
sleep 1.5
expect_exit 3 as_user nobody "$NETNSCTL" delete alices
as_user nns-alice "$NETNSCTL" delete alices
ip netns del by_ip
echo "PASS"
