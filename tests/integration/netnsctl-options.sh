#!/bin/bash
# Every netnsctl command takes its options anywhere before "--", after
# the command and after its verb as well as before; after "--", every word
# is an argument (for exec: the program's), however it starts.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

n() { "$NETNSCTL" "$@"; }

step "exec: options before and after NAME, the program's words untouched"
n add red
assert_eq "$(n exec red --env A=b -- sh -c 'echo $A')" "b" "--env after NAME"
assert_eq "$(n exec --env A=b red -- sh -c 'echo $A')" "b" "--env before NAME"
assert_eq "$(n exec red -e A=b --cwd /tmp -- sh -c 'echo $A $PWD')" "b /tmp" "-e and --cwd after NAME"
assert_eq "$(n exec red --env=A=c -C /tmp -- pwd)" "/tmp" "--env=A=c and -C after NAME"
assert_eq "$(n exec red -- sh -c 'echo "$@"' sh --env X -C /tmp --json -- y)" "--env X -C /tmp --json -- y" \
    "the program's words after --"
assert_eq "$(n exec red --env A=d sh -c 'echo $A "$@"' sh -l --env B)" "d -l --env B" \
    "without --, the program's words from PROGRAM on"
expect_exit 4 n exec red -- --env A=b
assert_eq "$(n exec red -- readlink /proc/self/ns/net)" "net:[$(stat -L -c %i /run/netns/red)]" \
    "the program runs in red"

step "list, add, delete: options after the command; names after --"
n add beta --no-loopback
assert_contains "$(ip netns exec beta ip -br link show lo)" "DOWN" "lo of beta with --no-loopback after NAME"
assert_eq "$(n list --json | json_get '[r["name"] for r in d]')" "['beta', 'red']" "list --json"
assert_eq "$(n add gamma --json | json_get 'd["name"]')" "gamma" "add NAME --json"
ip netns add -lead
n delete -- -lead
assert_eq "$(netns_names)" "beta gamma red " "after delete -- -lead"
assert_eq "$(n delete gamma --json)" "{}" "delete NAME --json"

step "link, addr, route: options before the verb, after it, and among the words"
n link add v0 type veth peer v1 netns red --json >/dev/null
n link set v1 -n red up
n addr add 10.3.0.2/24 -n red dev v1
n addr add 10.3.0.1/24 dev v0
assert_eq "$(n link -n red show v1 | awk 'NR == 2 {print $1, $3}')" "v1 yes" "link -n red show v1"
assert_eq "$(n link show v1 -n red --json | json_get 'd[0]["name"]')" "v1" "link show v1 -n red --json"
assert_eq "$(n addr --json show -n red v1 | json_get 'd[0]["addresses"]')" "['10.3.0.2/24']" "addr --json show"
n route add 10.4.0.0/16 via 10.3.0.1 -n red metric 7
assert_contains "$(n route show --json -n red | json_get '[r["destination"] for r in d]')" "10.4.0.0/16" \
    "route show --json -n red"
n route del -n red 10.4.0.0/16 via 10.3.0.1 metric 7
assert_not_contains "$(ip -n red route)" "10.4.0.0" "after route del"

step "dns, sysctl: options after NAME"
assert_eq "$(n dns red --nameserver 10.3.0.1 --search example.org --json)" "{}" "dns NAME --nameserver --json"
assert_contains "$(cat /etc/netns/red/resolv.conf)" "nameserver 10.3.0.1" "red's resolv.conf"
n dns red --clear
assert_eq "$(n sysctl red net.ipv4.ip_forward=1 --json)" "{}" "sysctl NAME KEY=VALUE --json"
assert_eq "$(ip netns exec red sysctl -n net.ipv4.ip_forward)" "1" "red's ip_forward"

step "--no-ask-password after the command"
run_capture out as_user nobody "$NETNSCTL" add mine --no-ask-password
assert_eq "$status" "3" "the status"
assert_contains "$out" "interactive authorization is required" "the error"

step "exec with a terminal on stdin but output to a pipe: netnsctl's own stdio"
# script gives netnsctl a terminal on stdin; its stdout is a pipe here.
out=$(script -qec "$NETNSCTL exec red -- sh -c 'readlink /proc/self/fd/0; readlink /proc/self/fd/1' | cat" \
      /dev/null </dev/null | tr -d '\r')
echo "$out"
assert_eq "$(echo "$out" | sed -n 1p | cut -d/ -f1-3)" "/dev/pts" "the program's stdin: script's terminal"
assert_contains "$(echo "$out" | sed -n 2p)" "pipe:" "the program's stdout: the pipe"
echo "PASS"
