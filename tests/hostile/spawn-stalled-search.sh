#!/bin/bash
# The search for the program runs as the caller, so the caller can stop
# it (SIGSTOP): that must stall nothing. netnsd reads its answer on the
# main loop, answers other callers meanwhile, and kills it after the
# start timeout; the Spawn fails and nothing is left behind. (A child of
# a -Ddebug_hooks=true build stops itself once it is the caller.)
source "$NNS_SRCDIR/tests/lib/testlib.sh"
source "$NNS_SRCDIR/tests/hostile/spawn-lib.sh"

if ! grep -q NETNSD_SPAWN_STOP_AT "$NNS_BUILDDIR/service/netnsd"; then
    echo "SKIP: netnsd built without -Ddebug_hooks=true"
    exit 77
fi
NETNSD_SPAWN_STOP_AT=resolving NETNSD_SPAWN_STOP_PROGRAM=sleep NETNSD_SPAWN_TIMEOUT=3 restart_netnsd
allow_rule all 'subject.user == "nns-alice"'
wait_until 5 as_user nns-alice "$NETNSCTL" add mine
netnsd_pid=$(cat "$NNS_RUN/netnsd.pid")

step "a Spawn whose search is stopped"
start=$SECONDS
as_user nns-alice "$NETNSCTL" exec mine -- sleep 60 > "$NNS_RUN/stalled.out" 2>&1 &
client=$!
wait_until 5 bash -c "ps -o stat=,uid= --ppid $netnsd_pid | grep -q '^T *60001'"
echo "  the search (uid 60001) is stopped: $(ps -o pid=,stat=,uid= --ppid $netnsd_pid)"

step "meanwhile, netnsd answers"
for _ in 1 2 3; do
    t0=$(date +%s%N)
    ns_call ListNamespaces >/dev/null
    "$NETNSCTL" exec mine -- true
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    echo "  ListNamespaces and a root Spawn: $ms ms"
    (( ms < 1000 )) || fail "netnsd took $ms ms to answer while a search was stopped"
done

step "the stopped search is killed after the timeout, the Spawn fails"
wait "$client" && fail "the stalled Spawn succeeded"
out=$(cat "$NNS_RUN/stalled.out")
assert_contains "$out" "the search for the program 'sleep' did not end in time" "the error"
(( SECONDS - start <= 10 )) || fail "it took $((SECONDS - start)) s"
wait_until 5 bash -c "[[ -z \$(ps -o pid= --ppid $netnsd_pid) ]]"
pgrep -u nns-alice -x sleep && fail "sleep ran"
echo "  $out"
echo "PASS"
