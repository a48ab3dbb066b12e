#!/bin/bash
# Every link, address and route method refuses bad input with
# InvalidArgument or NotFound, a message naming what was wrong, and no
# change to any namespace.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

ns_call CreateNamespace 'sa{sv}' red 0 >/dev/null
ns_gdbus CreateVeth "" h0 red r0 "{'up': <true>}" >/dev/null
ns_gdbus AddAddress red r0 10.5.0.2/24 '{}' >/dev/null
before=$(net_state red)

# bad EXPECTED_ERROR MESSAGE_FRAGMENT METHOD ARGS...
bad() {
    local expected=$1 fragment=$2; shift 2
    local out
    run_capture out ns_gdbus "$@"
    [[ $status != 0 ]] || fail "$* succeeded"
    assert_contains "$out" "$ERR.$expected" "$*"
    assert_contains "$out" "$fragment" "message of $*"
    echo "  $1: ${out##*$ERR.}"
}

step "addresses"
bad InvalidArgument "address '10.5.0.300/24' is not an IP address" AddAddress red r0 10.5.0.300/24 '{}'
bad InvalidArgument "address 'banana' is not an IP address" AddAddress red r0 banana '{}'
bad InvalidArgument "bad prefix length; IPv4 takes 0 to 32" AddAddress red r0 10.5.0.3/33 '{}'
bad InvalidArgument "bad prefix length; IPv6 takes 0 to 128" AddAddress red r0 fd00::3/129 '{}'
bad InvalidArgument "bad prefix length" AddAddress red r0 10.5.0.3/-1 '{}'
bad InvalidArgument "bad prefix length" AddAddress red r0 10.5.0.3/ '{}'
bad InvalidArgument "peer '10.5.0.9/24' must be a plain address" AddAddress red r0 10.5.0.3/24 "{'peer': <'10.5.0.9/24'>}"
bad InvalidArgument "broadcast 'fd00::ff' is not of the address's family" AddAddress red r0 10.5.0.3/24 "{'broadcast': <'fd00::ff'>}"
bad InvalidArgument "unknown option 'label'" AddAddress red r0 10.5.0.3/24 "{'label': <'x'>}"
bad InvalidArgument "option 'peer' must be of type 's', not 'u'" AddAddress red r0 10.5.0.3/24 "{'peer': <uint32 1>}"
bad NotFound "link 'nosuch' not found in namespace 'red'" AddAddress red nosuch 10.5.0.3/24 '{}'
bad NotFound "namespace 'blue' not found" AddAddress blue r0 10.5.0.3/24 '{}'
bad NotFound "address 10.5.0.7/24 is not on 'r0' in namespace 'red'" RemoveAddress red r0 10.5.0.7/24
bad InvalidArgument "is not an IP address" RemoveAddress red r0 10.5.0/24

step "link names"
bad InvalidArgument "link name 'sixteen-bytes-xx' is 16 bytes long; the limit is 15" CreateVeth red sixteen-bytes-xx red p0 '{}'
bad InvalidArgument "link name 'x%d' contains '%'" CreateVeth red 'x%d' red p0 '{}'
bad InvalidArgument "link name 'a:b' contains ':'" CreateVeth red 'a:b' red p0 '{}'
bad InvalidArgument "link name 'a b' contains a space" CreateVeth red 'a b' red p0 '{}'
bad InvalidArgument "link name 'a/b' contains '/'" SetLink red 'a/b' '{}'
bad InvalidArgument "link name is empty" CreateVeth red '' red p0 '{}'
bad InvalidArgument "both ends of the veth pair are named 'p0'" CreateVeth red p0 red p0 '{}'
bad InvalidArgument "link name '-x' starts with '-'" SetLink red r0 "{'name': <'-x'>}"

