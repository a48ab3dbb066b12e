#!/bin/bash
# Two namespaces joined through a third that forwards: routes added
# through netnsd carry a TCP exchange from one end to the other.
source "$NNS_SRCDIR/tests/lib/testlib.sh"
source "$NNS_SRCDIR/tests/lib/nginx.sh"

web="$NNS_RUN/nginx-b"
trap 'nginx_stop "$web"' EXIT

step "a -- router -- b"
for ns in a router b; do ns_call CreateNamespace 'sa{sv}' $ns 0 >/dev/null; done
ns_gdbus CreateVeth a va router ra "{'up': <true>}" >/dev/null
ns_gdbus CreateVeth b vb router rb "{'up': <true>}" >/dev/null
ns_gdbus AddAddress a va 10.1.0.2/24 '{}' >/dev/null
ns_gdbus AddAddress router ra 10.1.0.1/24 '{}' >/dev/null
ns_gdbus AddAddress b vb 10.2.0.2/24 '{}' >/dev/null
ns_gdbus AddAddress router rb 10.2.0.1/24 '{}' >/dev/null
ip netns exec router sysctl -qw net.ipv4.ip_forward=1

nginx_prepare "$web" b 8080 10.2.0.2
ip netns exec b nginx -c "$web/nginx.conf"
wait_until 5 test -s "$web/nginx.pid"

step "without routes, a cannot reach b"
run_capture out ip netns exec a curl --silent --show-error --max-time 3 http://10.2.0.2:8080/
[[ $status != 0 ]] || fail "a reached b without a route: $out"
echo "  $out"

step "routes via the router, both ways"
ns_gdbus AddRoute a default "{'via': <'10.1.0.1'>}" >/dev/null
ns_gdbus AddRoute b 10.1.0.0/24 "{'via': <'10.2.0.1'>, 'dev': <'vb'>, 'metric': <uint32 50>}" >/dev/null
assert_eq "$(ip -n a route show default)" "default via 10.1.0.1 dev va proto static " "ip -n a route"
assert_eq "$(ip -n b route show 10.1.0.0/24)" "10.1.0.0/24 via 10.2.0.1 dev vb proto static metric 50 " "ip -n b route"

step "a TCP exchange from a to b, through the router"
assert_eq "$(ip netns exec a curl --silent --show-error --max-time 5 http://10.2.0.2:8080/)" \
    "Hello from nginx in namespace b" "page fetched from a"
# nginx writes its log line just after the answer.
wait_until 5 grep -q "10.1.0.2 - -" "$web/access.log"
assert_contains "$(cat "$web/access.log")" "10.1.0.2 - -" "b saw a's own address"

step "removing the route cuts it again"
ns_gdbus RemoveRoute a default '{}' >/dev/null
run_capture out ip netns exec a curl --silent --show-error --max-time 3 http://10.2.0.2:8080/
[[ $status != 0 ]] || fail "a reached b after the route was removed"
expect_error "$ERR.NotFound" ns_gdbus RemoveRoute a default '{}'
echo "PASS"
