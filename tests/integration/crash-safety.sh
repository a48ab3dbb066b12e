#!/bin/bash
# netnsd killed with SIGKILL at each step of CreateNamespace, CreateVeth and
# Spawn, again and again: after a restart there is no half-made namespace
# file, no veth of an unanswered call, no stale record and no program left
# that no one can end, and `ip netns add` of the same name works.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

if ! grep -q NETNSD_CRASH_AT "$NNS_BUILDDIR/service/netnsd"; then
    echo "netnsd was built without -Ddebug_hooks=true; nothing to test"
    exit 77
fi

allow_rule nobody 'subject.user == "nobody"'
wait_until 5 as_user nobody "$NETNSCTL" add vns

# crash_at POINT CMD...: runs CMD against a netnsd that dies at POINT, then
# starts a normal netnsd again.
crash_at() {
    local point=$1; shift
    NETNSD_CRASH_AT=$point restart_netnsd
    run_capture out "$@"
    [[ $status != 0 ]] || fail "'$*' succeeded with netnsd dying at $point"
    wait_until 10 bash -c "! kill -0 $(cat "$NNS_RUN/netnsd.pid") 2>/dev/null"
    start_netnsd
}

# Every entry in /run/netns is a live namespace, and every record matches
# one, complete.
assert_consistent() {
    local entry record
    for entry in /run/netns/*; do
        [[ -e $entry ]] || continue
        assert_eq "$(stat -f -c %T "$entry")" "nsfs" "what $entry is ($1)"
    done
    for record in /run/netnsd/namespaces/*; do
        [[ -e $record ]] || continue
        [[ -e /run/netns/$(basename "$record") ]] || fail "a record without a namespace: $record ($1)"
        assert_not_contains "$(cat "$record")" "Creating=true" "record $record ($1)"
    done
    assert_eq "$(ls -A /run/netnsd/journal)" "" "the journal ($1)"
}

rollbacks=0
veth_rollbacks=0
for round in 1 2 3; do
    step "round $round: CreateNamespace"
    for point in namespace-intent-recorded namespace-file-created namespace-unshared \
                 namespace-mounted namespace-recorded; do
        crash_at $point as_user nobody "$NETNSCTL" add crashme
        assert_consistent "$point"
        case $point in
            namespace-file-created|namespace-unshared|namespace-mounted)
                assert_eq "$(grep -c 'removed namespace crashme, whose creation was interrupted' "$NNS_RUN/netnsd.log")" \
                    "$((++rollbacks))" "roll-backs logged";;
        esac
        if [[ $point == namespace-recorded ]]; then
            # Complete before the crash: it stays, with its owner.
            assert_eq "$(ns_property crashme Owner)" "u 65534" "Owner after $point"
            as_user nobody "$NETNSCTL" delete crashme
        else
            assert_not_contains "$(ip netns list)" "crashme" "ip netns list after $point"
        fi
        ip netns add crashme
        ip netns del crashme
        echo "  $point: consistent"
    done

    step "round $round: CreateVeth"
    for point in veth-intent-recorded veth-created veth-complete; do
        crash_at $point as_user nobody ns_gdbus -i CreateVeth vns v0 vns v1 "{'up': <true>}"
        assert_consistent "$point"
        assert_eq "$(ip -n vns -br link show type veth)" "" "veths in vns after $point"
        if [[ $point != veth-intent-recorded ]]; then
            assert_eq "$(grep -c 'removed veth v0, whose creation was interrupted' "$NNS_RUN/netnsd.log")" \
                "$((++veth_rollbacks))" "veth roll-backs logged"
        fi
        echo "  $point: no veth left"
    done

    step "round $round: Spawn"
    for point in spawn-forked spawn-started; do
        crash_at $point as_user nobody "$NETNSCTL" exec vns -- sleep 60
        wait_until 5 bash -c "! pgrep -x sleep"
        assert_consistent "$point"
        echo "  $point: no program left"
    done
done

step "after all that, everything works"
as_user nobody "$NETNSCTL" add crashme
as_user nobody "$NETNSCTL" link add -n crashme v0 type veth peer v1
assert_eq "$(as_user nobody "$NETNSCTL" exec crashme -- ls /sys/class/net | tr '\n' ' ')" "lo v0 v1 " "links"
echo "PASS"
