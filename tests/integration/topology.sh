#!/bin/bash
# netnsctl up and down: a topology file (the words of -batch) made real in
# one Apply, changed in place as the file changes, and removed with down;
# what each file made is netnsd's record (GetTopology), across restarts
# and crashes of netnsd.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

dir=$NNS_RUN/topologies
mkdir -p "$dir"
lab=$dir/lab.netns
# tutorial [SUFFIX_FOR_RED_ADDRESS] [NAMESPACE]: the README's tutorial as a file.
tutorial() {
    local ns=${2:-red}
    cat <<TOPO
# The tutorial, declared.
add $ns
link add veth0 type veth peer name veth1 netns $ns
addr add 10.200.0.1/24 dev veth0
-n $ns addr add 10.200.0.${1:-2}/24 dev veth1
link set veth0 up
-n $ns link set veth1 up
dns $ns --nameserver 10.200.0.1 --search example.org
sysctl $ns net.ipv4.ip_unprivileged_port_start=80
TOPO
}
# up_changes FILE: netnsctl up FILE; prints how many changes it made.
up_changes() {
    local out
    out=$("$NETNSCTL" up "$1")
    echo "  $out" >&2
    if [[ $out == *" changes" ]]; then echo "${out##*: }" | awk '{print $1}'; else echo 0; fi
}
recorded() {
    gdbus call --system -d "$BUS_NAME" -o "$MANAGER_PATH" -m "$MANAGER_IFACE.GetTopology" "$1"
}

step "a namespace that existed before, and one of another tool's, stay out of it"
"$NETNSCTL" add bystander
ip netns add othertool

step "up: the tutorial as a file"
tutorial > "$lab"
assert_eq "$(up_changes "$lab")" 8 "changes of the first up"
assert_eq "$(ip -br addr show veth0 | awk '{print $2, $3}')" "UP 10.200.0.1/24" "veth0"
assert_eq "$(ip -n red -br addr show veth1 | awk '{print $2, $3}')" "UP 10.200.0.2/24" "veth1 in red"
assert_contains "$(ip netns exec red cat /etc/resolv.conf)" "nameserver 10.200.0.1" "red's resolv.conf"
assert_eq "$(ip netns exec red sysctl -n net.ipv4.ip_unprivileged_port_start)" "80" "red's sysctl"
ip netns exec red ping -c1 -W2 10.200.0.1 >/dev/null || fail "red cannot reach the host"
assert_contains "$(recorded "$lab")" "'CreateNamespace'" "the record of the topology"
assert_contains "$(ns_gdbus ListTopologies)" "$lab" "ListTopologies"
red_inode=$(stat -L -c %i /run/netns/red)
veth1_index=$(ip -n red -j link show veth1 | json_get 'd[0]["ifindex"]')

step "up twice changes nothing"
before=$(net_state red)
assert_eq "$(up_changes "$lab")" 0 "changes of the second up"
assert_eq "$(net_state red)" "$before" "the network after the second up"
assert_contains "$("$NETNSCTL" up --dry-run "$lab")" "nothing to change" "the dry run's plan"

step "a changed address: the old one goes, the namespace and links stay"
tutorial 3 > "$lab"
plan=$("$NETNSCTL" up --dry-run "$lab")
echo "$plan"
assert_contains "$plan" "RemoveAddress" "the plan"
assert_contains "$plan" "AddAddress" "the plan"
assert_eq "$(net_state red)" "$before" "the network after a dry run"
assert_eq "$(up_changes "$lab")" 2 "changes for a changed address"
assert_eq "$(ip -4 -n red -br addr show veth1 | awk '{print $3, $4}')" "10.200.0.3/24 " "veth1's addresses"
assert_eq "$(stat -L -c %i /run/netns/red)" "$red_inode" "red's inode"
assert_eq "$(ip -n red -j link show veth1 | json_get 'd[0]["ifindex"]')" "$veth1_index" "veth1's index"

step "an added route and an added link"
{ tutorial 3; echo "-n red route add 10.50.0.0/16 via 10.200.0.1"
  echo "link add extra0 up type veth peer name extra1 netns red"; } > "$lab"
assert_eq "$(up_changes "$lab")" 2 "changes for a route and a link"
assert_contains "$(ip -n red route show 10.50.0.0/16)" "via 10.200.0.1 dev veth1" "the route"
ip -n red link show extra1 >/dev/null || fail "extra1 missing"
assert_eq "$(up_changes "$lab")" 0 "changes of up again"

step "a removed link: it goes, the rest stays"
{ tutorial 3; echo "-n red route add 10.50.0.0/16 via 10.200.0.1"; } > "$lab"
assert_eq "$(up_changes "$lab")" 1 "changes for a removed link"
! ip link show extra0 >/dev/null 2>&1 || fail "extra0 left behind"
assert_contains "$(ip -n red route show 10.50.0.0/16)" "via 10.200.0.1" "the route after"

step "a removed route"
tutorial 3 > "$lab"
assert_eq "$(up_changes "$lab")" 1 "changes for a removed route"
assert_eq "$(ip -n red route show 10.50.0.0/16)" "" "the route after its line went"

step "a file with an error changes nothing and names its line"
before=$(net_state red)
{ tutorial 4; echo "-n red addr add 10.200.0.999/24 dev veth1"; } > "$lab"
run_capture out "$NETNSCTL" up "$lab"
[[ $status != 0 ]] || fail "a bad address was taken"
assert_contains "$out" "$lab:10:" "the error's line"
{ tutorial 4; echo "-n red route add 10.60.0.0/16 via 10.99.0.1"; } > "$lab"
run_capture out "$NETNSCTL" up "$lab"
echo "  $out"
[[ $status != 0 ]] || fail "a route via an unreachable gateway was taken"
assert_contains "$out" "$lab:10:" "the kernel's error's line"
assert_eq "$(net_state red)" "$before" "the network after failed ups"
assert_eq "$("$NETNSCTL" --json up "$lab" 2>&1 >/dev/null | json_get 'd["error"]')" \
    "org.example.NetNs.Error.InvalidArgument" "the JSON error"
