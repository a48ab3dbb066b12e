#!/bin/bash
# The CNI plugin's errors, each with the specification's code and a
# message that names the problem, and each changing nothing: bad
# configurations (1, 2, 6, 7), a bad environment (3, 4), an Apply that
# netnsd refuses halfway (its lease goes back, nothing stays), an
# exhausted pool (11; STATUS 50), netnsd gone (ADD and DEL 11, STATUS 50),
# and a caller polkit does not allow.
source "$NNS_SRCDIR/tests/lib/testlib.sh"
source "$NNS_SRCDIR/tests/lib/cni.sh"
trap containers_stop EXIT

CONF='{"cniVersion": "1.0.0", "name": "errnet", "bridge": "cni-err0", "ipMasq": true,
 "ipam": {"subnet": "10.211.0.0/24"},
 "runtimeConfig": {"portMappings": [{"hostPort": 8080, "containerPort": 80}]}}'
container_start PID
NETNS=/proc/$PID/ns/net
# conf_with PYTHON_STATEMENT: CONF changed by the statement (on `c`).
conf_with() {
    "$PYTHON" -c "import json, sys; c = json.loads(sys.argv[1]); $1; print(json.dumps(c))" "$CONF"
}
before=$(net_state)

step "bad configurations"
expect_cni_error 7 ADD id1 "$NETNS" eth0 "$(conf_with 'del c["name"]')"
assert_contains "$CNI_OUT" "missing network name" "missing name"
expect_cni_error 7 ADD id1 "$NETNS" eth0 "$(conf_with 'c["name"] = "no/slash"')"
expect_cni_error 7 ADD id1 "$NETNS" eth0 "$(conf_with 'c["ipam"]["subnet"] = "10.211.0.7/24"')"
assert_contains "$CNI_OUT" "10.211.0.0/24" "the message names the network it meant"
expect_cni_error 7 ADD id1 "$NETNS" eth0 "$(conf_with 'c["ipam"]["subnet"] = "300.1.0.0/16"')"
expect_cni_error 7 ADD id1 "$NETNS" eth0 "$(conf_with 'c["ipam"]["subnet"] = "10.211.0.0/32"')"
expect_cni_error 7 ADD id1 "$NETNS" eth0 "$(conf_with 'c["ipMasq"] = "yes"')"
assert_contains "$CNI_OUT" "ipMasq must be true or false" "a wrong type names the key"
expect_cni_error 1 ADD id1 "$NETNS" eth0 "$(conf_with 'c["cniVersion"] = "2.0.0"')"
assert_contains "$CNI_OUT" "the plugin speaks 0.3.0, 0.3.1, 0.4.0, 1.0.0, 1.1.0" "what it speaks"
expect_cni_error 1 ADD id1 "$NETNS" eth0 "$(conf_with 'del c["cniVersion"]')"
expect_cni_error 6 ADD id1 "$NETNS" eth0 '{"cniVersion": "1.0.0", "name": '
expect_cni_error 2 ADD id1 "$NETNS" eth0 "$(conf_with 'c["hairpinMode"] = True')"
expect_cni_error 2 ADD id1 "$NETNS" eth0 "$(conf_with 'c["ipam"]["type"] = "dhcp"')"

step "a bad environment"
expect_cni_error 4 ADD "" "$NETNS" eth0 "$CONF"
assert_contains "$CNI_OUT" "CNI_CONTAINERID" "the variable is named"
expect_cni_error 4 ADD "-leading-dash" "$NETNS" eth0 "$CONF"
expect_cni_error 4 ADD id1 "$NETNS" "eth0/x" "$CONF"
expect_cni_error 4 ADD id1 "" eth0 "$CONF"
assert_contains "$CNI_OUT" "CNI_NETNS must be set" "ADD without CNI_NETNS"
expect_cni_error 4 FLY id1 "$NETNS" eth0 "$CONF"
expect_cni_error 3 ADD id1 /proc/999999/ns/net eth0 "$CONF"
expect_cni_error 4 ADD id1 /etc/hostname eth0 "$CONF"
assert_contains "$CNI_OUT" "is not a network namespace" "a file that is no namespace"
expect_cni_error 4 ADD id1 /proc/self/ns/net eth0 "$CONF"
assert_contains "$CNI_OUT" "the host's own network namespace" "the host's namespace"
assert_eq "$(net_state)" "$before" "links, addresses and routes after the refused calls"
assert_eq "$(leases errnet)" "" "no lease after the refused calls"
assert_eq "$(netns_names)" "" "no namespace named"

