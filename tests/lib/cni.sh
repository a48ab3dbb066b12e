# tests/lib/cni.sh: running the CNI plugin as a runtime does, and
# "containers" for it: network namespaces held only by a process, as a
# runtime's containers are. Sourced after testlib.sh.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

CNI_PLUGIN_DIR="$NNS_BUILDDIR/client/cni"
CNI_PLUGIN="$CNI_PLUGIN_DIR/netnsd"
# Debian's reference plugins (containernetworking-plugins).
CNI_REFERENCE_DIR=/usr/lib/cni
CONTAINER_PIDS=()

# cni COMMAND ID NETNS IFNAME CONFIG: runs the plugin with CONFIG on stdin
# and the CNI_* variables a runtime sets (NETNS "" leaves CNI_NETNS out,
# as a DEL after the container went may); its stdout goes to $CNI_OUT and
# its exit status to $status. Never fails.
cni() {
    cni_exec "$CNI_PLUGIN" "$@"
}

# cni_exec PLUGIN COMMAND ID NETNS IFNAME CONFIG [CNI_ARGS]
cni_exec() {
    local plugin=$1 command=$2 id=$3 netns=$4 ifname=$5 config=$6 args=${7:-}
    local vars=(CNI_COMMAND="$command" CNI_CONTAINERID="$id" CNI_IFNAME="$ifname"
                CNI_PATH="$CNI_PLUGIN_DIR:$CNI_REFERENCE_DIR")
    [[ -n $netns ]] && vars+=(CNI_NETNS="$netns")
    [[ -n $args ]] && vars+=(CNI_ARGS="$args")
    # Nothing else of the environment: a runtime's DEL may come from a
    # process with next to none (podman's container cleanup). A
    # sanitizer's settings stay, so that its reports fail the case.
    [[ -n ${ASAN_OPTIONS:-} ]] && vars+=(ASAN_OPTIONS="$ASAN_OPTIONS")
    [[ -n ${UBSAN_OPTIONS:-} ]] && vars+=(UBSAN_OPTIONS="$UBSAN_OPTIONS")
    status=0
    CNI_OUT=$(printf '%s' "$config" | env -i PATH="$PATH" "${vars[@]}" "$plugin") || status=$?
}

# cni_ok COMMAND ID NETNS IFNAME CONFIG: as cni, and it must succeed.
cni_ok() {
    cni "$@"
    [[ $status == 0 ]] || fail "CNI $1 of $2 failed ($status): $CNI_OUT"
}

# cni_error_code: the "code" of the error JSON in $CNI_OUT.
cni_error_code() {
    json_get 'd["code"]' <<<"$CNI_OUT"
}

# expect_cni_error CODE COMMAND ID NETNS IFNAME CONFIG: the plugin fails
# with CODE (the CNI specification's) and says why.
expect_cni_error() {
    local code=$1; shift
    cni "$@"
    [[ $status != 0 ]] || fail "CNI $1 succeeded; expected code $code: $CNI_OUT"
    assert_eq "$(cni_error_code)" "$code" "the error code of $1 ($CNI_OUT)"
    echo "  code $code: $(json_get 'd["msg"] + ": " + d.get("details", "")' <<<"$CNI_OUT")"
}

# with_prev CONFIG RESULT: CONFIG with prevResult RESULT, as a runtime
# passes it to CHECK and DEL and to the next plugin of a chain.
with_prev() {
    "$PYTHON" -c 'import json, sys
conf = json.loads(sys.argv[1]); conf["prevResult"] = json.loads(sys.argv[2])
print(json.dumps(conf))' "$1" "$2"
}

# container_start VAR: a new network namespace held only by a process
# (`unshare -n sleep infinity`); its pid in VAR, its namespace at
# /proc/PID/ns/net.
container_start() {
    local __own __pid
    __own=$(stat -L -c %i /proc/self/ns/net)
    unshare -n sleep infinity &
    __pid=$!
    CONTAINER_PIDS+=("$__pid")
    wait_until 5 bash -c "[[ \$(stat -L -c %i /proc/$__pid/ns/net) != $__own ]]"
    printf -v "$1" '%s' "$__pid"
}

containers_stop() {
    local pid
    for pid in "${CONTAINER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${CONTAINER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    CONTAINER_PIDS=()
}

# in_container PID CMD...: CMD in the network namespace of PID.
in_container() {
    local pid=$1; shift
    nsenter --net="/proc/$pid/ns/net" "$@"
}

# container_whoami PID PORT: tests/lib/whoami.py in PID's namespace.
container_whoami() {
    local ready="$NNS_RUN/whoami-c$1-$2"
    rm -f "$ready"
    in_container "$1" "$PYTHON" "$NNS_SRCDIR/tests/lib/whoami.py" "$2" "$ready" &
    WHOAMI_PIDS+=($!)
    wait_until 5 test -e "$ready"
}

# result_get EXPRESSION: EXPRESSION of the JSON result in $CNI_OUT (`d`).
result_get() {
    json_get "$1" <<<"$CNI_OUT"
}

# address_of RESULT: the first address of a result, without its prefix.
address_of() {
    json_get 'd["ips"][0]["address"].split("/")[0]' <<<"$1"
}

# leases POOL: "HOLDER ADDRESS" lines of netnsd's leases in POOL.
leases() {
    busctl --system --json=short call "$BUS_NAME" "$MANAGER_PATH" "$MANAGER_IFACE" ListLeases s "$1" |
        json_get '"\n".join(l["holder"]["data"] + " " + l["address"]["data"] for l in d["data"][0])'
}
