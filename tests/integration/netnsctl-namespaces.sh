#!/bin/bash
# netnsctl list/add/delete: human output, --json, --help, error messages
# without the GDBus.Error prefix, and exit codes a shell can test.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

step "add, list (table and JSON), delete"
"$NETNSCTL" add alpha
"$NETNSCTL" add --no-loopback beta
assert_contains "$(ip netns exec beta ip -br link show lo)" "DOWN" "lo with --no-loopback"
out=$("$NETNSCTL" list)
echo "$out"
assert_eq "$(echo "$out" | head -1 | tr -s ' ')" "NAME OWNER INODE" "table header"
assert_eq "$(echo "$out" | awk 'NR>1 {print $1}' | tr '\n' ' ')" "alpha beta " "table rows"
assert_contains "$out" "$(stat -L -c %i /run/netns/alpha)" "alpha's inode"
json=$("$NETNSCTL" --json list)
names=$(echo "$json" | "$PYTHON" -c 'import json,sys; print(" ".join(n["name"] for n in json.load(sys.stdin)))')
assert_eq "$names" "alpha beta" "names in --json list"
owner=$(echo "$json" | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)[0]["owner"])')
assert_eq "$owner" "0" "owner in --json list"
json=$("$NETNSCTL" --json add gamma)
assert_eq "$(echo "$json" | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["object_path"])')" \
    "$(ns_path gamma)" "object_path in --json add"
"$NETNSCTL" delete alpha
"$NETNSCTL" del beta
"$NETNSCTL" --json delete gamma >/dev/null
assert_eq "$("$NETNSCTL" list)" "" "an empty list prints nothing"
assert_eq "$("$NETNSCTL" --json list)" "[]" "an empty --json list"

step "errors: message without prefix, exit codes"
run_capture out "$NETNSCTL" delete nothere
assert_eq "$status" "4" "exit status for NotFound"
assert_eq "$out" "netnsctl: namespace 'nothere' not found" "NotFound message"
"$NETNSCTL" add twice
run_capture out "$NETNSCTL" add twice
assert_eq "$status" "5" "exit status for Exists"
assert_eq "$out" "netnsctl: namespace 'twice' already exists" "Exists message"
"$NETNSCTL" delete twice
run_capture out "$NETNSCTL" add 'a/b'
assert_eq "$status" "6" "exit status for InvalidArgument"
assert_eq "$out" "netnsctl: namespace name 'a/b' contains '/'" "InvalidArgument message"
run_capture out "$NETNSCTL" add
assert_eq "$status" "2" "exit status for a usage error"
run_capture out "$NETNSCTL" frobnicate
assert_eq "$status" "2" "exit status for an unknown command"
assert_contains "$out" "unknown command 'frobnicate'" "unknown command message"

step "--help for netnsctl and each command"
for cmd in "" list add delete; do
    run_capture out "$NETNSCTL" $cmd --help
    assert_eq "$status" "0" "netnsctl $cmd --help status"
    assert_contains "$out" "Usage:" "netnsctl $cmd --help"
done
assert_contains "$("$NETNSCTL" add --help)" "--no-loopback" "add --help lists its option"

step "netnsd not running: exit status 9"
stop_netnsd
run_capture out "$NETNSCTL" list
assert_eq "$status" "9" "exit status without netnsd"
start_netnsd
echo "PASS"
