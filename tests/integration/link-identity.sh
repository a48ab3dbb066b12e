#!/bin/bash
# A change is made to the link the caller was authorized for, and no
# other: if the name names another link once polkit answers (the answer
# can take minutes when a person types a password), the call is refused
# with a clear error and nothing changes.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

restart_netnsd --auth-timeout 30
allow_rule nobody 'subject.user == "nobody" && action.id == "org.example.netns.manage"'
wait_until 5 as_user nobody "$NETNSCTL" add mine
as_user nobody "$NETNSCTL" add mine2
as_user nobody ns_gdbus CreateVeth mine a mine b '{}' >/dev/null
polkitd=$(cat "$NNS_RUN/polkitd.pid")
trap 'kill -CONT $polkitd 2>/dev/null || true' EXIT

for method in SetLink AddAddress DeleteLink MoveLink; do
    step "$method: the link is replaced while polkit is asked"
    case $method in
        SetLink) args=(SetLink mine a "{'mtu': <uint32 1400>}") ;;
        AddAddress) args=(AddAddress mine a 10.9.0.1/24 '{}') ;;
        DeleteLink) args=(DeleteLink mine a) ;;
        MoveLink) args=(MoveLink mine a mine2 '{}') ;;
    esac
    kill -STOP "$polkitd"
    bg_as_user nobody gdbus call --system -d "$BUS_NAME" -o "$MANAGER_PATH" \
        -m "$MANAGER_IFACE.${args[0]}" -- "${args[@]:1}" > "$NNS_RUN/held.out" 2>&1
    held=$BG_PID
    sleep 1
    ip -n mine link del dev a
    ip -n mine link add name a type veth peer name b
    kill -CONT "$polkitd"
    status=0; wait "$held" || status=$?
    out=$(cat "$NNS_RUN/held.out")
    echo "  $out"
    assert_eq "$status" "1" "the held call's status"
    assert_contains "$out" "$ERR.Busy: link 'a' in namespace 'mine' was replaced while the call was being authorized; try again" "the error"
    assert_contains "$(ip -n mine link show dev a)" "mtu 1500" "the new link a"
    assert_not_contains "$(ip -n mine addr show dev a)" "10.9.0.1" "the new link's addresses"
done

step "not replaced: the held call goes through"
kill -STOP "$polkitd"
bg_as_user nobody gdbus call --system -d "$BUS_NAME" -o "$MANAGER_PATH" \
     -m "$MANAGER_IFACE.SetLink" -- mine a "{'mtu': <uint32 1400>}" > "$NNS_RUN/held.out" 2>&1
held=$BG_PID
sleep 1
kill -CONT "$polkitd"
wait "$held"
assert_contains "$(ip -n mine link show dev a)" "mtu 1400" "ip link show a"
echo "PASS"
