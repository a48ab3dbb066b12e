#!/bin/bash
# netnsctl attach, identify and pids say what `ip netns attach`,
# `ip netns identify` and `ip netns pids` say, for the same processes; with
# --json for scripts and the exit codes of the other commands.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

n() { "$NETNSCTL" "$@"; }

# own_namespace PID: PID has left the host's network namespace.
own_namespace() { [[ "$(readlink "/proc/$1/ns/net")" != "$(readlink /proc/self/ns/net)" ]]; }
# same_namespace PID PID
same_namespace() { [[ "$(readlink "/proc/$1/ns/net")" == "$(readlink "/proc/$2/ns/net")" ]]; }

# Three processes in one namespace that nothing else holds, one in another.
unshare -n sleep 1000 &
first=$!
wait_until 5 own_namespace "$first"
nsenter -t "$first" -n sleep 1000 &
second=$!
nsenter -t "$first" -n sleep 1000 &
third=$!
unshare -n sleep 1000 &
other=$!
wait_until 5 same_namespace "$second" "$first"
wait_until 5 same_namespace "$third" "$first"
wait_until 5 own_namespace "$other"

step "attach NAME PID, as ip netns attach"
n attach red "$first"
assert_eq "$(netns_names)" "red " "ip netns list"
assert_eq "$(ip netns identify "$first")" "red" "ip netns identify"
assert_eq "$(n --json attach blue "$other" | json_get 'd["name"], d["object_path"]')" \
    "blue $(ns_path blue)" "attach --json"

step "identify [PID] prints what ip netns identify prints"
for pid in "$first" "$second" "$third" "$other" $$ 1; do
    assert_eq "$(n identify "$pid")" "$(ip netns identify "$pid")" "identify $pid"
done
# ip prints the first name it finds; netnsctl every name, sorted.
ip netns attach red2 "$second"
wait_until 5 bash -c "'$NETNSCTL' list | grep -q red2"
assert_eq "$(n identify "$third")" "red
red2" "identify of a process in a namespace of two names"
assert_contains "$(n identify "$third")" "$(ip netns identify "$third")" "ip's name among them"
assert_eq "$(n identify)" "" "identify of netnsctl in the host namespace"
assert_eq "$(ip netns exec blue "$NETNSCTL" identify)" "$(ip netns exec blue ip netns identify)" \
    "identify of netnsctl itself, run inside blue"
assert_eq "$(n --json identify "$first" | json_get 'd')" "['red', 'red2']" "identify --json"
assert_eq "$(n --json identify | json_get 'd')" "[]" "identify --json, no name"

step "pids NAME prints what ip netns pids prints"
for name in red red2 blue; do
    assert_eq "$(n pids "$name")" "$(ip netns pids "$name" | sort -n)" "pids $name"
done
assert_eq "$(n pids red | tr '\n' ' ')" "$(printf '%s\n' "$first" "$second" "$third" | sort -n | tr '\n' ' ')" \
    "pids red, the three processes"
assert_eq "$(n --json pids blue | json_get 'd')" "[$other]" "pids --json"
ip netns exec blue sleep 1000 &
exec_pid=$!
wait_until 5 same_namespace "$exec_pid" "$other"
assert_eq "$(n pids blue)" "$(ip netns pids blue | sort -n)" "pids blue with a program of ip netns exec"
kill "$exec_pid"

step "attach PATH: a namespace file outside /run/netns"
unshare -n sleep 1000 &
by_path=$!
wait_until 5 own_namespace "$by_path"
touch "$NNS_RUN/cni-ns"
mount --bind "/proc/$by_path/ns/net" "$NNS_RUN/cni-ns"
n attach green "$NNS_RUN/cni-ns"
assert_eq "$(ip netns identify "$by_path")" "green" "ip netns identify"
assert_eq "$(n pids green)" "$by_path" "pids green"

step "errors and exit codes"
expect_exit 5 n attach other "$first"
expect_exit 5 n attach red "$by_path"
expect_exit 6 n attach host 1
expect_exit 6 n attach host "$$"
expect_exit 6 n attach plain /etc/hostname
expect_exit 4 n attach gone 2147483647
expect_exit 2 n attach gone notapid
expect_exit 2 n attach onlyname
expect_exit 4 n identify 2147483647
expect_exit 2 n identify 1 2
expect_exit 4 n pids nosuch
expect_exit 2 n pids
# Another user's process: netnsctl cannot open its namespace as that user.
expect_exit 3 as_user nobody "$NETNSCTL" --no-ask-password attach stolen "$first"
run_capture out n --json attach gone 2147483647
assert_eq "$(echo "$out" | json_get 'd["error"]')" "$ERR.NotFound" "--json error"
echo "attach inbatch $first" > "$NNS_RUN/attach.batch"
expect_exit 8 n -batch "$NNS_RUN/attach.batch"
assert_eq "$(netns_names)" "blue green red red2 " "ip netns list after the errors"

step "pids as a user: only the user's own processes, as ip shows them"
nsenter -t "$first" -n setpriv --reuid=65534 --regid=65534 --clear-groups sleep 1000 &
nobodys=$!
wait_until 5 same_namespace "$nobodys" "$first"
wait_until 5 bash -c "[[ \$(stat -c %u /proc/$nobodys) == 65534 ]]"
assert_eq "$(as_user nobody "$NETNSCTL" pids red)" "$nobodys" "pids red as nobody"
assert_eq "$(as_user nobody ip netns pids red)" "$nobodys" "ip netns pids red as nobody"
assert_eq "$(n pids red | wc -l)" "4" "pids red as root"
kill "$nobodys"

step "help"
for command in attach identify pids; do
    run_capture out n "$command" --help
    assert_eq "$status" "0" "$command --help"
    assert_contains "$out" "netnsctl $command" "$command --help"
done

for name in red red2 blue green; do n delete "$name"; done
kill "$first" "$second" "$third" "$other" "$by_path"
echo "PASS"
