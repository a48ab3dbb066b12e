#!/bin/bash
# The README's demo (tools/demo-tutorial.sh) runs the whole tutorial
# through netnsctl: the host gets nginx's page from inside the namespace,
# and nothing is left behind.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

run_capture out bash "$NNS_SRCDIR/tools/demo-tutorial.sh"
echo "$out"
assert_eq "$status" "0" "the demo's exit status"
assert_contains "$out" "$ curl --silent --show-error --max-time 5 http://10.200.0.3/
Hello from nginx in namespace direct_netns" "the page fetched from the host"
assert_contains "$out" "veth1            veth      yes" "netnsctl link show inside"

step "nothing left behind"
assert_eq "$(ip netns list)" "" "ip netns list"
assert_eq "$(ip -br link show type veth)" "" "veths in the host"
assert_eq "$(pgrep -c nginx || true)" "0" "nginx processes"
echo "PASS"
