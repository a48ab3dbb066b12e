#!/bin/bash
# tests/system/unit-machine.sh RESULTS: runs inside the machine that
# tests/system/unit-boot.sh boots, as a unit of systemd there; writes its
# exit status to RESULTS/status and the machine's journal to RESULTS.
# netnsd here is the installed one (NNS_PREFIX), under netnsd.service,
# started by the bus; polkitd and dbus-daemon are the machine's own.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
results=${1:?usage: unit-machine.sh RESULTS}
: "${NNS_PREFIX:?}"

finish() {
    local status=$?
    journalctl -b --no-pager -o short-monotonic > "$results/journal.log" 2>&1 || true
    journalctl -u netnsd --no-pager -o cat > "$results/netnsd.log" 2>&1 || true
    echo "$status" > "$results/status"
}
trap finish EXIT
# systemd stops a test that overran TimeoutStartSec= with SIGTERM.
trap 'exit 143' TERM

# testlib.sh's helpers; the netnsctl here is the installed one.
export NNS_SRCDIR=/nns-src NNS_BUILDDIR=/nonexistent NNS_RUN=/run/nns-test
mkdir -p "$NNS_RUN"
source "$NNS_SRCDIR/tests/lib/testlib.sh"
source "$NNS_SRCDIR/tests/lib/nginx.sh"
source "$NNS_SRCDIR/tests/system/unit-caps.sh"
NETNSCTL=$NNS_PREFIX/bin/netnsctl
user=nns-alice
uid=$(id -u "$user")
web=/var/lib/nns-test-nginx

# as_alice CMD...: CMD as the tutorial's user, bounded in time.
as_alice() {
    as_user "$user" timeout 30 "$@"
}

journal_has() {
    journalctl -u "$1" --no-pager -o cat | grep -qE "$2"
}

# systemd sees the bus name appear a moment after the caller's reply.
netnsd_is() {
    [[ $(systemctl is-active netnsd.service || true) == "$1" ]]
}

page_served() {
    curl --silent --show-error --max-time 3 http://10.200.0.3/
}

step "a booted systemd with a private network"
assert_eq "$(ps -o comm= -p 1)" "systemd" "PID 1"
assert_eq "$(ip -o link show | awk -F': ' '{print $2}' | tr '\n' ' ')" "lo " "the machine's links"
assert_eq "$(id -nG "$user")" "$user netns" "groups of $user"
unit_file=$(systemctl show -P FragmentPath netnsd.service)
assert_eq "$unit_file" "/etc/systemd/system/netnsd.service" "netnsd's unit"
echo "  $(systemd-analyze --version | head -1); netnsd.service from $unit_file"

step "netnsctl list, as $user, starts netnsd through D-Bus activation"
assert_eq "$(systemctl is-active netnsd.service || true)" "inactive" "netnsd before any call"
run_capture out as_alice "$NETNSCTL" list
assert_eq "$status" "0" "netnsctl list: $out"
wait_until 10 netnsd_is active
# "via systemd", or "systemd to hand-off" when the same call started the bus.
wait_until 10 journal_has dbus \
    "Activating (via systemd|systemd to hand-off): service name='org.example.NetNs' unit='netnsd.service' requested by '[^']+' \\(uid=$uid "
journalctl -u dbus -o cat | grep "name='org.example.NetNs'" | sed 's/^/  /'
pid=$(systemctl show -P MainPID netnsd.service)
assert_eq "$(readlink "/proc/$pid/exe")" "$NNS_PREFIX/libexec/netnsd" "netnsd's program"
assert_contains "$(cat "/proc/$pid/cgroup")" "/system.slice/netnsd.service" "netnsd's cgroup"

step "netnsd has the unit's bounding set and no_new_privs"
# shellcheck disable=SC2046
unit_mask=$(cap_mask $(unit_caps "$unit_file"))
echo "  CapabilityBoundingSet= of the unit: $unit_mask"
assert_eq "$(status_field "/proc/$pid/status" CapBnd)" "$unit_mask" "netnsd's CapBnd"
assert_eq "$(status_field "/proc/$pid/status" CapEff)" "$unit_mask" "netnsd's CapEff"
assert_eq "$(status_field "/proc/$pid/status" NoNewPrivs)" "1" "netnsd's NoNewPrivs"
assert_eq "$(status_field "/proc/$pid/status" Umask)" "0022" "netnsd's umask"
read -r soft hard < <(awk '/^Max open files/ { print $4, $5 }' "/proc/$pid/limits")
echo "  fd limit: soft $soft, hard $hard (LimitNOFILE=$(systemctl show -P LimitNOFILE netnsd))"
assert_eq "$soft" "$hard" "netnsd's soft fd limit, raised to the hard one"

