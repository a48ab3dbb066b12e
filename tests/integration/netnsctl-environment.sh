#!/bin/bash
# The environment of a program netnsctl exec starts is exactly what
# README.md says it is: the variables it lists and no others, whatever
# netnsctl's own environment holds; --env adds and wins.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

allow_rule alice 'subject.user == "nns-alice" &&
                  (action.id == "org.example.netns.manage" || action.id == "org.example.netns.spawn")'
wait_until 5 as_user nns-alice "$NETNSCTL" add alices

# The names README.md gives, between "holds these and nothing else" and
# the sentence on the variables that do not pass.
documented=$("$PYTHON" - "$NNS_SRCDIR/README.md" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
m = re.search(r"The program's environment holds these and nothing else:(.*?)\nOther variables", text, re.S)
if m:
    print(" ".join(sorted(set(re.findall(r"`([A-Z][A-Z_]*)`", m.group(1))))))
EOF
)
echo "  README.md: $documented"
[[ -n $documented ]] || fail "README.md does not list the variables a spawned program gets"

# A rich environment for netnsctl: every locale category, terminal
# variables, and things that must not pass.
rich=(TERM=xterm-256color COLORTERM=truecolor LANG=C.UTF-8 LC_ALL=C.UTF-8 LC_CTYPE=C.UTF-8
      LC_TIME=C LC_MESSAGES=C LC_NUMERIC=C LC_COLLATE=C LC_MONETARY=C LC_PAPER=C
      LANGUAGE=en EDITOR=vi DISPLAY=:0 DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent
      HOME=/somewhere PATH=/usr/bin:/bin SECRET=42)

step "what reaches the program"
got=$(as_user nns-alice env -i "${rich[@]}" "$NETNSCTL" exec alices -- env -0 |
      tr '\0' '\n' | cut -d= -f1 | sort | tr '\n' ' ' | sed 's/ $//')
echo "  the program: $got"
assert_eq "$got" "$documented" "the program's variables against README.md"

step "values: the user's from netnsd, the terminal's from netnsctl"
env_of() {
    as_user nns-alice env -i "${rich[@]}" "$NETNSCTL" exec "$@" alices -- env | sort
}
out=$(env_of)
assert_contains "$out" "HOME=/nonexistent" "HOME from the user database, not netnsctl's"
assert_contains "$out" "USER=nns-alice" "USER"
assert_contains "$out" "LOGNAME=nns-alice" "LOGNAME"
assert_contains "$out" "SHELL=/usr/sbin/nologin" "SHELL"
assert_contains "$out" "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" "PATH, netnsd's"
assert_contains "$out" "TERM=xterm-256color" "TERM"
assert_contains "$out" "LC_CTYPE=C.UTF-8" "LC_CTYPE"

step "--env adds and wins"
out=$(env_of --env LC_TIME=C --env TERM=dumb --env HOME=/tmp)
assert_contains "$out" "LC_TIME=C" "LC_TIME with --env"
assert_contains "$out" "TERM=dumb" "TERM with --env"
assert_contains "$out" "HOME=/tmp" "HOME with --env"

step "with none of them set, only netnsd's"
got=$(as_user nns-alice env -i "$NETNSCTL" exec alices -- env | cut -d= -f1 | sort | tr '\n' ' ')
assert_eq "$got" "HOME LOGNAME PATH SHELL USER " "an empty environment"
echo "PASS"
