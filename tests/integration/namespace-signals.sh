#!/bin/bash
# A subscriber sees NamespaceAdded/NamespaceRemoved and the object
# manager's signals, for netnsd's own changes and for iproute2's.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

start_monitor
trap stop_monitor EXIT

step "changes made through netnsd"
ns_call CreateNamespace 'sa{sv}' sig_a 0 >/dev/null
expect_signal "$MANAGER_IFACE.NamespaceAdded ('sig_a', objectpath '$(ns_path sig_a)')"
expect_signal "org.freedesktop.DBus.ObjectManager.InterfacesAdded (objectpath '$(ns_path sig_a)'"
ns_call DeleteNamespace 'sa{sv}' sig_a 0
expect_signal "$MANAGER_IFACE.NamespaceRemoved ('sig_a', objectpath '$(ns_path sig_a)')"
expect_signal "org.freedesktop.DBus.ObjectManager.InterfacesRemoved (objectpath '$(ns_path sig_a)'"

step "changes made by ip netns"
ip netns add sig_b
expect_signal "$MANAGER_IFACE.NamespaceAdded ('sig_b', objectpath '$(ns_path sig_b)')"
ip netns del sig_b
expect_signal "$MANAGER_IFACE.NamespaceRemoved ('sig_b', objectpath '$(ns_path sig_b)')"

step "each change is announced once"
assert_eq "$(grep -c "NamespaceAdded ('sig_b'" "$MONITOR_LOG")" "1" "NamespaceAdded count for sig_b"
assert_eq "$(grep -c "NamespaceRemoved ('sig_a'" "$MONITOR_LOG")" "1" "NamespaceRemoved count for sig_a"
echo "PASS"
