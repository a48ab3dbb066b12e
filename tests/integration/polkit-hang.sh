#!/bin/bash
# Fail closed when polkitd hangs (the real one, stopped with SIGSTOP): the
# call gets a clear error within the configured time, netnsd keeps serving
# others meanwhile, and a caller that leaves while its check is pending
# gets nothing done.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

restart_netnsd --auth-timeout 2
allow_rule nobody 'subject.user == "nobody"'
wait_until 5 as_user nobody "$NETNSCTL" add warmup
polkitd=$(cat "$NNS_RUN/polkitd.pid")
trap 'kill -CONT $polkitd 2>/dev/null || true' EXIT

step "polkitd hangs: a clear error within the time limit"
kill -STOP $polkitd
start=$SECONDS
bg_as_user nobody "$NETNSCTL" --no-ask-password add during_hang
pending=$BG_PID

step "meanwhile netnsd serves others"
"$NETNSCTL" add by_root
assert_contains "$("$NETNSCTL" list)" "by_root" "root's namespace, made while polkitd hangs"
assert_contains "$(ns_call ListNamespaces)" "warmup" "ListNamespaces while polkitd hangs"
status=0; wait $pending || status=$?
elapsed=$((SECONDS - start))
assert_eq "$status" "3" "the hanging call's exit status"
(( elapsed <= 6 )) || fail "the hanging call took ${elapsed}s"
echo "  answered after ${elapsed}s"
run_capture out as_user nobody ns_gdbus CreateNamespace during_hang '{}'
assert_contains "$out" "$ERR.NotAuthorized: cannot create namespace 'during_hang': polkit did not answer within 2 seconds" "the error"
assert_not_contains "$(ip netns list)" "during_hang" "ip netns list"

step "a caller that leaves while its check is pending: the check is dropped"
restart_netnsd --auth-timeout 30
bg_as_user nobody gdbus call --system -d $BUS_NAME -o $MANAGER_PATH \
    -m $MANAGER_IFACE.CreateNamespace left_early '{}'
client=$BG_PID
sleep 0.5
kill -KILL $client
wait $client 2>/dev/null || true
wait_until 5 grep -q "left the bus; cancelling its authorization" "$NNS_RUN/netnsd.log"
kill -CONT $polkitd
sleep 1
assert_not_contains "$(ip netns list)" "left_early" "ip netns list"
assert_not_contains "$(ns_call ListNamespaces)" "left_early" "ListNamespaces"
echo "PASS"