step "the tutorial, as $user, allowed by the example polkit rule"
# The machine's /etc starts empty; an installed system has a resolv.conf
# for the namespace's own to be bound over.
[[ -e /etc/resolv.conf ]] || echo "nameserver 127.0.0.1" > /etc/resolv.conf
as_alice "$NETNSCTL" add direct_netns
as_alice "$NETNSCTL" link add veth0 type veth peer veth1 netns direct_netns
as_alice "$NETNSCTL" addr add 10.200.0.2/24 dev veth0
as_alice "$NETNSCTL" addr add -n direct_netns 10.200.0.3/24 dev veth1
as_alice "$NETNSCTL" link set veth0 up
as_alice "$NETNSCTL" link set -n direct_netns veth1 up
as_alice "$NETNSCTL" dns direct_netns --nameserver 10.200.0.2 --search example.test
as_alice "$NETNSCTL" sysctl direct_netns net.ipv4.ip_unprivileged_port_start=80
assert_eq "$(ip netns list | awk '{print $1}')" "direct_netns" "ip netns list"
assert_contains "$(ip -n direct_netns -br link show lo)" "UP" "lo in direct_netns"
assert_contains "$(ip -br addr show veth0)" "10.200.0.2/24" "veth0 in the machine"
assert_contains "$(ip -n direct_netns -br addr show veth1)" "10.200.0.3/24" "veth1 in direct_netns"
run_capture out as_alice "$NETNSCTL" exec direct_netns -- cat /etc/resolv.conf
assert_contains "$out" "nameserver 10.200.0.2" "resolv.conf inside"

nginx_prepare "$web" direct_netns 80 10.200.0.3
chown -R "$user:" "$web"
nginx_argv "$web"
bg_as_user "$user" timeout 60 "$NETNSCTL" exec direct_netns -- "${NGINX_ARGV[@]}"
server=$BG_PID
wait_until 10 page_served
assert_eq "$(page_served)" "Hello from nginx in namespace direct_netns" "the page, over the veth pair"
assert_eq "$(ps -o uid= -C nginx | tr -d ' ' | sort -u)" "$uid" "nginx's uid"
# Counted against $user, not netnsd: a scope of its own in $user's slice.
nginx_pid=$(pgrep -o -x nginx)
assert_contains "$(cat "/proc/$nginx_pid/cgroup")" \
    "/user.slice/user-$uid.slice/netnsd-program-$nginx_pid.scope" "nginx's cgroup"
assert_eq "$(systemctl show -P Slice "netnsd-program-$nginx_pid.scope")" "user-$uid.slice" \
    "the slice of nginx's scope"
echo "  nginx's cgroup: $(grep -m1 'user.slice' "/proc/$nginx_pid/cgroup")"
echo "  $(page_served)"
# netnsctl passes the signal on with Kill: netnsd signals $user's program.
kill -TERM "$server"
wait_until 10 bash -c '! pgrep -x nginx'
wait "$server" || true

step "systemctl restart netnsd keeps the namespace's Owner"
assert_eq "$(ns_property direct_netns Owner)" "u $uid" "Owner before the restart"
timeout 30 systemctl restart netnsd.service
new_pid=$(systemctl show -P MainPID netnsd.service)
[[ $new_pid != "$pid" && $new_pid != 0 ]] || fail "netnsd did not restart (pid $pid, then $new_pid)"
assert_eq "$(ns_property direct_netns Owner)" "u $uid" "Owner after the restart"
run_capture out as_alice "$NETNSCTL" --json list
assert_eq "$status" "0" "netnsctl list after the restart: $out"
echo "  $out"

step "systemctl stop netnsd leaves the namespace working"
timeout 30 systemctl stop netnsd.service
assert_eq "$(systemctl is-active netnsd.service || true)" "inactive" "netnsd after the stop"
assert_eq "$(ip netns list | awk '{print $1}')" "direct_netns" "ip netns list without netnsd"
assert_contains "$(ip netns exec direct_netns ip -br addr show veth1)" "10.200.0.3/24" \
    "ip netns exec without netnsd"
