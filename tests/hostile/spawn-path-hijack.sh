#!/bin/bash
# Finding: Spawn asked polkit about argv[0] as typed, then looked the
# program up on the caller's own `env` PATH. With a rule for `id`,
# ['id'] with PATH=/tmp/evil ran the caller's own script. Now polkit sees
# the canonical path the program was found at, and that file runs.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

allow_rule manage 'action.id == "org.example.netns.manage" && subject.user == "nns-alice"'
allow_rule spawn 'action.id == "org.example.netns.spawn" && subject.user == "nns-alice" &&
                  action.lookup("program") == "/usr/bin/id"'
wait_until 5 as_user nns-alice "$NETNSCTL" add mine

evil=$(mktemp -d /tmp/evil.XXXXXX)
trap 'rm -rf "$evil"' EXIT
cat > "$evil/id" <<SCRIPT
#!/bin/sh
touch "$evil/ran"
echo 0
SCRIPT
chmod 0755 "$evil/id"
chown -R nns-alice: "$evil"

step "the program the rule names, found on the default PATH: runs"
wait_until 5 as_user nns-alice "$NETNSCTL" exec mine -- id -u
assert_eq "$(as_user nns-alice "$NETNSCTL" exec mine -- id -u)" "60001" "id -u"

step "'id' on a PATH of the caller's own: polkit is asked about $evil/id"
run_capture out as_user nns-alice "$NETNSCTL" exec --env "PATH=$evil" mine -- id -u
assert_eq "$status" "3" "netnsctl's status"
assert_contains "$out" "not authorized to run '$evil/id'" "the denial"
[[ ! -e $evil/ran ]] || fail "the caller's own id ran under the rule for /usr/bin/id"
echo "  $out"

step "the same through a symbolic link to /usr/bin/id: that is what runs"
ln -s /usr/bin/id "$evil/myid"
assert_eq "$(as_user nns-alice "$NETNSCTL" exec --env "PATH=$evil" mine -- myid -u)" "60001" "myid -u"
echo "PASS"
