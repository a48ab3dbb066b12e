#!/bin/bash
# polkit is shared fairly: two users with no rights, each with a polkit
# agent that never answers and 64 interactive calls held open, take only
# their own shares of the checks netnsd may have out at polkitd; a third
# user whom a rule allows outright is answered meanwhile, every time. And
# the first connection to polkitd has the same time limit as every check.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

step "polkitd hanging before netnsd ever reached it: a clear error in time"
restart_netnsd --auth-timeout 2
polkitd=$(cat "$NNS_RUN/polkitd.pid")
trap 'kill -CONT $polkitd 2>/dev/null || true' EXIT
kill -STOP "$polkitd"
start=$SECONDS
run_capture out as_user nobody ns_gdbus CreateNamespace first_contact '{}'
elapsed=$((SECONDS - start))
echo "  answered after ${elapsed}s: $out"
assert_contains "$out" "$ERR.NotAuthorized" "the error"
assert_contains "$out" "polkit did not answer within 2 seconds" "the reason"
(( elapsed <= 6 )) || fail "the first check took ${elapsed}s"
kill -CONT "$polkitd"
assert_not_contains "$(ip netns list)" "first_contact" "ip netns list"

step "two hostile users hold 64 interactive calls each"
restart_netnsd
allow_rule nobody 'subject.user == "nobody"'
agents=()
for user in nns-alice nns-bob; do
    bg_as_user "$user" "$PYTHON" "$NNS_SRCDIR/tests/lib/never_agent.py" 64 \
        > "$NNS_RUN/agent-$user.log" 2>&1
    agents+=("$BG_PID")
done
trap 'kill -CONT $polkitd 2>/dev/null || true; kill ${agents[*]} 2>/dev/null || true' EXIT
for user in nns-alice nns-bob; do
    wait_until 20 grep -q "sent 64" "$NNS_RUN/agent-$user.log"
done
# netnsd has handed the hostile checks it may to polkitd, and holds the
# rest in its queue.
wait_until 10 grep -q "uid 60002 .*: waiting for room at polkit" "$NNS_RUN/netnsd.log"
wait_until 10 grep -q "uid 60001 .*: waiting for room at polkit" "$NNS_RUN/netnsd.log"

step "an allowed user is answered meanwhile, every time"
for i in 1 2 3 4 5 6; do
    start_ns=$(date +%s%N)
    as_user nobody "$NETNSCTL" --no-ask-password add "fair$i" ||
        fail "call $i of the allowed user was refused: $(tail -5 "$NNS_RUN/netnsd.log")"
    echo "  call $i answered in $(( ($(date +%s%N) - start_ns) / 1000000 )) ms"
done
assert_contains "$(ip netns list)" "fair6" "ip netns list"
assert_not_contains "$(ip netns list)" "hostile" "no hostile namespace"

step "the hostile users leave: their checks go"
kill "${agents[@]}"
wait "${agents[@]}" 2>/dev/null || true
wait_until 10 grep -q "left the bus; cancelling its authorization" "$NNS_RUN/netnsd.log"
as_user nobody "$NETNSCTL" --no-ask-password add after_agents
assert_not_contains "$(ip netns list)" "hostile" "no hostile namespace"
echo "PASS"
