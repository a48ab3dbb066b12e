#!/bin/bash
# netnsctl link/addr/route read like ip(8), print tables or --json, and
# exit with codes a shell can test.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

n() { "$NETNSCTL" "$@"; }

step "link add, in ip's words, with options"
n add red
n link add name vA address 02:00:00:00:00:0a mtu 1450 up type veth peer name vB address 02:00:00:00:00:0b netns red
assert_eq "$(ip -j link show vA | json_get 'd[0]["address"], d[0]["mtu"], "UP" in d[0]["flags"]')" \
    "02:00:00:00:00:0a 1450 True" "vA as ip shows it"
assert_eq "$(ip -n red -j link show vB | json_get 'd[0]["address"], d[0]["mtu"], "UP" in d[0]["flags"]')" \
    "02:00:00:00:00:0b 1450 True" "vB as ip shows it"

step "link show: a table, or JSON"
out=$(n link show -n red)
echo "$out"
assert_eq "$(echo "$out" | awk 'NR==3 {print $1, $2, $3, $5, $6}')" "vB veth yes 1450 02:00:00:00:00:0b" "table row"
assert_eq "$(n --json link show -n red vB | json_get '[(l["name"], l["kind"], l["mtu"]) for l in d]')" \
    "[('vB', 'veth', 1450)]" "--json link show DEV"
assert_eq "$(n -n red --json link show | json_get 'len(d)')" "2" "global -n"

step "link set: several changes at once, then a move with a new name"
n link set -n red dev vB down mtu 1300 name vC
assert_eq "$(ip -n red -j link show vC | json_get 'd[0]["mtu"], "UP" in d[0]["flags"]')" "1300 False" "after link set"
n link set -n red vC netns "" name vD
assert_eq "$(ip -j link show vD | json_get 'd[0]["mtu"]')" "1300" "moved to the host as vD"
n link set vD netns red name vB
assert_eq "$(ip -n red -br link show vB | awk '{print $1}' | cut -d@ -f1)" "vB" "moved back"

step "addr add/show/delete"
n addr add 10.1.0.1/24 dev vA
n addr add -n red 10.1.0.2/24 dev vB
n addr add -n red fd00:1::2/64 dev vB
assert_eq "$(n addr show -n red vB)" "vB               10.1.0.2/24 fd00:1::2/64" "addr show"
assert_eq "$(n --json addr show -n red vB | json_get 'd[0]["addresses"]')" \
    "['10.1.0.2/24', 'fd00:1::2/64']" "--json addr show"
n addr del -n red fd00:1::2/64 dev vB
assert_eq "$(ip -n red -br addr show vB | awk '{print $3, $4}')" "10.1.0.2/24 " "after addr del"

step "route add/show/delete"
n link set -n red vB up
n route add -n red default via 10.1.0.1 metric 10
n route add -n red 10.9.0.0/16 dev vB table 100
assert_contains "$(n route show -n red)" "default via 10.1.0.1 dev vB proto static metric 10" "route show"
assert_contains "$(n route show -n red)" "10.9.0.0/16 dev vB proto static scope link table 100" "route show, table 100"
assert_contains "$(ip -n red route show table 100)" "10.9.0.0/16 dev vB proto static scope link" "ip route show table 100"
assert_eq "$(n --json route show -n red | json_get '[r["via"] for r in d if r["destination"] == "default"]')" \
    "['10.1.0.1']" "--json route show"
n route del -n red default
n route del -n red 10.9.0.0/16 table 100
assert_not_contains "$(ip -n red route show table all)" "10.9.0.0" "after route del"
assert_not_contains "$(ip -n red route)" "default" "after route del"

step "errors and exit codes"
expect_exit 4 n link set -n red nosuch up
expect_exit 4 n addr add 10.2.0.1/24 dev vA -n nosuchns
expect_exit 5 n addr add -n red 10.1.0.2/24 dev vB
expect_exit 5 n link add vA type veth peer vX
expect_exit 6 n addr add 10.1.0.9/33 dev vA
expect_exit 6 n link set vA mtu 0
expect_exit 6 n link add vQ type banana
expect_exit 2 n link add vQ type
expect_exit 2 n route add
expect_exit 2 n link set vA mtu lots
expect_exit 2 n link frobnicate
run_capture out n addr del -n red 10.1.0.7/24 dev vB
assert_eq "$out" "netnsctl: address 10.1.0.7/24 is not on 'vB' in namespace 'red'" "NotFound message"

step "--help for each group and verb"
for group in link addr route; do
    run_capture out n $group --help
    assert_eq "$status" "0" "$group --help"
    for verb in show add delete; do
        run_capture out n $group $verb --help
        assert_eq "$status" "0" "$group $verb --help"
        assert_contains "$out" "netnsctl" "$group $verb --help"
    done
done

step "link delete takes both ends"
n link del vA
assert_eq "$(ip -n red -br link show type veth)" "" "veths in red"
n delete red
echo "PASS"
