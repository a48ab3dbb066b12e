#!/bin/bash
# tests/bench/run.sh [N...]: the benchmark, inside tests/lib/sandbox (run it
# through tools/bench). For each N (default 100 and 1000) it makes N
# tutorial setups in each of these ways, interleaved in rounds so that any
# drift of the machine hits all of them alike:
#   raw      in-process libnl (nns-bench raw): the kernel's own limit
#   root     netnsd's per-method calls, as root
#   user     the same as a user other than root, allowed by a polkit rule
#   batch    netnsd's Apply, one per setup
#   batch-user the same as the allowed user (all its polkit questions at once)
#   batch-all netnsd's Apply, one per round, timed as ip -batch is
#   ip       `ip` commands in a shell loop
#   ip-batch `ip -batch`, one file per round (`netns exec` for the
#            namespace's side, as ip -batch cannot switch namespaces)
# then times DeleteNamespace, ListNamespaces with 1,000 namespaces against
# `ip netns list`, ListLinks of a namespace with 2,000 links against
# `ip -br link` and a raw libnl dump, and netnsd's RSS and fds with 1,000
# and 5,000 namespaces; with the 5,000 (15,000 link objects): the time of
# GetManagedObjects, from a change made as iproute2 makes it to netnsd's
# PropertiesChanged (a namespace's link and a host link), and netnsd's
# start (its name owned, its first answer). Besides:
#   polkitd alone: CheckAuthorization for the allowed user, one question at
#     a time and four at a time, asked by the user itself and as netnsd
#     asks (root, for the user's connection, with details);
#   GetManagedObjects at 10,000 link objects (3,333 setups), on the way to
#     the footprints;
#   10,000 setups (the footprints' and as many again): the time of making
#     the rest, ListNamespaces, netnsd's RSS, its start with them and
#     DeleteNamespace of every one.
# tests/bench/summarize.py prints the tables.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
source "$NNS_SRCDIR/tests/lib/testlib.sh"

sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(100 1000)
# How big the later phases are; the CI smoke test makes them tiny.
list_count=${NNS_BENCH_LIST:-1000}
link_pairs=${NNS_BENCH_LINK_PAIRS:-1000}
footprints=(${NNS_BENCH_FOOTPRINTS:-1000 5000})
# Twice the largest footprint (10,000) unless told: the smoke test's tiny
# footprints make these tiny too.
many=${NNS_BENCH_MANY:-$((2 * footprints[-1]))}
objects=${NNS_BENCH_OBJECTS:-$((2 * footprints[-1]))}
polkit_questions=${NNS_BENCH_POLKIT:-400}
bench="$NNS_BUILDDIR/tests/bench/nns-bench"
out="$NNS_RUN/bench"
mkdir -p "$out"
rounds=10

# netnsd as a service runs it (without debug messages), letting the
# allowed user own as many namespaces as the benchmark makes.
NNS_NETNSD_VERBOSE= restart_netnsd --max-namespaces-per-user=1000000 \
    --max-links-per-user=1000000

allow_rule bench 'subject.user == "nobody"'
wait_until 5 as_user nobody "$NETNSCTL" list

# address PREFIX I: the /30 of setup I, host and namespace ends.
addresses() {
    local base=$(( $1 * 4 ))
    local net="10.$((128 + (base >> 16))).$(((base >> 8) & 255))"
    echo "$net.$(((base & 255) + 1))/30 $net.$(((base & 255) + 2))/30"
}

ip_loop() {   # COUNT FIRST PREFIX
    local i host peer start
    for ((i = $2; i < $2 + $1; i++)); do
        read -r host peer <<< "$(addresses $i)"
        start=$EPOCHREALTIME
        ip netns add "$3$i"
        ip link add "h$3$i" type veth peer name "p$3$i" netns "$3$i"
        ip addr add "$host" dev "h$3$i"
        ip -n "$3$i" addr add "$peer" dev "p$3$i"
        ip link set "h$3$i" up
        ip -n "$3$i" link set "p$3$i" up
        echo $(( (${EPOCHREALTIME/./} - ${start/./}) ))
    done
}

