#!/bin/bash
# netnsctl list tells a namespace whose creator netnsd does not know (made
# by `ip netns add`; netnsd's Owner is (uid_t) -1 for it) from one root
# created: OWNER "-" and "owner": null, against "root" and 0.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

allow_rule alice 'subject.user == "nns-alice" && action.id == "org.example.netns.manage"'
wait_until 5 as_user nns-alice "$NETNSCTL" add alices
"$NETNSCTL" add roots
ip netns add byip
wait_until 5 ns_property byip Owner

step "netnsd's Owner: the uid, or 4294967295 for an unknown creator"
assert_eq "$(ns_property alices Owner)" "u 60001" "Owner of alices"
assert_eq "$(ns_property roots Owner)" "u 0" "Owner of roots"
assert_eq "$(ns_property byip Owner)" "u 4294967295" "Owner of byip, made by ip netns add"

step "the table: the user's name, or -"
out=$("$NETNSCTL" list)
echo "$out"
assert_eq "$(echo "$out" | awk 'NR > 1 {print $1 "=" $2}' | tr '\n' ' ')" "alices=nns-alice byip=- roots=root " \
    "NAME=OWNER in netnsctl list"

step "JSON: the uid, or null"
assert_eq "$("$NETNSCTL" --json list | json_get '[(r["name"], r["owner"]) for r in d]')" \
    "[('alices', 60001), ('byip', None), ('roots', 0)]" "owners in netnsctl --json list"
echo "PASS"
