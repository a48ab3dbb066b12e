#!/bin/bash
# examples/netns-desktop.py, the Python example of libnetns, as a user
# runs it: listing namespaces and links, following changes as they come
# (made by ip, and by the example itself), creating a namespace with a veth
# and an address as root and as a member of the group netns allowed by the
# example polkit rule, and saying clearly when polkit says no.
source "$NNS_SRCDIR/tests/lib/testlib.sh"
source "$NNS_SRCDIR/tests/lib/libnetns.sh"

script="$NNS_SRCDIR/examples/netns-desktop.py"
example=("$PYTHON" "$script")

step "listing: another tool's namespace and its link"
ip netns add listed
ip -n listed link set lo up
out=$("${example[@]}")
echo "$out"
assert_contains "$out" "namespace listed (made by another tool, inode $(stat -L -c %i /run/netns/listed))
  lo: loopback, up, mtu 65536, 127.0.0.1/8 ::1/128" "the listed namespace and its link"
assert_contains "$out" "namespace (host) (made by uid 0" "the host"

step "following changes while they come"
log="$NNS_RUN/example-watch.log"
"${example[@]}" --watch >"$log" 2>&1 &
watcher=$!
# On a failure, what the watcher saw tells why.
trap 'status=$?; [[ $status == 0 ]] || { echo "---- the watcher printed:"; cat "$log"; }; exit $status' EXIT
wait_until 10 grep -q "following changes" "$log"
ip netns add watched
wait_until 10 grep -qx -- "+ namespace watched" "$log"
ip netns del watched
wait_until 10 grep -qx -- "- namespace watched" "$log"

step "creating a namespace with a veth and an address, as root"
out=$("${example[@]}" --create demo --address 10.250.0.2/24)
echo "$out"
assert_contains "$out" "created namespace demo with eth0 (10.250.0.2/24), joined to the host by ve-demo" \
    "the example's report"
assert_contains "$(ip -n demo -br addr show eth0)" "10.250.0.2/24" "eth0's address in demo"
assert_contains "$(ip -br link show ve-demo)" "UP" "the host's end"
wait_until 10 grep -qx -- "+ namespace demo" "$log"
wait_until 10 grep -q -- "^+ link demo/eth0: veth, " "$log"
ip -n demo link set eth0 mtu 1400
wait_until 10 grep -qx -- "~ link demo/eth0 mtu 1400" "$log"
ip -n demo link set eth0 down
wait_until 10 grep -qx -- "~ link demo/eth0 up False" "$log"

step "not allowed: a clear message, status 3, nothing made"
run_capture out python_as nobody "$script" --create nope
echo "$out"
assert_eq "$status" "3" "the example's exit status when polkit says no"
assert_contains "$out" "You are not allowed to create the namespace nope: " "its message"
assert_contains "$out" "not authorized to create namespace 'nope'" "netnsd's reason in it"
assert_not_contains "$out" "Traceback" "its message"
[[ ! -e /run/netns/nope ]] || fail "a namespace was made for a caller polkit refused"

step "allowed by the example rule: a member of the group netns"
cp "$NNS_SRCDIR/polkit/rules.d/50-netnsd-netns-group.rules" "$NNS_RULES_DIR/"
wait_until 5 as_user nns-alice "$NETNSCTL" --no-ask-password add probe
"$NETNSCTL" delete probe
out=$(python_as nns-alice "$script" --create alices --address 10.251.0.2/24)
echo "$out"
assert_contains "$out" "created namespace alices" "the example's report for nns-alice"
assert_eq "$(ns_property alices Owner)" "u 60001" "alices' owner"
assert_contains "$(ip -n alices -br addr show eth0)" "10.251.0.2/24" "eth0's address in alices"

step "the watcher ends cleanly on SIGTERM"
kill -TERM "$watcher"
wait "$watcher" || fail "the watcher exited with $?"
cat "$log"
"$NETNSCTL" delete demo
"$NETNSCTL" delete alices
