#!/bin/bash
# Plugins running at once, as a runtime starting many containers runs
# them: ADDs of one network at once never get one address twice (netnsd
# leases them); ADDs of networks that share a bridge, racing to make it,
# all succeed; DELs at once leave nothing. Then GC: what belongs to
# attachments the runtime no longer lists goes, the rest stays intact.
source "$NNS_SRCDIR/tests/lib/testlib.sh"
source "$NNS_SRCDIR/tests/lib/cni.sh"
trap containers_stop EXIT

N=8
# conf NAME SUBNET [BRIDGE]
conf() {
    printf '{"cniVersion": "1.1.0", "name": "%s", "bridge": "%s", "ipMasq": true, "ipam": {"subnet": "%s"}}' \
        "$1" "${3:-cni-$1}" "$2"
}
# add_in_background NAME CONF ID PID: an ADD whose result goes to a file.
add_in_background() {
    ( cni ADD "$3" "/proc/$4/ns/net" eth0 "$2"
      printf '%s\n' "$CNI_OUT" > "$NNS_RUN/add-$3.json"
      echo "$status" > "$NNS_RUN/add-$3.status" ) &
}
assert_all_added() {
    local id
    for id in "$@"; do
        assert_eq "$(cat "$NNS_RUN/add-$id.status")" "0" "the ADD of $id: $(cat "$NNS_RUN/add-$id.json")"
    done
}

step "$N ADDs of one network at once"
ONE=$(conf busy 10.213.0.0/24)
ids=() pids=()
for i in $(seq $N); do
    container_start pid
    ids+=("c$i") pids+=("$pid")
done
for i in $(seq 0 $((N - 1))); do add_in_background busy "$ONE" "${ids[i]}" "${pids[i]}"; done
wait_until 60 bash -c "[[ \$(ls $NNS_RUN/add-*.status 2>/dev/null | wc -l) == $N ]]"
assert_all_added "${ids[@]}"
addresses=$(for id in "${ids[@]}"; do address_of "$(cat "$NNS_RUN/add-$id.json")"; done | sort)
echo "  addresses: $(tr '\n' ' ' <<<"$addresses")"
assert_eq "$(sort -u <<<"$addresses" | wc -l)" "$N" "$N ADDs, $N different addresses"
assert_eq "$(leases busy | awk '{print $2}' | sed 's|/24||' | sort)" "$addresses" "netnsd's leases: the same"
for i in 0 $((N - 1)); do
    in_container "${pids[i]}" ping -c 1 -W 5 10.213.0.1 >/dev/null || fail "${ids[i]} does not reach the gateway"
done
assert_eq "$(ip -br link | grep -c '^veth')" "$N" "one veth per container on the host"

step "$N DELs at once"
for i in $(seq 0 $((N - 1))); do
    ( cni DEL "${ids[i]}" "/proc/${pids[i]}/ns/net" eth0 "$ONE"; echo "$status" > "$NNS_RUN/del-${ids[i]}.status" ) &
done
wait_until 60 bash -c "[[ \$(ls $NNS_RUN/del-*.status 2>/dev/null | wc -l) == $N ]]"
assert_eq "$(cat "$NNS_RUN"/del-*.status | sort -u)" "0" "every DEL"
assert_eq "$(leases busy)" "" "no lease left"
assert_eq "$(ip -br link | grep -c '^veth' || true)" "0" "no veth left"
assert_eq "$(netns_names)" "" "no name left"
assert_eq "$(ns_gdbus ListMasquerades "")" "(@aa{sv} [],)" "no masquerade left"
rm -f "$NNS_RUN"/add-* "$NNS_RUN"/del-*
containers_stop

step "ADDs of four networks sharing a missing bridge, at once"
ids=()
for net in 1 2 3 4; do
    for j in 1 2; do
        container_start pid
        add_in_background "share$net" "$(conf "share$net" "10.22$net.0.0/24" cni-shared0)" "s$net$j" "$pid"
        ids+=("s$net$j")
    done
done
wait_until 60 bash -c "[[ \$(ls $NNS_RUN/add-*.status 2>/dev/null | wc -l) == ${#ids[@]} ]]"
assert_all_added "${ids[@]}"
assert_eq "$(ip -br -4 addr show cni-shared0 | awk '{$1 = $2 = ""; print}' | xargs -n1 | sort | tr '\n' ' ')" \
    "10.221.0.1/24 10.222.0.1/24 10.223.0.1/24 10.224.0.1/24 " "the one bridge, with each network's gateway"
assert_eq "$(ip -o link show master cni-shared0 | wc -l)" "8" "its eight ports"

