# tests/lib/nat.sh: a namespace behind the host, and an "outside" beyond
# it, for the masquerade and port forward tests. Sourced after testlib.sh.
#
#   outside (iproute2) o0 10.99.0.2/24 fd00:99::2/64
#     |  up0 10.99.0.1/24 fd00:99::1/64: the host's second link, its "uplink"
#   host (the sandbox's own namespace)
#     |  ve-red 10.200.0.1/30 fd00:200::1/64
#   red (netnsd) eth0 10.200.0.2/30 fd00:200::2/64, default routes via the host
#
# A whoami server (tests/lib/whoami.py) in red and in outside, on port 80,
# answers "client ADDRESS": what it saw as the source.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

WHOAMI_PIDS=()

# whoami_start NAMESPACE PORT
whoami_start() {
    local ready="$NNS_RUN/whoami-$1-$2"
    rm -f "$ready"
    ip netns exec "$1" "$PYTHON" "$NNS_SRCDIR/tests/lib/whoami.py" "$2" "$ready" &
    WHOAMI_PIDS+=($!)
    wait_until 5 test -e "$ready"
}

whoami_stop() {
    local pid
    for pid in "${WHOAMI_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${WHOAMI_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    WHOAMI_PIDS=()
}

nat_outside() {
    ip netns add outside
    ip link add up0 type veth peer name o0 netns outside
    ip addr add 10.99.0.1/24 dev up0
    ip addr add fd00:99::1/64 dev up0
    ip link set up0 up
    ip -n outside addr add 10.99.0.2/24 dev o0
    ip -n outside addr add fd00:99::2/64 dev o0
    ip -n outside link set o0 up
    ip -n outside link set lo up
}

nat_red() {
    ns_call CreateNamespace 'sa{sv}' red 0 >/dev/null
    ns_gdbus CreateVeth "" ve-red red eth0 "{'up': <true>}" >/dev/null
    ns_gdbus AddAddress "" ve-red 10.200.0.1/30 '{}' >/dev/null
    ns_gdbus AddAddress "" ve-red fd00:200::1/64 '{}' >/dev/null
    ns_gdbus AddAddress red eth0 10.200.0.2/30 '{}' >/dev/null
    ns_gdbus AddAddress red eth0 fd00:200::2/64 '{}' >/dev/null
    wait_for_ipv6 ""
    wait_for_ipv6 red
    ns_gdbus AddRoute red default "{'via': <'10.200.0.1'>}" >/dev/null
    ns_gdbus AddRoute red default "{'via': <'fd00:200::1'>}" >/dev/null
}

# nat_topology: outside, red and their servers.
nat_topology() {
    nat_outside
    nat_red
    wait_for_ipv6 outside
    whoami_start red 80
    whoami_start outside 80
}

# get NAMESPACE URL: what the server at URL answers a client in NAMESPACE
# ("" is the host), or the curl error; never fails.
get() {
    local run=()
    [[ -n $1 ]] && run=(ip netns exec "$1")
    "${run[@]}" curl --silent --show-error --max-time 3 --globoff "$2" 2>&1 || true
}

# udp NAMESPACE ADDRESS PORT: what a UDP server answers a datagram from
# NAMESPACE, or "no answer".
udp() {
    local run=()
    [[ -n $1 ]] && run=(ip netns exec "$1")
    "${run[@]}" "$PYTHON" -c "
import socket, sys
family = socket.AF_INET6 if ':' in sys.argv[1] else socket.AF_INET
s = socket.socket(family, socket.SOCK_DGRAM)
s.settimeout(2)
s.sendto(b'who', (sys.argv[1], int(sys.argv[2])))
try:
    print(s.recv(512).decode().strip())
except OSError:
    print('no answer')" "$2" "$3"
}

# sysctl_in NAMESPACE KEY
sysctl_in() {
    if [[ -n $1 ]]; then ip netns exec "$1" sysctl -n "$2"; else sysctl -n "$2"; fi
}

# nft_table NAMESPACE: netnsd's table there, or "none".
nft_table() {
    local run=()
    [[ -n $1 ]] && run=(ip netns exec "$1")
    "${run[@]}" nft list table inet netnsd 2>/dev/null || echo none
}
