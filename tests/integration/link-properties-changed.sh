#!/bin/bash
# A link changed by iproute2 sends PropertiesChanged on its own object,
# with the new value and only what changed. Each line prints how long the
# signal took from just before `ip` started (figures, not asserted: the
# suite also runs under valgrind).
source "$NNS_SRCDIR/tests/lib/testlib.sh"

LINKS="$NNS_SRCDIR/tests/lib/link_objects.py"

# expect EXPECTATION... -- COMMAND...: COMMAND makes netnsd send those
# signals (tests/lib/link_objects.py wait).
expect() {
    local out
    run_capture out "$PYTHON" "$LINKS" wait --timeout=10 "$@"
    [[ $status == 0 ]] || fail "$out"
    echo "$out" | sed 's/^/  /'
}

ns_call CreateNamespace 'sa{sv}' red 0 >/dev/null
ns_gdbus CreateVeth "" veth0 red veth1 '{}' >/dev/null
red_path=$(ns_path red)
veth0=$("$PYTHON" "$LINKS" path "" veth0)
veth1=$("$PYTHON" "$LINKS" path red veth1)

step "mtu"
expect "only:$veth1:Mtu=1400" -- ip -n red link set veth1 mtu 1400
expect "only:$veth0:Mtu=1300" -- ip link set veth0 mtu 1300

step "up and down"
expect "changed:$veth1:Up=true" -- ip -n red link set veth1 up
expect "changed:$veth0:Up=true" "changed:$veth0:Carrier=true" "changed:$veth0:OperState=\"up\"" \
    "changed:$veth1:Carrier=true" "changed:$veth1:OperState=\"up\"" -- ip link set veth0 up
expect "changed:$veth1:Up=false" "changed:$veth1:OperState=\"down\"" \
    "changed:$veth0:Carrier=false" -- ip -n red link set veth1 down

step "addresses"
expect "only:$veth1:Addresses=[\"10.200.9.1/24\"]" -- ip -n red addr add 10.200.9.1/24 dev veth1
expect "only:$veth1:Addresses=[\"10.200.9.1/24\", \"fd00:9::1/64\"]" \
    -- ip -n red addr add fd00:9::1/64 dev veth1 nodad
expect "only:$veth1:Addresses=[\"10.200.9.1/24\", \"10.200.10.1/24\", \"fd00:9::1/64\"]" \
    -- ip -n red addr add 10.200.10.1/24 dev veth1
expect "only:$veth1:Addresses=[\"10.200.10.1/24\", \"fd00:9::1/64\"]" \
    -- ip -n red addr del 10.200.9.1/24 dev veth1
expect "changed:$veth0:Addresses~10.200.9.2/24" -- ip addr add 10.200.9.2/24 dev veth0

step "hardware address"
expect "only:$veth1:Address=\"02:00:00:00:00:42\"" -- ip -n red link set veth1 address 02:00:00:00:00:42

step "a bridge, and a port joining and leaving it"
expect "added:$red_path:br0" -- ip -n red link add br0 type bridge
expect "changed:$veth1:Master=\"br0\"" -- ip -n red link set veth1 master br0
br0=$("$PYTHON" "$LINKS" path red br0)
expect "changed:$br0:Name=\"bridge0\"" "changed:$veth1:Master=\"bridge0\"" \
    -- ip -n red link set br0 name bridge0
expect "changed:$veth1:Master=\"\"" -- ip -n red link set veth1 nomaster

step "a rename shows at the other end too"
expect "changed:$veth1:Name=\"wire1\"" "only:$veth0:Peer=\"red/wire1\"" \
    -- ip -n red link set veth1 name wire1
# The kernel renames only a link that is down.
expect "changed:$veth0:Up=false" -- ip link set veth0 down
expect "changed:$veth0:Name=\"wire0\"" "only:$veth1:Peer=\"/wire0\"" -- ip link set veth0 name wire0

step "netnsd's own changes too"
expect "only:$veth1:Mtu=1500" -- "$NETNSCTL" link set -n red wire1 mtu 1500
echo "PASS"
