#!/bin/bash
# With --json, every command's errors are JSON too: one object on stderr
# with the error's name and message, nothing on stdout, the exit status
# unchanged; whether netnsd or netnsctl's own reading of the command line
# found the error, and wherever --json is on the line.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

# json_error NAME MESSAGE STATUS CMD...: CMD's stderr is exactly one JSON
# object {"error": NAME, "message": ...} whose message contains MESSAGE,
# its stdout is empty and it exits with STATUS.
json_error() {
    local name=$1 message=$2 expected=$3; shift 3
    local err="$NNS_RUN/stderr" out status=0 problem
    out=$("$@" 2>"$err") || status=$?
    echo "  $*: exit $status: $(cat "$err")"
    assert_eq "$status" "$expected" "the status of '$*'"
    assert_eq "$out" "" "stdout of '$*'"
    problem=$("$PYTHON" - "$err" "$name" "$message" 2>&1 <<'PY'
import json, sys
path, name, message = sys.argv[1:]
lines = open(path).read().splitlines()
if len(lines) != 1:
    sys.exit(f"{len(lines)} lines on stderr, not 1")
try:
    d = json.loads(lines[0])
except ValueError:
    sys.exit(f"not JSON: {lines[0]}")
if sorted(d) != ["error", "message"]:
    sys.exit(f"members {sorted(d)}, not error and message")
if d["error"] != name:
    sys.exit(f"error {d['error']}, not {name}")
if message not in d["message"]:
    sys.exit(f"message without '{message}'")
PY
) || fail "the JSON error of '$*': $problem"
}

NF=org.example.NetNs.Error.NotFound
INVALID=org.example.NetNs.Error.InvalidArgument
USAGE=netnsctl.Error.Usage
n() { "$NETNSCTL" --json "$@"; }

"$NETNSCTL" add red

step "errors from netnsd, for each command"
json_error org.example.NetNs.Error.Exists "namespace 'red' already exists" 5 n add red
json_error $NF "namespace 'nothere' not found" 4 n delete nothere
json_error $NF "link 'nosuch' not found in namespace 'red'" 4 n link show -n red nosuch
json_error $NF "namespace 'nothere' not found" 4 n link add -n nothere a type veth peer b
json_error $NF "link 'nosuch' not found in namespace 'red'" 4 n link set -n red nosuch up
json_error $NF "link 'nosuch' not found" 4 n link delete nosuch
json_error $NF "link 'nosuch' not found in the host namespace" 4 n addr show nosuch
json_error $INVALID "10.0.0.1/33" 6 n addr add 10.0.0.1/33 dev lo
json_error $NF "10.9.9.9/24" 4 n addr delete -n red 10.9.9.9/24 dev lo
json_error $NF "namespace 'nothere' not found" 4 n route show -n nothere
json_error $INVALID "table 0" 6 n route add -n red 10.5.0.0/16 dev lo table 0
json_error $NF "" 4 n route delete -n red 10.5.0.0/16 dev lo
json_error $NF "program 'no-such-program' not found" 4 n exec red -- no-such-program
json_error $INVALID "at most 3 nameservers" 6 n dns red --nameserver 10.0.0.1 --nameserver 10.0.0.2 \
    --nameserver 10.0.0.3 --nameserver 10.0.0.4
json_error $INVALID "sysctl 'net.core.somaxconn' is not one netnsd sets" 6 n sysctl red net.core.somaxconn=5
printf 'add blue\naddr add 10.0.0.1/33 dev lo\n' > "$NNS_RUN/bad.batch"
json_error $INVALID "bad.batch:2: operation 2 (AddAddress)" 6 n -batch "$NNS_RUN/bad.batch"

step "errors netnsctl finds itself"
json_error $USAGE "unknown command 'frobnicate'" 2 n frobnicate
json_error $USAGE "unknown verb 'frobnicate' for 'link'" 2 n link frobnicate
json_error $USAGE "add takes one NAME" 2 n add
json_error $USAGE "delete takes one NAME" 2 n delete a b
json_error $USAGE "list takes no arguments" 2 n list extra
json_error $USAGE "'peer PEER' is missing" 2 n link add a type veth
json_error $USAGE "'mtu' takes a number" 2 n link set lo mtu lots
json_error $USAGE "an address and 'dev DEV' are needed" 2 n addr add 10.0.0.1/24
json_error $USAGE "a destination" 2 n route add
json_error $USAGE "route show takes no words" 2 n route show extra
json_error $USAGE "exec takes a namespace and a program" 2 n exec red
json_error $USAGE "give --nameserver, --search or --clear" 2 n dns red
json_error $USAGE "sysctl takes NAME and KEY=VALUE" 2 n sysctl red
json_error $USAGE "Unknown option --frobnicate" 2 n list --frobnicate
printf 'add blue\nlink add a type veth\n' > "$NNS_RUN/unread.batch"
json_error $USAGE "unread.batch:2: 'peer PEER' is missing" 2 n -batch "$NNS_RUN/unread.batch"
printf 'add blue\nexec red -- true\n' > "$NNS_RUN/exec.batch"
json_error org.example.NetNs.Error.NotSupported "exec.batch:2: exec cannot be part of a batch" 8 \
    n -batch "$NNS_RUN/exec.batch"
json_error netnsctl.Error.Failed "no-such.batch" 1 n -batch "$NNS_RUN/no-such.batch"
assert_eq "$(netns_names)" "red " "namespaces after the errors"

step "--json after the command, or after its verb"
json_error $NF "namespace 'nothere' not found" 4 "$NETNSCTL" delete nothere --json
json_error $NF "link 'nosuch' not found" 4 "$NETNSCTL" link show nosuch --json
json_error $USAGE "unknown command 'frobnicate'" 2 "$NETNSCTL" frobnicate --json

step "without --json, the same errors as text"
run_capture out "$NETNSCTL" delete nothere
assert_eq "$out" "netnsctl: namespace 'nothere' not found" "the text error"

step "netnsd not running"
stop_netnsd
json_error org.freedesktop.DBus.Error.ServiceUnknown "org.example.NetNs" 9 n list
start_netnsd
echo "PASS"
