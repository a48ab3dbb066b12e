# tests/lib/testlib.sh: helpers for integration tests, sourced by each case.
# Cases run inside tests/lib/sandbox, next to a private netnsd.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
# A failure inside $(...) fails the assignment that captures it.
shopt -s inherit_errexit

NETNSCTL="$NNS_BUILDDIR/client/netnsctl"
PYTHON=/usr/bin/python3
BUS_NAME=org.example.NetNs
MANAGER_PATH=/org/example/NetNs
MANAGER_IFACE=org.example.NetNs
NS_IFACE=org.example.NetNs.Namespace
ERR=org.example.NetNs.Error

step() { printf '\n== %s\n' "$*"; }

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

assert_eq() {
    [[ "$1" == "$2" ]] || fail "${3:-values differ}: expected '$2', got '$1'"
}

assert_contains() {
    [[ "$1" == *"$2"* ]] || fail "${3:-text}: expected to contain '$2', got: $1"
}

assert_not_contains() {
    [[ "$1" != *"$2"* ]] || fail "${3:-text}: expected not to contain '$2', got: $1"
}

# run_capture VAR CMD...: runs CMD, keeps its status in $status and its
# stdout and stderr together in VAR.
run_capture() {
    local var=$1; shift
    local __captured
    status=0
    __captured=$("$@" 2>&1) || status=$?
    printf -v "$var" "%s" "$__captured"
}

# expect_error DBUS_ERROR CMD...: CMD must fail with the named D-Bus error.
expect_error() {
    local expected=$1; shift
    local out
    run_capture out "$@"
    [[ $status != 0 ]] || fail "'$*' succeeded; expected $expected"
    assert_contains "$out" "$expected" "error of '$*'"
    echo "  $expected: ${out##*$expected}"
}

# expect_exit STATUS CMD...: CMD (netnsctl) must exit with STATUS; prints
# its message.
expect_exit() {
    local expected=$1; shift
    local out
    run_capture out "$@"
    [[ $status == "$expected" ]] || fail "'$*' exited with $status, expected $expected: $out"
    echo "  exit $status: $out"
}

# wait_until SECONDS CMD...: retries CMD until it succeeds.
wait_until() {
    local deadline=$((SECONDS + $1)); shift
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || fail "timed out waiting for: $*"
        sleep 0.05
    done
}

# as_user USER CMD...: runs CMD (a program or a function of this file) as
# USER, with that user's groups; "nobody" is uid 65534 with no groups.
as_user() {
    local user=$1; shift
    local ids=(--reuid="$user" --regid="$user" --init-groups)
    [[ $user == nobody ]] && ids=(--reuid=65534 --regid=65534 --clear-groups)
    if declare -F "$1" >/dev/null; then
        setpriv "${ids[@]}" -- bash -c "$(declare -p BUS_NAME MANAGER_PATH MANAGER_IFACE)
            $(declare -f "$1"); \"\$@\"" bash "$@"
    else
        setpriv "${ids[@]}" -- "$@"
    fi
}

# bg_as_user USER CMD...: starts CMD as USER in the background; BG_PID is
# CMD's own pid (setpriv execs it), so signals sent there reach it.
bg_as_user() {
    local user=$1; shift
    local ids=(--reuid="$user" --regid="$user" --init-groups)
    [[ $user == nobody ]] && ids=(--reuid=65534 --regid=65534 --clear-groups)
    setpriv "${ids[@]}" -- "$@" &
    BG_PID=$!
}

# ns_call METHOD [SIGNATURE ARGS...]: calls the manager through busctl.
ns_call() {
    local method=$1; shift
    busctl --system call "$BUS_NAME" "$MANAGER_PATH" "$MANAGER_IFACE" "$method" "$@"
}

# ns_path NAME: the object path of a namespace, its name escaped as
# g_dbus_escape_object_path() does (every byte but [A-Za-z0-9] as _xx).
# ns_gdbus [-i] METHOD ARGS...: calls the manager through gdbus, which
# names the D-Bus error on failure; -i allows interactive authorization.
ns_gdbus() {
    local flags=()
    if [[ $1 == -i ]]; then flags=(--interactive); shift; fi
    local method=$1; shift
    gdbus call --system "${flags[@]}" -d "$BUS_NAME" -o "$MANAGER_PATH" \
        -m "$MANAGER_IFACE.$method" "$@"
}