ip_batch() {   # COUNT FIRST PREFIX: one ip -batch; each setup gets the mean
    local i host peer start file="$out/batch.txt"
    : > "$file"
    for ((i = $2; i < $2 + $1; i++)); do
        read -r host peer <<< "$(addresses $i)"
        cat >> "$file" <<BATCH
netns add $3$i
link add h$3$i type veth peer name p$3$i netns $3$i
addr add $host dev h$3$i
link set h$3$i up
netns exec $3$i ip addr add $peer dev p$3$i
netns exec $3$i ip link set p$3$i up
BATCH
    done
    start=$EPOCHREALTIME
    ip -batch "$file" >/dev/null
    local total=$(( ${EPOCHREALTIME/./} - ${start/./} ))
    for ((i = 0; i < $1; i++)); do echo $(( total / $1 )); done
}

# clean_up [SECONDS]: removes every namespace and waits (120 s unless
# told) for the kernel to free their links.
clean_up() {
    local ns
    for ns in $(ls /run/netns); do ip netns del "$ns"; done
    wait_until "${1:-120}" bash -c '[[ $(ip -o link | wc -l) -le 1 ]]'
}

for n in "${sizes[@]}"; do
    step "N = $n"
    tag="n$n"
    chunk=$(( (n + rounds - 1) / rounds ))
    for ((first = 0; first < n; first += chunk)); do
        count=$(( first + chunk > n ? n - first : chunk ))
        "$bench" raw $count $first r >> "$out/$tag.raw"
        "$bench" api $count $first a >> "$out/$tag.root"
        as_user nobody "$bench" api $count $first u >> "$out/$tag.user"
        "$bench" batch $count $first b >> "$out/$tag.batch"
        as_user nobody "$bench" batch $count $first v >> "$out/$tag.batch-user"
        "$bench" batch-all $count $first c >> "$out/$tag.batch-all"
        ip_loop $count $first l >> "$out/$tag.ip"
        ip_batch $count $first m >> "$out/$tag.ip-batch"
        echo "  $((first + count)) of $n"
    done
    "$bench" teardown "$n" 0 a >> "$out/$tag.teardown"
    clean_up
done

step "polkitd alone: $polkit_questions questions, one and four at a time"
as_user nobody "$bench" polkit "$polkit_questions" 1 > "$out/polkit.serial"
as_user nobody "$bench" polkit "$polkit_questions" 4 > "$out/polkit.parallel"
# As netnsd asks: root, for the allowed user's connection (held by a
# process of its own), with details.
bg_as_user nobody "$PYTHON" -c '
from gi.repository import Gio, GLib
bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
print(bus.get_unique_name(), flush=True)
GLib.MainLoop().run()' > "$out/polkit.holder"
holder=$BG_PID
wait_until 10 test -s "$out/polkit.holder"
"$bench" polkit "$polkit_questions" 1 "$(cat "$out/polkit.holder")" > "$out/polkit.asked-serial"
"$bench" polkit "$polkit_questions" 4 "$(cat "$out/polkit.holder")" > "$out/polkit.asked-parallel"
kill "$holder"

step "ListNamespaces with $list_count namespaces, against ip netns list"
"$bench" raw "$list_count" 0 ls > /dev/null
wait_until 30 bash -c "[[ \$(busctl --system call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE ListNamespaces | cut -d' ' -f2) == $list_count ]]"
"$bench" list 30 > "$out/list.netnsd"
for i in $(seq 30); do
    start=$EPOCHREALTIME
    ip netns list > /dev/null
    echo $(( ${EPOCHREALTIME/./} - ${start/./} ))
done > "$out/list.ip"
clean_up

step "ListLinks of a namespace with $((2 * link_pairs)) links"
ip netns add big
for i in $(seq "$link_pairs"); do echo "link add a$i type veth peer name b$i"; done > "$out/links.txt"
ip -n big -batch "$out/links.txt"
"$bench" list-links big 30 > "$out/links.both"
cut -d' ' -f1 "$out/links.both" > "$out/links.netnsd"
cut -d' ' -f2 "$out/links.both" > "$out/links.raw"
for i in $(seq 30); do
    start=$EPOCHREALTIME
    ip -n big -br link > /dev/null
    echo $(( ${EPOCHREALTIME/./} - ${start/./} ))
done > "$out/links.ip"
clean_up

# footprint PID: netnsd's RSS in KiB and its open fds.
footprint() {
    echo "$(awk '/VmRSS/ {print $2}' "/proc/$1/status") $(ls "/proc/$1/fd" | wc -l)"
}

