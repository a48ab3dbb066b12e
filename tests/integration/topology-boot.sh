#!/bin/bash
# netnsd-topologies.service's own command, as boot and `systemctl reload`
# run it: every *.netns of the folder comes up, each on its own (a bad
# file is reported with its line and fails the command, the others still
# come up); after a reboot (netnsd started afresh with the files present,
# no namespaces, no records) they come up again; a reload brings the set
# in line with the files, a removed file's topology going.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

unit=$NNS_BUILDDIR/service/netnsd-topologies.service
dir=$NNS_RUN/etc-topologies
mkdir -p "$dir"
# The unit's ExecStart or ExecReload, with the folder and netnsctl of this build.
unit_command() {
    local line installed_dir
    line=$(sed -n "s/^$1=//p" "$unit")
    installed_dir=$(sed -n 's/^ConditionDirectoryNotEmpty=//p' "$unit")
    line=${line//$installed_dir/$dir}
    echo "$NETNSCTL ${line#* }"
}
run_unit() {
    local command
    command=$(unit_command "$1")
    echo "  \$ $command"
    # shellcheck disable=SC2086
    $command
}

step "the unit: a oneshot after netnsd, the command for boot and for reload"
assert_contains "$(cat "$unit")" "After=netnsd.service" "the unit's order"
assert_contains "$(cat "$unit")" "RemainAfterExit=yes" "the unit"
assert_contains "$(unit_command ExecStart)" "up --all $dir" "ExecStart"
assert_eq "$(unit_command ExecReload)" "$(unit_command ExecStart)" "ExecReload"

cat > "$dir/a.netns" <<'TOPO'
add alpha
link add va0 type veth peer name va1 netns alpha
addr add 10.201.0.1/24 dev va0
-n alpha addr add 10.201.0.2/24 dev va1
link set va0 up
-n alpha link set va1 up
TOPO
cat > "$dir/b.netns" <<'TOPO'
add beta
-n beta addr add 10.202.0.1/24 dev lo
TOPO
cat > "$dir/broken.netns" <<'TOPO'
add gamma
-n gamma addr add 10.203.0.1/24 dev nosuchlink
TOPO
echo "add ignored" > "$dir/notes.txt"

step "boot: every file on its own; the bad one named, the others up"
run_capture out run_unit ExecStart
echo "$out"
[[ $status != 0 ]] || fail "a bad file did not fail the unit's command"
assert_contains "$out" "$dir/broken.netns:2:" "the bad file's line"
assert_eq "$(netns_names)" "alpha beta " "namespaces after boot"
ip netns exec alpha ping -c1 -W2 10.201.0.1 >/dev/null || fail "alpha cannot reach the host"

step "a reboot: netnsd starts afresh with the files present"
rm "$dir/broken.netns"
stop_netnsd
for ns in $(ip netns list | awk '{print $1}'); do ip netns del "$ns"; done
rm -rf /run/netnsd
start_netnsd
assert_eq "$(netns_names)" "" "namespaces after the reboot"
run_unit ExecStart
assert_eq "$(netns_names)" "alpha beta " "namespaces after boot"
assert_eq "$(ip -n alpha -br addr show va1 | awk '{print $2, $3}')" "UP 10.201.0.2/24" "va1"

step "netnsd restarted: nothing to change"
restart_netnsd
before=$(net_state alpha beta)
out=$(run_unit ExecStart)
assert_contains "$out" "a.netns: nothing to change" "a.netns after a restart"
assert_contains "$out" "b.netns: nothing to change" "b.netns after a restart"
assert_eq "$(net_state alpha beta)" "$before" "the network"

step "reload: a changed file changes in place, a removed one goes"
sed -i 's/10.201.0.2/10.201.0.9/' "$dir/a.netns"
rm "$dir/b.netns"
run_unit ExecReload
assert_eq "$(netns_names)" "alpha " "namespaces after the reload"
assert_eq "$(ip -4 -n alpha -br addr show va1 | awk '{print $3, $4}')" "10.201.0.9/24 " "va1 after the reload"
assert_eq "$(ns_gdbus ListTopologies)" "([('$dir/a.netns', uint32 0)],)" "the topologies"

"$NETNSCTL" down "$dir/a.netns"
assert_no_namespaces "the clean-up"
echo "PASS"
