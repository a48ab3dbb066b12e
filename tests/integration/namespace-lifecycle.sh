#!/bin/bash
# Create, list and delete a namespace through busctl and gdbus; iproute2
# sees exactly what netnsd reports.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

step "Version property"
version=$(busctl --system get-property $BUS_NAME $MANAGER_PATH $MANAGER_IFACE Version)
assert_eq "$version" "s \"$NNS_VERSION\"" "Version"

step "CreateNamespace through busctl"
out=$(ns_call CreateNamespace 'sa{sv}' red 0)
assert_eq "$out" "o \"$(ns_path red)\"" "CreateNamespace reply"
assert_eq "$(netns_names)" "red " "ip netns list"

step "the loopback link inside is up, as loopback-up defaults to true"
lo=$(ip netns exec red ip -br link show lo)
assert_contains "$lo" "UP" "lo inside red"

step "properties: Name, Owner (root), Inode as stat shows it"
assert_eq "$(ns_property red Name)" 's "red"' "Name"
assert_eq "$(ns_property red Owner)" 'u 0' "Owner"
inode=$(stat -L -c %i /run/netns/red)
assert_eq "$(ns_property red Inode)" "t $inode" "Inode"
# The inode is the namespace's: what processes inside see as their netns.
assert_eq "$(ip netns exec red stat -L -c %i /proc/self/ns/net)" "$inode" "inode seen inside"

step "CreateNamespace through gdbus, with loopback-up false"
out=$(gdbus call --system -d $BUS_NAME -o $MANAGER_PATH \
      -m $MANAGER_IFACE.CreateNamespace blue "{'loopback-up': <false>}")
assert_eq "$out" "(objectpath '$(ns_path blue)',)" "gdbus CreateNamespace reply"
lo=$(ip netns exec blue ip -br link show lo)
assert_contains "$lo" "DOWN" "lo inside blue"

step "ListNamespaces: sorted by name, with object paths"
out=$(ns_call ListNamespaces)
assert_eq "$out" "a(so) 2 \"blue\" \"$(ns_path blue)\" \"red\" \"$(ns_path red)\"" "ListNamespaces"
objects=$(busctl --system --json=short call $BUS_NAME $MANAGER_PATH \
          org.freedesktop.DBus.ObjectManager GetManagedObjects)
assert_contains "$objects" "\"$(ns_path red)\"" "GetManagedObjects"
assert_contains "$objects" "\"$(ns_path blue)\"" "GetManagedObjects"

step "DeleteNamespace"
ns_call DeleteNamespace 'sa{sv}' red 0
assert_eq "$(netns_names)" "blue " "ip netns list after delete"
assert_eq "$(ns_call ListNamespaces)" "a(so) 1 \"blue\" \"$(ns_path blue)\"" "ListNamespaces after delete"
run_capture out busctl --system introspect $BUS_NAME "$(ns_path red)"
assert_not_contains "$out" "$NS_IFACE" "the deleted namespace's object"
gdbus call --system -d $BUS_NAME -o $MANAGER_PATH -m $MANAGER_IFACE.DeleteNamespace blue '{}' >/dev/null
assert_no_namespaces "deleting everything"
echo "PASS"
