#!/bin/bash
# Finding: a rule on the prefix /usr/bin/ let /usr/bin/../../tmp/evil/tool
# through, since polkit saw the path as typed. Now it sees the canonical
# path (no "..", no symbolic link), and is asked about /tmp/evil/tool.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

allow_rule manage 'action.id == "org.example.netns.manage" && subject.user == "nns-alice"'
allow_rule spawn 'action.id == "org.example.netns.spawn" && subject.user == "nns-alice" &&
                  action.lookup("program").indexOf("/usr/bin/") == 0'
wait_until 5 as_user nns-alice "$NETNSCTL" add mine

evil=$(mktemp -d /tmp/evil.XXXXXX)
trap 'rm -rf "$evil"' EXIT
printf '#!/bin/sh\ntouch %s/ran\n' "$evil" > "$evil/tool"
chmod 0755 "$evil/tool"
chown -R nns-alice: "$evil"

step "/usr/bin/id: allowed"
wait_until 5 as_user nns-alice "$NETNSCTL" exec mine -- /usr/bin/id -u
assert_eq "$(as_user nns-alice "$NETNSCTL" exec mine -- /usr/bin/id -u)" "60001" "/usr/bin/id -u"

step "/usr/bin/../..$evil/tool: polkit is asked about $evil/tool"
for program in "/usr/bin/../..$evil/tool" "/usr/bin/./../../$evil/./tool" "/usr/bin/../..//$evil/tool"; do
    run_capture out as_user nns-alice "$NETNSCTL" exec mine -- "$program"
    assert_eq "$status" "3" "netnsctl's status for $program"
    assert_contains "$out" "not authorized to run '$evil/tool'" "the denial of $program"
    echo "  $program: $out"
done
[[ ! -e $evil/ran ]] || fail "the tool outside /usr/bin ran under the rule for /usr/bin/"

step "through a directory linked to /usr/bin, the program is /usr/bin/id"
ln -s /usr/bin "$evil/bin"
assert_eq "$(as_user nns-alice "$NETNSCTL" exec mine -- "$evil/bin/id" -u)" "60001" "id through a linked directory"
echo "PASS"
