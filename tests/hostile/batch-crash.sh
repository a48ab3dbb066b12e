#!/bin/bash
# An Apply stays all or nothing across a crash. netnsd is killed with
# SIGKILL in the middle of a 180-operation Apply (30 namespaces, each with
# a veth pair to the host, addresses, DNS and a sysctl), after 15, 90 and
# 179 operations, and in the middle of a failed Apply's roll-back: after
# a restart nothing of the batch is left (no namespace, no host link, no
# /etc/netns folder, no record), and the same caller, whose limit is 30
# namespaces, can run the whole Apply at once. Before, the finished
# namespaces stayed with their veths and addresses, counted in the
# caller's quota, while the caller never got an answer.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

if ! grep -q NETNSD_CRASH_AT "$NNS_BUILDDIR/service/netnsd"; then
    echo "netnsd was built without -Ddebug_hooks=true; nothing to test"
    exit 77
fi

LIMIT=(--max-namespaces-per-user=30)
allow_rule nobody 'subject.user == "nobody"'
restart_netnsd "${LIMIT[@]}"
wait_until 5 as_user nobody "$NETNSCTL" list

ns_call CreateNamespace 'sa{sv}' keep 0 >/dev/null
keep_before=$(net_state keep)

# The batch: 30 groups of 6 operations; with a last argument, one more
# operation that fails when performed (an address added twice).
batch() {
    local ops=() k
    for ((k = 1; k <= 30; k++)); do
        ops+=("('CreateNamespace', {'name': <'b$k'>})"
              "('CreateVeth', {'namespace': <''>, 'name': <'h$k'>, 'peer_namespace': <'b$k'>, 'peer_name': <'p$k'>, 'options': <{'up': <true>}>})"
              "('AddAddress', {'namespace': <''>, 'link': <'h$k'>, 'address': <'10.201.$k.1/24'>})"
              "('AddAddress', {'namespace': <'b$k'>, 'link': <'p$k'>, 'address': <'10.201.$k.2/24'>})"
              "('SetDns', {'namespace': <'b$k'>, 'nameservers': <['10.201.$k.1']>, 'search': <@as []>})"
              "('SetSysctl', {'namespace': <'b$k'>, 'key': <'net.ipv4.ip_forward'>, 'value': <'1'>})")
    done
    # The first pair's host end moves into a namespace the batch did not
    # make: the pair must still go, through its other end.
    ops[5]="('MoveLink', {'namespace': <''>, 'name': <'h1'>, 'target_namespace': <'keep'>})"
    [[ -n ${1:-} ]] && ops+=("('AddAddress', {'namespace': <'b30'>, 'link': <'p30'>, 'address': <'10.201.30.2/24'>})")
    local IFS=,
    echo "([${ops[*]}], @a{sv} {})"
}
batch > "$NNS_RUN/batch.ok"
batch fail > "$NNS_RUN/batch.fail"

host_before=$(net_state "")

# Nothing of the batch is left, and the journal is empty.
assert_nothing_left() {
    assert_eq "$(ls -A /run/netns)" "keep" "/run/netns ($1)"
    assert_eq "$(net_state keep)" "$keep_before" "the links of namespace keep ($1)"
    assert_eq "$(ls -A /run/netnsd/namespaces)" "keep" "owner records ($1)"
    assert_eq "$(ls -A /run/netnsd/journal)" "" "the journal ($1)"
    assert_eq "$(ls -A /etc/netns)" "" "/etc/netns ($1)"
    assert_eq "$(net_state "")" "$host_before" "the host's links and addresses ($1)"
    assert_eq "$(ls -A /run/netnsd/host-links)" "" "host link owners ($1)"
}

# crash_in POINT N FILE: nobody's Apply of FILE against a netnsd that dies
# on reaching POINT the Nth time; then a normal netnsd again.
crash_in() {
    NETNSD_CRASH_AT=$1 NETNSD_CRASH_AFTER=$2 restart_netnsd "${LIMIT[@]}"
    # No D-Bus timeout: on a loaded machine the batch may take longer than
    # GDBus's default 25 s to reach its crash point.
    run_capture out as_user nobody "$PYTHON" "$NNS_SRCDIR/tests/lib/call.py" --timeout=600 Apply "@$3"
    [[ $status != 0 ]] || fail "the Apply succeeded with netnsd dying at $1 #$2"
    local pid deadline=$((SECONDS + 10))
    pid=$(cat "$NNS_RUN/netnsd.pid")
    while kill -0 "$pid" 2>/dev/null; do
        ((SECONDS < deadline)) || fail "netnsd still runs after the Apply ended with: $out"
        sleep 0.05
    done
    echo "  killed at $1 #$2; before the restart: $(ls /run/netns | wc -l) namespaces," \
         "$(ls /run/netnsd/journal | wc -l) journal entries"
    start_netnsd "${LIMIT[@]}"
}

# The restart logged what it undid.
assert_logged() {
    local line
    line=$(grep 'by an Apply by uid 65534 that a crash interrupted' "$NNS_RUN/netnsd.log" | tail -1)
    assert_contains "$line" "undid" "the log"
    echo "  ${line#*: }"
}

for n in 15 90 179; do
    step "killed after $n of 180 operations"
    crash_in apply-step-done $n "$NNS_RUN/batch.ok"
    assert_nothing_left "after $n"
    assert_logged
done

step "killed while a failed Apply rolls back"
crash_in apply-step-undone 40 "$NNS_RUN/batch.fail"
assert_nothing_left "in the roll-back"
assert_logged

step "the caller's quota is free: the whole Apply runs"
run_capture out as_user nobody "$PYTHON" "$NNS_SRCDIR/tests/lib/call.py" Apply "@$NNS_RUN/batch.ok"
[[ $status == 0 ]] || fail "the Apply: $out"
assert_eq "$(ls /run/netns | wc -l)" "31" "namespaces"
assert_eq "$(ns_property b30 Owner)" "u 65534" "b30's Owner"
# The batch's entry went before the answer, its steps' entries go after.
wait_until 5 bash -c '[[ -z $(ls -A /run/netnsd/journal) ]]'

step "a restart keeps an Apply that answered"
restart_netnsd "${LIMIT[@]}"
assert_eq "$(ls /run/netns | wc -l)" "31" "namespaces after a restart"
assert_not_contains "$(tail -5 "$NNS_RUN/netnsd.log")" "crash interrupted" "the log"
for ((k = 1; k <= 30; k++)); do ns_call DeleteNamespace 'sa{sv}' b$k 0 >/dev/null; done
ns_call DeleteNamespace 'sa{sv}' keep 0 >/dev/null
echo "PASS"
