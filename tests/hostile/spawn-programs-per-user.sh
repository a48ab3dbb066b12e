#!/bin/bash
# Finding: a user could start programs through netnsd without end (1,000
# in 1.6 s). Now each user other than root may have at most
# --max-programs-per-user (default 256) running at once; the next Spawn
# is refused with Busy before polkit is asked. Other users, and root, go
# on; an exit makes room again.
source "$NNS_SRCDIR/tests/lib/testlib.sh"
source "$NNS_SRCDIR/tests/hostile/spawn-lib.sh"

restart_netnsd --max-programs-per-user=3
allow_rule all 'subject.user == "nns-alice" || subject.user == "nns-bob"'
wait_until 5 as_user nns-alice "$NETNSCTL" add mine
ns_call CreateNamespace 'sa{sv}' roots 0 >/dev/null

run_as() {
    local user=$1; shift
    as_user "$user" bash -c "$(declare -f spawn); PYTHON=$PYTHON; spawn \"\$1\" null" bash "$@"
}
sleeper="('mine', ['sleep', '60'], {'kill-on-disconnect': <false>}, 0, 1, 2)"

step "three programs of nns-alice run"
pids=()
for i in 1 2 3; do
    out=$(run_as nns-alice "$sleeper")
    pids+=("${out#pid }")
done
echo "  pids ${pids[*]}"
step "the fourth is refused, naming the option"
run_capture out run_as nns-alice "$sleeper"
[[ $status != 0 ]] || fail "a fourth program started"
assert_contains "$out" "$ERR.Busy: uid 60001 already has 3 programs started through netnsd" "the refusal"
assert_contains "$out" "--max-programs-per-user" "the refusal"
echo "  $out"
step "another user, and root, are not held up"
run_as nns-bob "('mine', ['true'], @a{sv} {}, 0, 1, 2)" >/dev/null
"$NETNSCTL" exec roots -- true
step "one exits: room for one more"
kill "${pids[0]}"
wait_until 5 run_as nns-alice "$sleeper"
run_capture out run_as nns-alice "$sleeper"
[[ $status != 0 ]] || fail "a fourth program started after the third came back"
kill "${pids[@]:1}" 2>/dev/null || true
pkill -u nns-alice -x sleep || true

step "the option takes positive numbers"
run_capture out "$NNS_BUILDDIR/service/netnsd" --max-programs-per-user=0
assert_eq "$status" "2" "netnsd's status"
assert_contains "$out" "--max-programs-per-user take positive numbers" "the message"
echo "PASS"
