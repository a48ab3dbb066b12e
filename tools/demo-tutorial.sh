#!/bin/bash
# tools/demo-tutorial.sh: the tutorial through netnsctl, as a user who is
# not root, allowed by the example polkit rule; each step followed by what
# iproute2 shows. Runs inside tests/lib/sandbox, which provides the user
# nns-alice in the group netns.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
source "$NNS_SRCDIR/tests/lib/nginx.sh"

user=nns-alice
web="$NNS_RUN/tutorial-nginx"
netnsctl="$NNS_BUILDDIR/client/netnsctl"

if [[ -t 1 ]]; then bold=$'\033[1m' plain=$'\033[0m'; else bold= plain=; fi

# shown CMD...: CMD as one would type it, quoting only words that need it.
shown() {
    local word out=()
    for word in "$@"; do
        if [[ $word =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then out+=("$word"); else out+=("'$word'"); fi
    done
    echo "${out[*]}"
}

say() {
    printf '\n%s# %s%s\n' "$bold" "$*" "$plain"
}

# as_user CMD...: runs CMD as the unprivileged user, shown as typed.
as_user() {
    printf '%s%s$ %s%s\n' "$bold" "$user" "$(shown "$@")" "$plain"
    setpriv --reuid="$user" --regid="$user" --init-groups -- "$@"
}

netnsctl() { as_user netnsctl "$@"; }

# root CMD...: what root looks at, shown as typed.
root() {
    printf '%sroot# %s%s\n' "$bold" "$(shown "$@")" "$plain"
    "$@"
}

cleanup() {
    [[ -n ${server:-} ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    "$netnsctl" link delete veth0 2>/dev/null || true
    "$netnsctl" delete direct_netns 2>/dev/null || true
}
trap cleanup EXIT
# netnsctl runs from the build tree, as if it were installed.
PATH="$NNS_BUILDDIR/client:$PATH"

echo "netnsd demo: a private system bus, polkitd and netnsd run in a sandbox."
echo "$user is no root, but a member of the group netns; the example rule"
echo "polkit/rules.d/50-netnsd-netns-group.rules lets that group do the tutorial."
cp "$NNS_SRCDIR/polkit/rules.d/50-netnsd-netns-group.rules" /etc/polkit-1/rules.d/
root id "$user"
# polkitd reads new rules within a second or so.
for _ in $(seq 50); do
    setpriv --reuid="$user" --regid="$user" --init-groups -- \
        sh -c 'pkcheck --action-id org.example.netns.manage --process $$' >/dev/null 2>&1 && break
    sleep 0.1
done

say "ip netns add direct_netns  (netnsd also brings lo up inside)"
netnsctl add direct_netns
root ip netns list

say "ip link add veth0 type veth peer name veth1 netns direct_netns"
netnsctl link add veth0 type veth peer veth1 netns direct_netns
root ip -br link show veth0
root ip -n direct_netns -br link

say "addresses on both ends, links up"
netnsctl addr add 10.200.0.2/24 dev veth0
netnsctl addr add -n direct_netns 10.200.0.3/24 dev veth1
netnsctl link set veth0 up
netnsctl link set -n direct_netns veth1 up
netnsctl addr show -n direct_netns
root ip -n direct_netns -br addr

say "/etc/netns/direct_netns/resolv.conf, and port 80 for unprivileged servers"
netnsctl dns direct_netns --nameserver 10.200.0.2 --search example.test
netnsctl sysctl direct_netns net.ipv4.ip_unprivileged_port_start=80
netnsctl exec direct_netns -- cat /etc/resolv.conf

say "nginx inside the namespace, run as $user through netnsd"
nginx_prepare "$web" direct_netns 80 10.200.0.3
chown -R "$user:" "$web"
nginx_argv "$web"
printf '%s%s$ %s &%s\n' "$bold" "$user" "$(shown netnsctl exec direct_netns -- "${NGINX_ARGV[@]}")" "$plain"
# setpriv becomes netnsctl: $! is the process to signal at the end.
setpriv --reuid="$user" --regid="$user" --init-groups -- \
    netnsctl exec direct_netns -- "${NGINX_ARGV[@]}" &
server=$!
for _ in $(seq 50); do
    curl --silent --max-time 1 http://10.200.0.3/ >/dev/null && break
    sleep 0.1
done
root ps -o user=,pid=,cmd= -C nginx

say "the host fetches the page over the veth pair"
root curl --silent --show-error --max-time 5 http://10.200.0.3/

say "tidy up: ending netnsctl exec ends nginx"
kill "$server"
wait "$server" || true
server=
netnsctl link delete veth0
netnsctl delete direct_netns
root ip netns list
trap - EXIT
printf '\nDone: the tutorial ran through netnsd without root, and nothing is left behind.\n'