step "two ADDs that both find the bridge missing: one makes it, the other plans again"
# strace delays each message either plugin sends by half a second, so
# that both list the host's links before either's Apply makes the bridge.
# (An ASan build's leak checker cannot work under ptrace: off for these.)
racers=()
for n in 1 2; do
    container_start pid
    ( printf '%s' "$(conf "race$n" "10.23$n.0.0/24" cni-race0)" |
          env CNI_COMMAND=ADD CNI_CONTAINERID="race$n" CNI_NETNS="/proc/$pid/ns/net" CNI_IFNAME=eth0 \
              ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
          strace -f -qq -o /dev/null -e trace=sendmsg -e inject=sendmsg:delay_enter=500000 "$CNI_PLUGIN" \
          >"$NNS_RUN/race$n.json" 2>"$NNS_RUN/race$n.log"
      echo $? >"$NNS_RUN/race$n.status" ) &
    racers+=($!)
done
wait "${racers[@]}"
for n in 1 2; do
    assert_eq "$(cat "$NNS_RUN/race$n.status")" "0" "race$n's ADD: $(cat "$NNS_RUN/race$n.json" "$NNS_RUN/race$n.log")"
done
assert_contains "$(cat "$NNS_RUN"/race?.log)" "(CreateLink): link 'cni-race0' already exists in the host namespace; planning again" \
    "the plugin that lost the race"
echo "  $(cat "$NNS_RUN"/race?.log)"
assert_eq "$(ip -br -4 addr show cni-race0 | awk '{$1 = $2 = ""; print}' | xargs -n1 | sort | tr '\n' ' ')" \
    "10.231.0.1/24 10.232.0.1/24 " "the bridge, with both gateways"
for n in 1 2; do cni_ok GC "" "" "" "$(conf "race$n" "10.23$n.0.0/24" cni-race0 | sed 's|}$|, "cni.dev/valid-attachments": []}|')"; done

step "GC keeps the attachments the runtime lists and removes the others"
valid='[{"containerID": "s11", "ifname": "eth0"}, {"containerID": "s12", "ifname": "eth0"}]'
gc_conf=$("$PYTHON" -c 'import json, sys; c = json.loads(sys.argv[1]); c["cni.dev/valid-attachments"] = json.loads(sys.argv[2]); print(json.dumps(c))' \
    "$(conf share1 10.221.0.0/24 cni-shared0)" "$valid")
cni_ok GC "" "" "" "$gc_conf"
assert_eq "$(leases share1 | awk '{print $1}' | tr '\n' ' ')" "s11/eth0 s12/eth0 " "share1's leases after a GC that keeps both"
cni_ok GC "" "" "" "$(sed 's|, {"containerID": "s12", "ifname": "eth0"}||' <<<"$gc_conf")"
assert_eq "$(leases share1 | awk '{print $1}')" "s11/eth0" "share1's leases after a GC that keeps s11"
assert_eq "$(netns_names | tr ' ' '\n' | grep -c . )" "7" "s12's name gone, the others' kept"
assert_not_contains "$(netns_names)" "cni-s12" "s12's name"
assert_eq "$(ip -o link show master cni-shared0 | wc -l)" "7" "s12's veth gone"
cni_ok CHECK s11 "/proc/${CONTAINER_PIDS[0]}/ns/net" eth0 \
    "$(with_prev "$(conf share1 10.221.0.0/24 cni-shared0)" "$(cat "$NNS_RUN/add-s11.json")")"
echo "  s11 still passes CHECK"
assert_contains "$(ns_gdbus ListMasquerades "")" "10.221.0.0/24" "share1's masquerade, while s11 uses it"
cni_ok GC "" "" "" "$(conf share1 10.221.0.0/24 cni-shared0 | sed 's|}$|, "cni.dev/valid-attachments": []}|')"
assert_eq "$(leases share1)" "" "share1's leases after a GC that keeps none"
assert_not_contains "$(ns_gdbus ListMasquerades "")" "10.221.0.0/24" "share1's masquerade, with the last container"
assert_contains "$(ns_gdbus ListMasquerades "")" "10.222.0.0/24" "share2's masquerade stays"
assert_eq "$(leases share2 | wc -l)" "2" "share2's leases stay"
for net in 2 3 4; do
    cni_ok GC "" "" "" "$(conf "share$net" "10.22$net.0.0/24" cni-shared0 | sed 's|}$|, "cni.dev/valid-attachments": []}|')"
done
assert_eq "$(ip -o link show master cni-shared0 | wc -l)" "0" "no port left on the bridge"
assert_eq "$(netns_names)" "" "no name left"
assert_eq "$(ns_gdbus ListMasquerades "")" "(@aa{sv} [],)" "no masquerade left"
