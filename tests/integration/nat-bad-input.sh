#!/bin/bash
# Masquerades and port forwards refuse bad input with InvalidArgument (or
# NotFound, Exists) and a message naming what was wrong, and change
# nothing: no rule, no sysctl, no record. An Apply whose last operation
# fails leaves no rule behind. A non-root caller with only `manage` is
# refused on the host, and the example polkit rule lets a group forward
# ports above 1024 of the host to its own namespaces and nothing else.
source "$NNS_SRCDIR/tests/lib/testlib.sh"
source "$NNS_SRCDIR/tests/lib/nat.sh"

nat_red
ns_gdbus AddPortForward "" tcp 8080 10.200.0.2:80 '{}' >/dev/null
ns_gdbus AddMasquerade red 10.201.0.0/24 '{}' >/dev/null

state() {
    echo "== host"; nft list ruleset
    echo "== red"; ip netns exec red nft list ruleset
    sysctl net.ipv4.ip_forward net.ipv6.conf.all.forwarding net.ipv4.conf.all.route_localnet
    ip netns exec red sysctl net.ipv4.ip_forward net.ipv6.conf.all.forwarding
    local record
    for record in /run/netnsd/nat/*; do
        [[ -e $record ]] && { echo "== $record"; cat "$record"; }
    done
    ns_gdbus ListPortForwards ""
    ns_gdbus ListMasquerades red
}
before=$(state)

bad() {   # EXPECTED_ERROR MESSAGE_FRAGMENT METHOD ARGS...
    local expected=$1 fragment=$2; shift 2
    local out
    run_capture out ns_gdbus "$@"
    [[ $status != 0 ]] || fail "$* succeeded"
    assert_contains "$out" "$ERR.$expected" "$*"
    assert_contains "$out" "$fragment" "message of $*"
    echo "  $expected: ${out##*$ERR.$expected: }"
}

step "port forwards"
bad InvalidArgument "port 0 is out of range (1 to 65535)" AddPortForward "" tcp 0 10.200.0.2:80 '{}'
bad InvalidArgument "target port 70000 is out of range (1 to 65535)" AddPortForward "" tcp 8081 10.200.0.2:70000 '{}'
bad InvalidArgument "target port 0 is out of range" AddPortForward "" tcp 8081 10.200.0.2:0 '{}'
bad InvalidArgument "protocol 'sctp' is not tcp or udp" AddPortForward "" sctp 8081 10.200.0.2:80 '{}'
bad InvalidArgument "protocol 'TCP' is not tcp or udp" AddPortForward "" TCP 8081 10.200.0.2:80 '{}'
for target in 10.200.0.2 10.200.0.2: banana banana:80 10.200.0.300:80 fd00:200::2:80 \
              '[10.200.0.2]:80' '[fd00:200::2]' '10.200.0.2:80x' '10.200.0.2:-1' '10.200.0.2/30:80' ''; do
    bad InvalidArgument "is not ADDRESS:PORT (10.200.0.3:80, [fd00::3]:80)" \
        AddPortForward "" tcp 8081 "$target" '{}'
done
for target in 127.0.0.1:80 '[::1]:80' 0.0.0.0:80 '[::]:80' 239.1.1.1:80 255.255.255.255:80 '[ff02::1]:80'; do
    bad InvalidArgument "is not an address connections can be forwarded to" \
        AddPortForward "" tcp 8081 "$target" '{}'
done
bad InvalidArgument "address 'banana' is not an IP address" AddPortForward "" tcp 8081 10.200.0.2:80 "{'address': <'banana'>}"
bad InvalidArgument "address '10.0.0.1/24' must be a plain address" AddPortForward "" tcp 8081 10.200.0.2:80 "{'address': <'10.0.0.1/24'>}"
bad InvalidArgument "mixes IPv4 and IPv6" AddPortForward "" tcp 8081 10.200.0.2:80 "{'address': <'fd00::1'>}"
bad InvalidArgument "unknown option 'to'" AddPortForward "" tcp 8081 10.200.0.2:80 "{'to': <'x'>}"
bad InvalidArgument "option 'from-local' must be of type 'b', not 's'" AddPortForward "" tcp 8081 10.200.0.2:80 "{'from-local': <'yes'>}"
bad InvalidArgument "port 0 is out of range" RemovePortForward "" tcp 0 '{}'
bad InvalidArgument "protocol 'icmp' is not tcp or udp" RemovePortForward "" icmp 8080 '{}'
bad NotFound "there is no port forward of tcp 8081 in the host namespace" RemovePortForward "" tcp 8081 '{}'
bad NotFound "there is no port forward of tcp 8080 on 10.99.0.1 in the host namespace" \
    RemovePortForward "" tcp 8080 "{'address': <'10.99.0.1'>}"
bad NotFound "there is no port forward of udp 8080" RemovePortForward "" udp 8080 '{}'
bad Exists "tcp 8080 in the host namespace is forwarded already (for IPv4)" AddPortForward "" tcp 8080 10.200.0.9:80 '{}'
bad NotFound "namespace 'blue' not found" AddPortForward blue tcp 8080 10.200.0.2:80 '{}'
# busctl cannot even send a port above 65535: the D-Bus type is 16 bits.
run_capture out ns_call AddPortForward 'ssqsa{sv}' "" tcp 70000 10.200.0.2:80 0
[[ $status != 0 ]] || fail "busctl sent port 70000"
echo "  busctl: $out"

step "masquerades"
for source in banana 10.200.0.0 10.200.0.0/33 fd00::/129 '10.200.0.0/'; do
    bad InvalidArgument "source '$source'" AddMasquerade "" "$source" '{}'
done
bad InvalidArgument "source '10.200.0.0' is not a network in CIDR form like 10.200.0.0/24" AddMasquerade "" 10.200.0.0 '{}'
bad InvalidArgument "source '10.200.0.2/30' has host bits set; did you mean 10.200.0.0/30?" AddMasquerade "" 10.200.0.2/30 '{}'
bad InvalidArgument "holds every address" AddMasquerade "" 0.0.0.0/0 '{}'
bad InvalidArgument "which nftables cannot match exactly" AddMasquerade "" 10.200.0.0/30 "{'out-link': <'a\"b'>}"
bad InvalidArgument "link name 'eth*' contains" AddMasquerade "" 10.200.0.0/30 "{'out-link': <'eth*'>}"
bad InvalidArgument "link name 'a b' contains a space" AddMasquerade "" 10.200.0.0/30 "{'out-link': <'a b'>}"
bad InvalidArgument "unknown option 'via'" AddMasquerade "" 10.200.0.0/30 "{'via': <'up0'>}"
bad NotFound "there is no masquerade of 10.200.0.0/30 in the host namespace" RemoveMasquerade "" 10.200.0.0/30 '{}'
bad NotFound "there is no masquerade of 10.201.0.0/24 through 'eth0' in namespace 'red'" \
    RemoveMasquerade red 10.201.0.0/24 "{'out-link': <'eth0'>}"
bad Exists "the masquerade of 10.201.0.0/24 in namespace 'red' exists already" AddMasquerade red 10.201.0.0/24 '{}'
bad NotFound "namespace 'blue' not found" ListMasquerades blue
ip netns add 'Not-Netnsd-Made-Because-This-Name-Is-Far-Longer-Than-Sixty-Four-Characters'
bad InvalidArgument "has a name netnsd would not give a namespace" \
    AddMasquerade 'Not-Netnsd-Made-Because-This-Name-Is-Far-Longer-Than-Sixty-Four-Characters' 10.0.0.0/8 '{}'
ip netns del 'Not-Netnsd-Made-Because-This-Name-Is-Far-Longer-Than-Sixty-Four-Characters'
assert_eq "$(state)" "$before" "rules, sysctls and records after the bad calls"

step "an Apply whose last operation fails leaves no rule behind"
ns_gdbus RemovePortForward "" tcp 8080 '{}' >/dev/null
ns_gdbus RemoveMasquerade red 10.201.0.0/24 '{}' >/dev/null
before=$(state)
assert_eq "$(nft_table "")/$(nft_table red)" "none/none" "the tables before the Apply"
expect_error "$ERR.NotFound" ns_gdbus Apply "[
    ('AddMasquerade', {'namespace': <''>, 'source': <'10.200.0.0/30'>}),
    ('AddMasquerade', {'namespace': <''>, 'source': <'fd00:200::/64'>}),
    ('AddPortForward', {'namespace': <''>, 'protocol': <'tcp'>, 'port': <uint16 8080>,
                        'target': <'10.200.0.2:80'>}),
    ('AddMasquerade', {'namespace': <'red'>, 'source': <'10.201.0.0/24'>}),
    ('AddPortForward', {'namespace': <'red'>, 'protocol': <'udp'>, 'port': <uint16 53>,
                        'target': <'[fd00:200::1]:53'>}),
    ('AddAddress', {'namespace': <'red'>, 'link': <'nosuch'>, 'address': <'10.0.0.1/8'>})]" '{}'
assert_eq "$(state)" "$before" "rules, sysctls and records after the failed Apply"
assert_eq "$(nft_table "")/$(nft_table red)" "none/none" "the tables after the failed Apply"
ns_gdbus AddPortForward "" tcp 8080 10.200.0.2:80 '{}' >/dev/null
before=$(state)
expect_error "$ERR.NotFound" ns_gdbus Apply "[
    ('RemovePortForward', {'namespace': <''>, 'protocol': <'tcp'>, 'port': <uint16 8080>}),
    ('AddMasquerade', {'namespace': <''>, 'source': <'10.200.0.0/30'>}),
    ('RemoveMasquerade', {'namespace': <''>, 'source': <'10.200.0.0/30'>}),
    ('AddAddress', {'namespace': <'red'>, 'link': <'nosuch'>, 'address': <'10.0.0.1/8'>})]" '{}'
assert_eq "$(state)" "$before" "after a failed Apply that removed the forward it started with"
expect_error "$ERR.Exists" ns_gdbus Apply "[
    ('AddMasquerade', {'namespace': <''>, 'source': <'10.200.0.0/30'>}),
    ('AddMasquerade', {'namespace': <''>, 'source': <'10.200.0.0/30'>})]" '{}'
assert_eq "$(state)" "$before" "after an Apply that masqueraded twice"

step "a caller with only manage: its own namespace yes, the host no"
allow_rule manage 'subject.user == "nns-alice" && action.id == "org.example.netns.manage"'
wait_until 5 as_user nns-alice ns_gdbus -i CreateNamespace alice-ns '{}'
before=$(state)
expect_error "$ERR.NotAuthorized" as_user nns-alice ns_gdbus -i AddMasquerade "" 10.200.0.0/30 '{}'
expect_error "$ERR.NotAuthorized" as_user nns-alice ns_gdbus -i AddPortForward "" tcp 8081 10.200.0.2:80 '{}'
expect_error "$ERR.NotAuthorized" as_user nns-alice ns_gdbus -i RemovePortForward "" tcp 8080 '{}'
expect_error "$ERR.NotAuthorized" as_user nns-alice ns_gdbus -i AddMasquerade red 10.201.0.0/24 '{}'
assert_eq "$(state)" "$before" "after the denied calls"
as_user nns-alice ns_gdbus -i AddMasquerade alice-ns 10.210.0.0/24 '{}' >/dev/null
assert_contains "$(nft_table alice-ns)" "10.210.0.0/24" "alice's own namespace's table"
as_user nns-alice ns_gdbus -i RemoveMasquerade alice-ns 10.210.0.0/24 '{}' >/dev/null
remove_rule manage

step "the example rule: a group forwards host ports above 1024 to its own namespaces"
cp "$NNS_SRCDIR/polkit/rules.d/50-netnsd-port-forwards.rules" "$NNS_RULES_DIR/"
allow_rule manage '(subject.user == "nns-alice" || subject.user == "nns-bob") &&
                   action.id == "org.example.netns.manage"'
wait_until 5 as_user nns-bob ns_gdbus -i CreateNamespace bob-ns '{}'
ns_gdbus CreateVeth alice-ns a0 bob-ns b0 "{'up': <true>}" >/dev/null
ns_gdbus AddAddress alice-ns a0 10.210.0.2/24 '{}' >/dev/null
ns_gdbus AddAddress bob-ns b0 10.210.0.3/24 '{}' >/dev/null
remove_rule manage
# nns-alice is in the group netns (tests/lib/sandbox), nns-bob is not.
wait_until 5 as_user nns-alice ns_gdbus -i AddPortForward "" tcp 8443 10.210.0.2:443 '{}'
assert_contains "$(ns_gdbus ListPortForwards "")" "'target': <'10.210.0.2:443'>" "alice's forward"
before=$(state)
expect_error "$ERR.NotAuthorized" as_user nns-alice ns_gdbus -i AddPortForward "" tcp 1024 10.210.0.2:80 '{}'
expect_error "$ERR.NotAuthorized" as_user nns-alice ns_gdbus -i AddPortForward "" tcp 8444 10.210.0.3:443 '{}'
expect_error "$ERR.NotAuthorized" as_user nns-alice ns_gdbus -i AddPortForward "" tcp 8445 10.200.0.2:443 '{}'
expect_error "$ERR.NotAuthorized" as_user nns-alice ns_gdbus -i AddMasquerade "" 10.210.0.0/24 '{}'
expect_error "$ERR.NotAuthorized" as_user nns-alice ns_gdbus -i RemovePortForward "" tcp 8080 '{}'
expect_error "$ERR.NotAuthorized" as_user nns-bob ns_gdbus -i AddPortForward "" tcp 8446 10.210.0.3:443 '{}'
assert_eq "$(state)" "$before" "after the calls the example rule does not allow"
as_user nns-alice ns_gdbus -i RemovePortForward "" tcp 8443 '{}' >/dev/null
assert_not_contains "$(ns_gdbus ListPortForwards "")" "8443" "alice's forward, removed by alice"
rm -f "$NNS_RULES_DIR/50-netnsd-port-forwards.rules"
echo "PASS"