# Each setup has three link objects (lo and a veth end in its namespace,
# the other end in the host) and the host has lo: 3,333 setups make
# exactly 10,000. GetManagedObjects is timed there on the way, if the
# footprints reach it.
objects_setups=$(( (objects - 1) / 3 ))
stops=("${footprints[@]}")
(( objects_setups > footprints[-1] )) || stops+=("$objects_setups")
step "netnsd's RSS and fds with ${footprints[*]} namespaces; GetManagedObjects with $objects link objects"
pid=$(cat "$NNS_RUN/netnsd.pid")
for target in $(printf '%s\n' "${stops[@]}" | sort -nu); do
    have=$(ls /run/netns | wc -l)
    (( target <= have )) || "$bench" api $((target - have)) "$have" s > /dev/null
    if [[ " ${footprints[*]} " == *" $target "* ]]; then
        echo "$target $(footprint "$pid")" >> "$out/footprint"
    fi
    if (( target == objects_setups )); then
        "$bench" managed-objects 10 > "$out/managed-objects.fewer"
    fi
done

step "link objects with ${footprints[-1]} namespaces: GetManagedObjects, PropertiesChanged, a start"
"$bench" managed-objects 10 > "$out/managed-objects"
"$bench" link-latency s0 ps0 30 > "$out/latency.namespace"
"$bench" link-latency "" hs0 30 > "$out/latency.host"
stop_netnsd
start=$EPOCHREALTIME
NNS_NETNSD_VERBOSE= NNS_START_TIMEOUT=300 start_netnsd --max-namespaces-per-user=1000000 \
    --max-links-per-user=1000000
owned=$EPOCHREALTIME
busctl --system call "$BUS_NAME" "$MANAGER_PATH" "$MANAGER_IFACE" ListNamespaces > /dev/null
answered=$EPOCHREALTIME
echo "${footprints[-1]} $(( ${owned/./} - ${start/./} )) $(( ${answered/./} - ${owned/./} ))" > "$out/start"

# The footprints' setups stay; the rest are made by Apply, 100 setups a call
# (each well within the call's 25 s at 10,000 namespaces), under the same
# prefix, so that one teardown takes all.
have=$(ls /run/netns | wc -l)
(( many >= have )) || many=$have
step "$many namespaces: made, listed, netnsd started with them, deleted through netnsd"
start=$EPOCHREALTIME
for ((first = have; first < many; first += 100)); do
    "$bench" batch-all $(( first + 100 > many ? many - first : 100 )) "$first" s > /dev/null
done
echo "$many $have $(( ${EPOCHREALTIME/./} - ${start/./} )) 100" > "$out/many.make"
listed=$(busctl --system call "$BUS_NAME" "$MANAGER_PATH" "$MANAGER_IFACE" ListNamespaces | cut -d' ' -f2)
[[ $listed == "$many" ]] || fail "ListNamespaces answered with $listed namespaces, not $many"
"$bench" list 10 > "$out/many.list"
pid=$(cat "$NNS_RUN/netnsd.pid")
echo "$many $(footprint "$pid")" > "$out/many.footprint"
stop_netnsd
start=$EPOCHREALTIME
NNS_NETNSD_VERBOSE= NNS_START_TIMEOUT=600 start_netnsd --max-namespaces-per-user=1000000 \
    --max-links-per-user=1000000
owned=$EPOCHREALTIME
listed=$(busctl --system call "$BUS_NAME" "$MANAGER_PATH" "$MANAGER_IFACE" ListNamespaces | cut -d' ' -f2)
answered=$EPOCHREALTIME
[[ $listed == "$many" ]] || fail "netnsd started with $listed namespaces, not $many"
pid=$(cat "$NNS_RUN/netnsd.pid")
echo "$many $(( ${owned/./} - ${start/./} )) $(( ${answered/./} - ${owned/./} )) $(footprint "$pid")" \
    > "$out/many.start"
start=$EPOCHREALTIME
"$bench" teardown "$many" 0 s > "$out/many.delete"
echo "$(( ${EPOCHREALTIME/./} - ${start/./} ))" > "$out/many.delete-total"
[[ -z $(ls -A /run/netns) ]] || fail "namespaces left after deleting all $many"
clean_up 600

echo "$list_count $((2 * link_pairs))" > "$out/sizes"
"$PYTHON" "$NNS_SRCDIR/tests/bench/summarize.py" "$out" "${sizes[@]}"