ns_path() {
    local LC_ALL=C name=$1 escaped= c i
    for ((i = 0; i < ${#name}; i++)); do
        c=${name:i:1}
        if [[ $c == [A-Za-z0-9] ]]; then
            escaped+=$c
        else
            escaped+=$(printf '_%02x' "'$c")
        fi
    done
    echo "$MANAGER_PATH/namespace/$escaped"
}

ns_property() {
    busctl --system get-property "$BUS_NAME" "$(ns_path "$1")" "$NS_IFACE" "$2"
}

netns_names() {
    ip netns list | awk '{print $1}' | sort | tr '\n' ' '
}

# allow_rule NAME JS_CONDITION: a polkit rule that says yes when
# JS_CONDITION holds (it can use action and subject).
allow_rule() {
    cat > "$NNS_RULES_DIR/50-nns-test-$1.rules" <<RULE
polkit.addRule(function(action, subject) {
    if ($2) { return polkit.Result.YES; }
});
RULE
}

remove_rule() {
    rm -f "$NNS_RULES_DIR/50-nns-test-$1.rules"
}

# A D-Bus signal monitor on netnsd, writing to a file.
start_monitor() {
    MONITOR_LOG="$NNS_RUN/monitor.$$.log"
    gdbus monitor --system --dest "$BUS_NAME" >"$MONITOR_LOG" 2>&1 &
    MONITOR_PID=$!
    wait_until 5 grep -q "Monitoring signals" "$MONITOR_LOG"
    # gdbus has subscribed once it has printed that line and the name owner.
    sleep 0.2
}

expect_signal() {
    wait_until 5 grep -qF "$1" "$MONITOR_LOG" ||
        fail "signal '$1' not seen; monitor saw: $(cat "$MONITOR_LOG")"
    echo "  seen: $1"
}

stop_monitor() {
    kill "$MONITOR_PID" 2>/dev/null || true
    wait "$MONITOR_PID" 2>/dev/null || true
}

# Stops and restarts the sandbox's netnsd, as a service manager would;
# arguments go to the new netnsd, which logs debug messages unless
# NNS_NETNSD_VERBOSE is set empty.
restart_netnsd() {
    stop_netnsd
    start_netnsd "$@"
}

stop_netnsd() {
    local pid
    pid=$(cat "$NNS_RUN/netnsd.pid")
    kill "$pid" 2>/dev/null || return 0
    wait_until 30 bash -c "! kill -0 $pid 2>/dev/null"
}

start_netnsd() {
    # shellcheck disable=SC2086
    G_DEBUG=fatal-criticals ${NNS_NETNSD_WRAPPER:-} "$NNS_BUILDDIR/service/netnsd" ${NNS_NETNSD_VERBOSE---verbose} "$@" \
        >>"$NNS_RUN/netnsd.log" 2>&1 &
    echo $! > "$NNS_RUN/netnsd.pid"
    disown
    gdbus wait --system --timeout "${NNS_START_TIMEOUT:-10}" "$BUS_NAME"
}

# Nothing in /run/netns and no owner records: what a failed call must leave.
assert_no_namespaces() {
    assert_eq "$(ls -A /run/netns)" "" "/run/netns after ${1:-the call}"
    assert_eq "$(ls -A /run/netnsd/namespaces 2>/dev/null)" "" "owner records after ${1:-the call}"
    assert_eq "$(ns_call ListNamespaces)" "a(so) 0" "ListNamespaces after ${1:-the call}"
}

# json_get EXPRESSION: reads JSON on stdin and prints the Python
# EXPRESSION of it (the document is `d`).
json_get() {
    "$PYTHON" -c "import json, sys; d = json.load(sys.stdin); print($1)"
}

# net_state [NS...]: links, addresses and routes of the host and each NS
# (tests/lib/net-state.py). Capture it in a variable (before=$(net_state
# red)), so that a failure to read the state stops the test.
net_state() {
    "$PYTHON" "$NNS_SRCDIR/tests/lib/net-state.py" "$@"
}

# wait_for_ipv6 NS: waits until duplicate address detection is over in NS
# ("" is the host), so that IPv6 addresses can be used.
wait_for_ipv6() {
    local ip=(ip)
    [[ -n $1 ]] && ip=(ip -n "$1")
    wait_until 10 bash -c "[[ -z \$(${ip[*]} -6 addr show tentative) ]]"
}

# fetch URL: the body of URL, fetched with curl from the sandbox's host.
fetch() {
    curl --silent --show-error --max-time 5 "$@"
}

# netnsd_is_instrumented: TRUE when netnsd runs under ASan or valgrind,
# whose own bookkeeping (ASan's quarantine of freed memory, valgrind's
# shadow memory) swamps its RSS; their leak checkers run at its exit
# instead (tests/lib/sandbox).
netnsd_is_instrumented() {
    # Not `ldd | grep -q`: grep leaving early can kill ldd with SIGPIPE,
    # and with pipefail an instrumented netnsd would then look plain.
    [[ -n ${NNS_NETNSD_WRAPPER:-} ]] || ldd "$NNS_BUILDDIR/service/netnsd" | grep libasan >/dev/null
}

# assert_rss_settled BEFORE_KB PID: netnsd's RSS has not grown by more
# than 4 MiB since BEFORE_KB.
assert_rss_settled() {
    local before=$1 pid=$2 after
    after=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
    if netnsd_is_instrumented; then
        echo "  RSS ${before} kB before, ${after} kB after (instrumented: its leak checker decides)"
        return
    fi
    echo "  RSS ${before} kB before, ${after} kB after"
    (( after < before + 4096 )) || fail "netnsd grew by $((after - before)) kB"
}
