#!/bin/bash
# When the kernel drops notifications (netnsd's socket overflowed), netnsd
# reads every namespace again, and the link objects come out as ip shows
# the links: those made meanwhile exported, those gone dropped, changes
# (a rename, a new MTU, an address, a bridge that went) applied, and
# every veth's Peer right.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

LINKS="$NNS_SRCDIR/tests/lib/link_objects.py"

peer_of() {
    "$PYTHON" "$LINKS" objects | json_get "d['$("$PYTHON" "$LINKS" path "$1" "$2")']['org.example.NetNs.Link']['Peer']"
}

ns_call CreateNamespace 'sa{sv}' red 0 >/dev/null
ns_gdbus CreateVeth "" h0 red r0 '{}' >/dev/null
ip -n red link add br0 type bridge
ip -n red link set r0 master br0
ip -n red link add name gone0 type veth peer name gone1
wait_until 5 "$PYTHON" "$LINKS" path red gone1
pid=$(cat "$NNS_RUN/netnsd.pid")

step "while netnsd is stopped, more changes than its socket can hold"
kill -STOP "$pid"
# Some 10,000 notifications of 2 KiB and more, past the 16 MiB the
# kernel lets netnsd's socket hold.
for i in $(seq 1000); do echo "link add a$i type veth peer name b$i"; done > "$NNS_RUN/pairs.txt"
for mtu in 1400 1401 1402 1403; do
    for i in $(seq 1000); do echo "link set a$i mtu $mtu"; echo "link set b$i mtu $mtu"; done
done > "$NNS_RUN/changes.txt"
ip -n red -batch "$NNS_RUN/pairs.txt"
ip -n red -batch "$NNS_RUN/changes.txt"
ip link set h0 mtu 1300
ip -n red link set r0 nomaster
ip -n red link del br0
ip -n red addr add 10.9.9.9/24 dev r0
ip -n red link set r0 name r0x
ip -n red link del gone0
ip link add name hx type veth peer name rx netns red
kill -CONT "$pid"

step "netnsd reads every namespace again: its objects are what ip shows"
wait_until 60 grep -q "link notifications overran" "$NNS_RUN/netnsd.log"
wait_until 60 "$PYTHON" "$LINKS" compare "" red
run_capture out "$PYTHON" "$LINKS" compare "" red
assert_eq "$out" "" "differences from ip"
assert_eq "$(peer_of "" h0)" "red/r0x" "h0's Peer"
assert_eq "$(peer_of "" hx)" "red/rx" "hx's Peer"
assert_eq "$(peer_of red rx)" "/hx" "rx's Peer"
assert_eq "$(peer_of red b123)" "red/a123" "b123's Peer"
echo "PASS"