step "an Apply that netnsd refuses: the lease goes back, nothing stays"
ns_gdbus AddPortForward "" tcp 8080 10.9.9.9:80 '{}' >/dev/null
expect_cni_error 999 ADD id1 "$NETNS" eth0 "$CONF"
assert_contains "$CNI_OUT" "(AddPortForward)" "the error names the operation that failed"
assert_eq "$(net_state)" "$before" "links, addresses and routes after the failed ADD"
assert_eq "$(leases errnet)" "" "the lease went back"
assert_eq "$(netns_names)" "" "the attached name went"
assert_eq "$(ns_gdbus ListMasquerades "")" "(@aa{sv} [],)" "no masquerade"
ns_gdbus RemovePortForward "" tcp 8080 '{}' >/dev/null
in_container "$PID" ip link add eth0 type veth peer name eth0-peer
expect_cni_error 999 ADD id1 "$NETNS" eth0 "$CONF"
assert_contains "$CNI_OUT" "(CreateVeth)" "an interface of that name in the container"
assert_eq "$(leases errnet)" "" "the lease went back"
in_container "$PID" ip link del eth0

step "an exhausted pool: ADD says try again later, STATUS that it cannot serve"
small=$(conf_with 'c["cniVersion"] = "1.1.0"; c["ipam"]["subnet"] = "10.212.0.0/30"; del c["runtimeConfig"]')
cni_ok STATUS "" "" "" "$small"
cni_ok ADD id1 "$NETNS" eth0 "$small"
assert_eq "$(address_of "$CNI_OUT")" "10.212.0.2" "the only address of a /30 besides the gateway"
container_start PID2
expect_cni_error 11 ADD id2 "/proc/$PID2/ns/net" eth0 "$small"
assert_contains "$CNI_OUT" "errnet" "the message names the pool"
expect_cni_error 50 STATUS "" "" "" "$small"
assert_contains "$CNI_OUT" "no address left" "STATUS's reason"
cni_ok DEL id1 "$NETNS" eth0 "$small"
cni_ok STATUS "" "" "" "$small"

step "polkit decides: a user it does not allow changes nothing"
# A namespace of the runtime's, which anyone may open.
ip netns add errns
plugin_as_nobody() {
    printf '%s' "$1" | CNI_COMMAND=ADD CNI_CONTAINERID=id3 CNI_NETNS=/run/netns/errns CNI_IFNAME=eth0 \
        setpriv --reuid=65534 --regid=65534 --clear-groups "$CNI_PLUGIN"
}
CNI_OUT=$(plugin_as_nobody "$small") && fail "nobody's ADD succeeded"
assert_eq "$(cni_error_code)" "999" "nobody's ADD: $CNI_OUT"
assert_contains "$CNI_OUT" "netnsd could not lease an address" "what was refused"
echo "  $(json_get 'd["details"]' <<<"$CNI_OUT")"
assert_eq "$(leases errnet)" "" "no lease for nobody"
ip netns del errns

step "netnsd gone: ADD and DEL try again later, STATUS says it is not available"
cni_ok ADD id1 "$NETNS" eth0 "$small"
stop_netnsd
expect_cni_error 50 STATUS "" "" "" "$small"
assert_contains "$CNI_OUT" "netnsd is not available" "STATUS's message"
expect_cni_error 11 ADD id2 "/proc/$PID2/ns/net" eth0 "$small"
assert_contains "$CNI_OUT" "could not reach netnsd" "ADD's message"
expect_cni_error 11 DEL id1 "$NETNS" eth0 "$small"
start_netnsd
cni_ok DEL id1 "$NETNS" eth0 "$small"
assert_eq "$(leases errnet)" "" "the lease, released once netnsd is back"
assert_eq "$(netns_names)" "" "and the name"
