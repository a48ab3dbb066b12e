#!/bin/bash
# tools/demo-tutorial.sh: the tutorial's steps through netnsctl, each
# followed by what iproute2 shows. Runs inside tests/lib/sandbox.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
source "$NNS_SRCDIR/tests/lib/nginx.sh"

netnsctl() { "$NNS_BUILDDIR/client/netnsctl" "$@"; }

if [[ -t 1 ]]; then bold=$'\033[1m' plain=$'\033[0m'; else bold= plain=; fi

# show CMD...: prints the command as typed at a shell, then runs it.
show() {
    printf '\n%s$ %s%s\n' "$bold" "$*" "$plain"
    "$@"
}

say() {
    printf '\n%s# %s%s\n' "$bold" "$*" "$plain"
}

web="$NNS_RUN/tutorial-nginx"
cleanup() {
    nginx_stop "$web"
    netnsctl link delete veth0 2>/dev/null || true
    netnsctl delete direct_netns 2>/dev/null || true
}
trap cleanup EXIT

echo "netnsd demo: a private system bus, polkitd and netnsd run in a sandbox;"
echo "every change below goes through netnsd over D-Bus, and ip shows the result."

say "ip netns add direct_netns  (netnsd also brings lo up inside)"
show netnsctl add direct_netns
show ip netns list

say "ip link add veth0 type veth peer name veth1 netns direct_netns"
show netnsctl link add veth0 type veth peer veth1 netns direct_netns
show ip -br link
show ip -n direct_netns -br link

say "ip addr add 10.200.0.2/24 dev veth0; the same inside for veth1"
show netnsctl addr add 10.200.0.2/24 dev veth0
show netnsctl addr add -n direct_netns 10.200.0.3/24 dev veth1

say "ip link set veth0 up; inside: veth1 and lo up"
show netnsctl link set veth0 up
show netnsctl link set -n direct_netns veth1 up
show netnsctl link show -n direct_netns
show ip -br addr show veth0
show ip -n direct_netns -br addr

say "a server inside the namespace: nginx, with its own configuration"
nginx_prepare "$web" direct_netns 80 10.200.0.3
show ip netns exec direct_netns nginx -c "$web/nginx.conf"
for _ in $(seq 50); do [[ -s "$web/nginx.pid" ]] && break; sleep 0.1; done

say "the host fetches the page over the veth pair"
show curl --silent --show-error --max-time 5 http://10.200.0.3/

say "tidy up"
nginx_stop "$web"
show netnsctl link delete veth0
show netnsctl delete direct_netns
show ip netns list
trap - EXIT
printf '\nDone: the tutorial ran through netnsd, and nothing is left behind.\n'