step "links"
bad InvalidArgument "MTU 0 is out of range" SetLink red r0 "{'mtu': <uint32 0>}"
bad InvalidArgument "MTU 70000 is out of range" SetLink red r0 "{'mtu': <uint32 70000>}"
bad InvalidArgument "MTU 0 is out of range" CreateVeth red p0 red p1 "{'mtu': <uint32 0>}"
bad InvalidArgument "address '02:00:00:00:00' is not a MAC address" SetLink red r0 "{'address': <'02:00:00:00:00'>}"
bad InvalidArgument "is not a MAC address" SetLink red r0 "{'address': <'zz:00:00:00:00:01'>}"
bad InvalidArgument "is a multicast address" CreateVeth red p0 red p1 "{'peer-address': <'01:00:5e:00:00:01'>}"
bad InvalidArgument "is all zeros" SetLink red r0 "{'address': <'00:00:00:00:00:00'>}"
bad InvalidArgument "unknown option 'colour'" SetLink red r0 "{'colour': <'red'>}"
bad InvalidArgument "option 'up' must be of type 'b', not 's'" SetLink red r0 "{'up': <'yes'>}"
bad InvalidArgument "option 'mtu' must be of type 'u', not 'i'" CreateVeth red p0 red p1 "{'mtu': <1400>}"
bad NotFound "link 'nosuch' not found in namespace 'red'" SetLink red nosuch "{'up': <true>}"
bad NotFound "link 'nosuch' not found in namespace 'red'" DeleteLink red nosuch
bad NotFound "link 'nosuch' not found in the host namespace" DeleteLink "" nosuch
bad NotFound "namespace 'blue' not found" CreateVeth red p0 blue p1 '{}'
bad NotFound "namespace 'blue' not found" MoveLink red r0 blue '{}'
bad InvalidArgument "link 'r0' is in namespace 'red' already" MoveLink red r0 red '{}'
bad InvalidArgument "unknown option 'name'" MoveLink red r0 "" "{'name': <'x'>}"
bad Exists "link 'h0' already exists in the host namespace" MoveLink red r0 "" "{'new-name': <'h0'>}"
bad Exists "link 'h0' already exists in the host namespace" CreateVeth "" h0 red p1 '{}'
bad Exists "link 'r0' already exists in namespace 'red'" CreateVeth "" p1 red r0 '{}'
bad Exists "link 'lo' already exists in namespace 'red'" SetLink red r0 "{'name': <'lo'>}"

step "routes"
bad InvalidArgument "route destination '10.6.0.1/24' has host bits set; did you mean 10.6.0.0/24?" AddRoute red 10.6.0.1/24 "{'dev': <'r0'>}"
bad InvalidArgument "needs a prefix length" AddRoute red 10.6.0.0 "{'dev': <'r0'>}"
bad InvalidArgument "a route needs a gateway ('via') or a link ('dev')" AddRoute red 10.6.0.0/24 '{}'
bad InvalidArgument "gateway '10.5.0.1/24' must be a plain address" AddRoute red default "{'via': <'10.5.0.1/24'>}"
bad InvalidArgument "the route mixes IPv4 and IPv6 addresses" AddRoute red 10.6.0.0/24 "{'via': <'fd00::1'>}"
bad InvalidArgument "gateway 10.99.0.1 is not reachable" AddRoute red 10.6.0.0/24 "{'via': <'10.99.0.1'>}"
bad InvalidArgument "routing table 0 does not exist" AddRoute red 10.6.0.0/24 "{'dev': <'r0'>, 'table': <uint32 0>}"
bad InvalidArgument "option 'metric' must be of type 'u', not 's'" AddRoute red 10.6.0.0/24 "{'dev': <'r0'>, 'metric': <'5'>}"
bad NotFound "link 'nosuch' not found in namespace 'red'" AddRoute red 10.6.0.0/24 "{'dev': <'nosuch'>}"
bad NotFound "no such route to 10.7.0.0/24 in namespace 'red'" RemoveRoute red 10.7.0.0/24 '{}'
bad Exists "a route to 10.5.0.0/24 already exists in namespace 'red'" AddRoute red 10.5.0.0/24 "{'dev': <'r0'>, 'metric': <uint32 0>}"

step "wrong argument types never reach netnsd's handlers"
run_capture out busctl --system call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE AddAddress sss red r0 10.5.0.3/24
assert_contains "$out" "does not match expected type" "a call with the wrong signature"

step "nothing changed anywhere"
after=$(net_state red)
assert_eq "$after" "$before" "links, addresses and routes"
echo "PASS"
