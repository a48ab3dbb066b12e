#!/bin/bash
# The README's demo (tools/demo-tutorial.sh) runs the whole tutorial
# through netnsctl as a user who is not root, allowed by the example polkit
# rule: nginx runs inside the namespace as that user on port 80, the host
# gets its page, and nothing is left behind.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

run_capture out timeout 60 bash "$NNS_SRCDIR/tools/demo-tutorial.sh"
echo "$out"
assert_eq "$status" "0" "the demo's exit status"
assert_contains "$out" "root# curl --silent --show-error --max-time 5 http://10.200.0.3/
Hello from nginx in namespace direct_netns" "the page fetched from the host"
assert_contains "$out" "nns-alice$ netnsctl exec direct_netns -- nginx" "nginx started by the user"
assert_contains "$out" "nns-ali+ " "nginx running as the user"
assert_contains "$out" "nameserver 10.200.0.2" "resolv.conf seen inside"
assert_not_contains "$out" "netnsctl: " "errors from netnsctl"

step "nothing left behind"
assert_eq "$(ip netns list)" "" "ip netns list"
assert_eq "$(ip -br link show type veth)" "" "veths in the host"
assert_eq "$(pgrep -c nginx || true)" "0" "nginx processes"
echo "PASS"