ip netns exec direct_netns setpriv --reuid="$user" --regid="$user" --init-groups -- \
    timeout 60 "${NGINX_ARGV[@]}" &
server=$!
wait_until 10 page_served
assert_eq "$(page_served)" "Hello from nginx in namespace direct_netns" "the page, with netnsd stopped"
kill -TERM "$server"
wait "$server" || true

step "exec as root starts netnsd again: uid 0, the unit's bounding set, no_new_privs"
run_capture out timeout 30 "$NETNSCTL" exec direct_netns -- cat /proc/self/status
assert_eq "$status" "0" "netnsctl exec as root: $out"
echo "$out" | grep -E '^(Uid|Cap|NoNewPrivs)' | sed 's/^/  /'
echo "$out" > "$NNS_RUN/root-status"
assert_eq "$(status_field "$NNS_RUN/root-status" Uid)" "0 0 0 0" "the program's uids"
assert_eq "$(status_field "$NNS_RUN/root-status" CapBnd)" "$unit_mask" "the program's CapBnd"
assert_eq "$(status_field "$NNS_RUN/root-status" CapEff)" "$unit_mask" "the program's CapEff"
assert_eq "$(status_field "$NNS_RUN/root-status" NoNewPrivs)" "1" "the program's NoNewPrivs"

step "netnsd, started again by the bus, still has the Owner"
run_capture out as_alice "$NETNSCTL" list
assert_eq "$status" "0" "netnsctl list after the stop: $out"
wait_until 10 netnsd_is active
assert_eq "$(ns_property direct_netns Owner)" "u $uid" "Owner after the stop and a new start"

step "journalctl -u netnsd names who changed what"
who="uid $uid \\(pid [0-9]+, :[0-9]+\\.[0-9]+\\)"
for change in "created namespace 'direct_netns'" \
              "created veth pair veth0 \\(the host namespace\\) / veth1 \\(namespace 'direct_netns'\\)" \
              "added address 10\\.200\\.0\\.2/24 to 'veth0' in the host namespace" \
              "added address 10\\.200\\.0\\.3/24 to 'veth1' in namespace 'direct_netns'" \
              "changed link 'veth0' in the host namespace" \
              "changed link 'veth1' in namespace 'direct_netns'" \
              "set the DNS of namespace 'direct_netns'" \
              "set net\\.ipv4\\.ip_unprivileged_port_start to 80 in namespace 'direct_netns'" \
              "started '/usr/sbin/nginx' in namespace 'direct_netns' as pid [0-9]+"; do
    wait_until 10 journal_has netnsd "^$who $change\$"
done
wait_until 10 journal_has netnsd "^uid 0 \\(pid [0-9]+, :[0-9.]+\\) started '/usr/bin/cat' in namespace 'direct_netns'"
journalctl -u netnsd --no-pager -o cat | grep -E "^uid " | sed 's/^/  /'
# Three starts: by the bus, by systemctl restart, by the bus after the stop.
netnsd_starts() {
    [[ $(journalctl -u netnsd -o cat | grep -c 'serving org.example.NetNs') == "$1" ]]
}
wait_until 10 netnsd_starts 3

step "netnsd-topologies.service brings up the topology files, each on its own"
topologies=$(sed -n 's/^ConditionDirectoryNotEmpty=//p' /etc/systemd/system/netnsd-topologies.service)
ls "$topologies"
run_capture out timeout 30 systemctl start netnsd-topologies.service
[[ $status != 0 ]] || fail "the unit started though broken.netns has an error"
assert_eq "$(systemctl is-failed netnsd-topologies.service || true)" "failed" "the unit with a bad file"
assert_contains "$(ip netns list)" "lab" "the good file's namespace"
assert_not_contains "$(ip netns list)" "broken" "the bad file's namespace"
assert_contains "$(ip -n lab -br addr show labv1)" "10.210.0.2/24" "labv1 in lab"
wait_until 10 journal_has netnsd-topologies "broken\.netns:2: operation 2 \(AddAddress\)"
journalctl -u netnsd-topologies --no-pager -o cat | sed 's/^/  /'
echo "PASS"
