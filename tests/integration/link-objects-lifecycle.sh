#!/bin/bash
# Link objects come and go with the links, whoever makes or removes them:
# iproute2's links get objects, a link moved to another namespace leaves
# its old object for a new one there (and its other end's Peer follows),
# a namespace's links go with it, and a restarted netnsd shows them all
# again.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

LINKS="$NNS_SRCDIR/tests/lib/link_objects.py"
HOST_PATH=$MANAGER_PATH/host

expect() {
    local out
    run_capture out "$PYTHON" "$LINKS" wait --timeout=10 "$@"
    [[ $status == 0 ]] || fail "$out"
    echo "$out" | sed 's/^/  /'
    EXPECTED=$out
}

# added_path NAME: the path the last expect printed for the link NAME.
added_path() {
    sed -n "s|^added:.*:$1 after .* -> ||p" <<< "$EXPECTED"
}

peer_of() {
    "$PYTHON" "$LINKS" objects | json_get "d['$1']['org.example.NetNs.Link']['Peer']"
}

index_of() {
    local ip=(ip)
    [[ -n $1 ]] && ip=(ip -n "$1")
    "${ip[@]}" -j link show "$2" | json_get 'd[0]["ifindex"]'
}

ns_call CreateNamespace 'sa{sv}' red 0 >/dev/null
ns_call CreateNamespace 'sa{sv}' blue 0 >/dev/null
red_path=$(ns_path red)
blue_path=$(ns_path blue)

step "a veth pair made by ip gets two objects"
expect "added:$red_path:va" "added:$red_path:vb" -- ip -n red link add name va type veth peer name vb
va=$(added_path va)
vb=$(added_path vb)
assert_eq "$va" "$red_path/link/$(index_of red va)" "va's path"
assert_eq "$(peer_of "$va")" "red/vb" "va's Peer"

step "ip link del removes them"
expect "removed:$va" "removed:$vb" -- ip -n red link del va
assert_not_contains "$("$PYTHON" "$LINKS" objects)" "\"$va\"" "GetManagedObjects after the deletion"

step "a link moved to another namespace: one object goes, another comes"
ns_gdbus CreateVeth "" h0 red m0 '{}' >/dev/null
h0=$("$PYTHON" "$LINKS" path "" h0)
m0=$("$PYTHON" "$LINKS" path red m0)
assert_eq "$(peer_of "$h0")" "red/m0" "h0's Peer before the move"
expect "removed:$m0" "added:$blue_path:m0" "changed:$h0:Peer=\"blue/m0\"" \
    -- ip -n red link set m0 netns blue
moved=$(added_path m0)
assert_eq "$moved" "$blue_path/link/$(index_of blue m0)" "m0's new path"
assert_eq "$(peer_of "$moved")" "/h0" "m0's Peer after the move"

step "moved by netnsd, into the host, under a new name"
# The kernel tells of the link in the host under its old name, then of
# the new name.
expect "removed:$moved" "added:$HOST_PATH:m0" "changed:$h0:Peer=\"/m1\"" \
    -- "$NETNSCTL" link set -n blue m0 netns "" name m1
m1=$(added_path m0)
assert_eq "$m1" "$HOST_PATH/link/$(index_of "" m1)" "m1's path"
assert_eq "$(peer_of "$m1")" "/h0" "m1's Peer"

step "and from the host into a namespace by ip"
expect "removed:$m1" "added:$red_path:m1" "changed:$h0:Peer=\"red/m1\"" -- ip link set m1 netns red

step "deleting a namespace removes its links' objects, then its own"
ip -n blue link add name b0 type veth peer name b1
wait_until 5 "$PYTHON" "$LINKS" path blue b1
expect "removed:$blue_path/link/1" "removed:$blue_path/link/$(index_of blue b0)" \
    "removed:$blue_path/link/$(index_of blue b1)" "removed:$blue_path" \
    -- "$NETNSCTL" delete blue

step "deleting the namespace at the other end of a veth: the host end goes with it"
expect "removed:$h0" -- ip netns del red
assert_eq "$("$PYTHON" "$LINKS" objects | json_get "sorted(p for p in d if '/link/' in p)")" \
    "['$HOST_PATH/link/1']" "the link objects left"

step "after a restart, the objects are there again"
ns_call CreateNamespace 'sa{sv}' green 0 >/dev/null
ns_gdbus CreateVeth "" g0 green g1 "{'up': <true>}" >/dev/null
ip -n green link add name gx type veth peer name gy
ip -n green link add br0 type bridge
ip -n green link set gx master br0
# Both ends' IPv6 link-local addresses checked: nothing changes meanwhile.
wait_until 10 bash -c '[[ -n $(ip -6 addr show dev g0 scope link -tentative) &&
                          -n $(ip -n green -6 addr show dev g1 scope link -tentative) ]]'
wait_until 10 "$PYTHON" "$LINKS" compare "" green
before=$("$PYTHON" "$LINKS" objects)
restart_netnsd
after=$("$PYTHON" "$LINKS" objects)
assert_eq "$after" "$before" "GetManagedObjects after a restart"
assert_eq "$(peer_of "$("$PYTHON" "$LINKS" path green g1)")" "/g0" "g1's Peer after the restart"
echo "PASS"