assert_contains "$("$NETNSCTL" up <(echo "link set veth0 netns red") 2>&1 || true)" \
    "cannot be part of a topology" "a move in a topology"

step "a renamed namespace: the old one goes, the new one comes"
tutorial 3 blue > "$lab"
"$NETNSCTL" up "$lab"
assert_eq "$(netns_names)" "blue bystander othertool " "namespaces after the rename"
assert_eq "$(ip -n blue -br addr show veth1 | awk '{print $2, $3}')" "UP 10.200.0.3/24" "veth1 in blue"
assert_eq "$(ip -br addr show veth0 | awk '{print $3}')" "10.200.0.1/24" "veth0"
test ! -e /etc/netns/red || fail "/etc/netns/red left"
assert_eq "$(up_changes "$lab")" 0 "changes of up again"

step "two files that name one namespace: the second is refused"
other=$dir/other.netns
printf 'add blue\n-n blue addr add 10.7.0.1/24 dev lo\n' > "$other"
before=$(net_state blue)
run_capture out "$NETNSCTL" up "$other"
echo "  $out"
[[ $status == 5 ]] || fail "the second file exited with $status"
assert_contains "$out" "belongs to topology '$lab'" "the refusal"
printf 'add blue\n' > "$other"
expect_exit 5 "$NETNSCTL" up "$other"
assert_eq "$(net_state blue)" "$before" "the network after the refusal"
rm "$other"

step "a file may not remove what it did not make"
expect_error "$ERR.NotSupported" ns_gdbus Apply \
    "[('DeleteNamespace', {'name': <'bystander'>})]" "{'topology': <'/x.netns'>}"
expect_error "$ERR.NotSupported" ns_gdbus Apply "[('DeleteNamespace', {'name': <'bystander'>})]" '{}'
expect_error "$ERR.InvalidArgument" ns_gdbus Apply "[]" "{'topology-forget': <@as []>}"
expect_error "$ERR.InvalidArgument" ns_gdbus Apply "[]" "{'topology': <''>}"

step "another user may not change it"
allow_rule nobody 'subject.user == "nobody"'
run_capture out as_user nobody "$NETNSCTL" up "$lab"
[[ $status == 3 ]] || fail "nobody's up of root's topology exited $status: $out"
assert_contains "$out" "only that user and root" "the refusal"
remove_rule nobody

step "the record survives a netnsd crash"
kill -KILL "$(cat "$NNS_RUN/netnsd.pid")"
wait_until 5 bash -c "! kill -0 $(cat "$NNS_RUN/netnsd.pid") 2>/dev/null"
start_netnsd
assert_eq "$(up_changes "$lab")" 0 "changes of up after a crash"
tutorial 5 blue > "$lab"
assert_eq "$(up_changes "$lab")" 2 "changes after a crash"

step "down removes what up made, and nothing else"
"$NETNSCTL" down "$lab"
assert_eq "$(netns_names)" "bystander othertool " "namespaces after down"
! ip link show veth0 >/dev/null 2>&1 || fail "veth0 left behind"
assert_eq "$(recorded "$lab")" "(@aa{sv} [], uint32 4294967295)" "the record after down"
assert_eq "$(ns_gdbus ListTopologies)" "(@a(su) [],)" "ListTopologies after down"
"$NETNSCTL" down "$lab"

step "bridges, masquerades and port forwards in a topology"
lan=$dir/lan.netns
cat > "$lan" <<'TOPO'
add lanns
-n lanns link add br0 type bridge
-n lanns link add p1 type veth peer name p2
-n lanns link set p1 master br0
nat add -n lanns 10.77.0.0/24
forward add -n lanns tcp 8080 10.77.0.2:80
TOPO
assert_eq "$(up_changes "$lan")" 6 "changes of the first up"
assert_contains "$(ip -n lanns -br link show p1)" "p1@p2" "p1 in lanns"
assert_contains "$(ip -n lanns link show p1)" "master br0" "p1 a port of br0"
assert_contains "$(ip netns exec lanns nft list table inet netnsd)" "masquerade" "the masquerade"
assert_contains "$(ip netns exec lanns nft list table inet netnsd)" "dport 8080" "the forward"
assert_eq "$(up_changes "$lan")" 0 "changes of the second up"
sed -i '/^nat add/d; /^forward add/d; /br0/d' "$lan"
up_changes "$lan" >/dev/null
! ip -n lanns link show br0 >/dev/null 2>&1 || fail "br0 stayed after its line went"
! ip netns exec lanns nft list table inet netnsd >/dev/null 2>&1 ||
    fail "netnsd's table stayed after its rules' lines went"
"$NETNSCTL" down "$lan"
assert_not_contains "$(netns_names)" "lanns" "namespaces after down"

step "a namespace that existed before up is left by down"
printf 'add bystander\n-n bystander addr add 10.8.0.1/24 dev lo\n' > "$lab"
assert_eq "$(up_changes "$lab")" 1 "changes in a namespace that was there"
"$NETNSCTL" down "$lab"
assert_eq "$(netns_names)" "bystander othertool " "namespaces after down"
assert_eq "$(ip -n bystander -br addr show lo | awk '{print $3}')" "127.0.0.1/8" "bystander's lo"

"$NETNSCTL" delete bystander
ip netns del othertool
assert_no_namespaces "the clean-up"
echo "PASS"
