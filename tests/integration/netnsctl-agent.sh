#!/bin/bash
# On a terminal, netnsctl run by a user who is not root starts a polkit
# text agent: polkit asks for the administrator's password there, and the
# call goes through once it is given (and not if it is refused).
source "$NNS_SRCDIR/tests/lib/testlib.sh"

# root gets a password in the sandbox's private copy of /etc/shadow.
hash=$("$PYTHON" -W ignore -c 'import crypt; print(crypt.crypt("s3cret", crypt.mksalt(crypt.METHOD_SHA512)))')
awk -v h="$hash" -F: 'BEGIN {OFS=":"} $1 == "root" {$2 = h} {print}' /etc/shadow > "$NNS_RUN/shadow.new"
cat "$NNS_RUN/shadow.new" > /etc/shadow

# on_terminal INPUT CMD: runs CMD as nns-bob on a pseudo-terminal, typing
# INPUT once the password prompt is up; prints what the terminal showed.
on_terminal() {
    local input=$1; shift
    { (sleep 2; printf '%s\r' "$input"; sleep 3) 2>/dev/null |
        timeout 20 script -qfec "setpriv --reuid=nns-bob --regid=nns-bob --init-groups $*; echo status=\$?" /dev/null |
        tr -d '\r'; } || true
}

step "the right password: the namespace is created"
out=$(on_terminal s3cret "$NETNSCTL" add bobs)
echo "$out"
assert_contains "$out" "AUTHENTICATING FOR org.example.netns.manage" "the agent's prompt"
assert_contains "$out" "Authentication is required to create a network namespace" "the policy's message"
assert_contains "$out" "AUTHENTICATION COMPLETE" "the agent's result"
assert_contains "$out" "status=0" "netnsctl's status"
assert_eq "$(ns_property bobs Owner)" "u 60002" "Owner"

step "a wrong password: refused, nothing created"
out=$(on_terminal wrong "$NETNSCTL" add bobs2)
echo "$out"
assert_contains "$out" "AUTHENTICATING FOR org.example.netns.manage" "the agent's prompt"
assert_contains "$out" "status=3" "netnsctl's status"
assert_eq "$(netns_names)" "bobs " "ip netns list"

step "--no-ask-password: no prompt"
out=$(on_terminal "" "$NETNSCTL" --no-ask-password add bobs3)
assert_not_contains "$out" "AUTHENTICATING" "the terminal"
assert_contains "$out" "interactive authorization is required" "the error"
assert_contains "$out" "status=3" "netnsctl's status"
echo "PASS"
