#!/bin/bash
# Apply: many changes in one call, all or nothing. The tutorial's setup in
# one call works; a failure at any step leaves everything as it was, even
# what the batch changed on namespaces and links that existed before; bad
# batches are refused before anything runs; polkit is asked each distinct
# question once, with what the batch creates counting as the caller's.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

apply() { ns_gdbus Apply "$1" "${2:-{\}}"; }

step "the tutorial's setup in one Apply"
out=$(apply "[('CreateNamespace', {'name': <'red'>}),
              ('CreateVeth', {'namespace': <''>, 'name': <'veth0'>, 'peer_namespace': <'red'>,
                              'peer_name': <'veth1'>, 'options': <{'up': <true>}>}),
              ('AddAddress', {'namespace': <''>, 'link': <'veth0'>, 'address': <'10.200.0.1/24'>}),
              ('AddAddress', {'namespace': <'red'>, 'link': <'veth1'>, 'address': <'10.200.0.2/24'>}),
              ('AddRoute', {'namespace': <'red'>, 'destination': <'default'>,
                            'options': <{'via': <'10.200.0.1'>}>}),
              ('SetDns', {'namespace': <'red'>, 'nameservers': <['10.200.0.1']>, 'search': <@as []>}),
              ('SetSysctl', {'namespace': <'red'>, 'key': <'net.ipv4.ip_forward'>, 'value': <'1'>})]")
echo "  $out"
assert_eq "$out" "([[<objectpath '$(ns_path red)'>], [], [], [], [], [], []],)" "Apply's results"
assert_eq "$(ip netns exec red ip -br addr show veth1 | awk '{print $2, $3}')" "UP 10.200.0.2/24" "veth1 in red"
assert_contains "$(ip -n red route show default)" "default via 10.200.0.1 dev veth1" "red's default route"
assert_contains "$(ip netns exec red cat /etc/resolv.conf)" "nameserver 10.200.0.1" "red's resolv.conf"
assert_eq "$(ip netns exec red sysctl -n net.ipv4.ip_forward)" "1" "red's ip_forward"
ip netns exec red "$PYTHON" -c "
import socket
server = socket.create_server(('10.200.0.2', 7000))
open('$NNS_RUN/listening', 'w').close()
server.accept()[0].sendall(b'hello from red')" &
wait_until 5 test -e "$NNS_RUN/listening"
assert_eq "$("$PYTHON" -c "import socket; print(socket.create_connection(('10.200.0.2', 7000), 3).recv(64).decode())")" \
    "hello from red" "a TCP exchange from the host with red"
wait

step "a failure at the last step undoes all the steps before it"
ip link add keep0 type veth peer name keep1
before=$(net_state red)
dns_before=$(cat /etc/netns/red/resolv.conf)
out=$(ns_call ListNamespaces)
expect_error "$ERR.Exists" apply "[
    ('CreateNamespace', {'name': <'blue'>}),
    ('CreateVeth', {'namespace': <''>, 'name': <'hb0'>, 'peer_namespace': <'blue'>,
                    'peer_name': <'b0'>, 'options': <{'up': <true>}>}),
    ('SetLink', {'namespace': <''>, 'name': <'hb0'>, 'changes': <{'name': <'hblue'>}>}),
    ('AddAddress', {'namespace': <''>, 'link': <'hblue'>, 'address': <'10.201.0.1/24'>}),
    ('AddAddress', {'namespace': <'blue'>, 'link': <'b0'>, 'address': <'10.201.0.2/24'>}),
    ('CreateVeth', {'namespace': <''>, 'name': <'x0'>, 'peer_namespace': <''>,
                    'peer_name': <'x1'>, 'options': <{'up': <true>}>}),
    ('AddAddress', {'namespace': <''>, 'link': <'x1'>, 'address': <'10.203.0.1/24'>}),
    ('MoveLink', {'namespace': <''>, 'name': <'x1'>, 'target_namespace': <'red'>,
                  'options': <{'new-name': <'moved0'>}>}),
    ('AddRoute', {'namespace': <'red'>, 'destination': <'10.99.0.0/16'>,
                  'options': <{'via': <'10.200.0.1'>}>}),
    ('SetLink', {'namespace': <'red'>, 'name': <'veth1'>,
                 'changes': <{'mtu': <uint32 1400>, 'address': <'02:00:00:00:00:42'>}>}),
    ('SetSysctl', {'namespace': <'red'>, 'key': <'net.ipv4.ip_forward'>, 'value': <'0'>}),
    ('SetDns', {'namespace': <'red'>, 'nameservers': <['192.0.2.53']>, 'search': <['example.org']>}),
    ('AddAddress', {'namespace': <''>, 'link': <'veth0'>, 'address': <'10.200.0.1/24'>})]"
assert_contains "$out" "a(so) 1" "namespaces before"
assert_eq "$(net_state red)" "$before" "links, addresses and routes after the failed Apply"
assert_eq "$(ns_call ListNamespaces)" "$out" "namespaces after the failed Apply"
assert_eq "$(netns_names)" "red " "ip netns list after the failed Apply"
[[ ! -e /etc/netns/blue ]] || fail "/etc/netns/blue left behind"
assert_eq "$(cat /etc/netns/red/resolv.conf)" "$dns_before" "red's resolv.conf after the failed Apply"
assert_eq "$(ip netns exec red sysctl -n net.ipv4.ip_forward)" "1" "red's ip_forward after the failed Apply"
run_capture message apply "[('SetLink', {'namespace': <'red'>, 'name': <'veth1'>, 'changes': <{'mtu': <uint32 1400>}>}),
                            ('AddAddress', {'namespace': <'red'>, 'link': <'nosuch'>, 'address': <'10.0.0.1/8'>})]"
assert_contains "$message" "operation 2 (AddAddress): link 'nosuch' not found in namespace 'red'" "the error"

step "bad batches are refused before anything runs"
before=$(net_state red)
bad() {   # ERROR MESSAGE OPERATIONS [OPTIONS]
    local out
    run_capture out apply "$3" "${4:-{\}}"
    [[ $status != 0 ]] || fail "Apply $3 succeeded"
    assert_contains "$out" "$ERR.$1" "the error of Apply $3"
    assert_contains "$out" "$2" "the message of Apply $3"
    echo "  $1: ${out##*$ERR.$1: }"
}
good_ns="('CreateNamespace', {'name': <'green'>})"
bad InvalidArgument "operation 2 ('Reboot'): 'Reboot' is not a method of org.example.NetNs" \
    "[$good_ns, ('Reboot', @a{sv} {})]"
bad NotSupported "operation 2 (DeleteNamespace): DeleteNamespace cannot be part of Apply" \
    "[$good_ns, ('DeleteNamespace', {'name': <'red'>})]"
bad NotSupported "operation 1 (ListLinks)" "[('ListLinks', {'namespace': <'red'>})]"
bad InvalidArgument "operation 2 (AddAddress): argument 'address' is missing" \
    "[$good_ns, ('AddAddress', {'namespace': <'red'>, 'link': <'veth1'>})]"
bad InvalidArgument "operation 2 (CreateNamespace): argument 'name' must be of type 's', not 'u'" \
    "[$good_ns, ('CreateNamespace', {'name': <uint32 7>})]"
bad InvalidArgument "operation 2 (CreateNamespace): unknown argument 'nmae' (CreateNamespace takes name, options)" \
    "[$good_ns, ('CreateNamespace', {'nmae': <'x'>})]"
bad InvalidArgument "operation 2 (CreateNamespace): namespace name 'a/b' contains '/'" \
    "[$good_ns, ('CreateNamespace', {'name': <'a/b'>})]"
bad InvalidArgument "operation 2 (SetLink): unknown option 'speed'" \
    "[$good_ns, ('SetLink', {'namespace': <'red'>, 'name': <'veth1'>, 'changes': <{'speed': <1>}>})]"
bad NotFound "operation 1 (AddAddress): namespace 'green' not found" \
    "[('AddAddress', {'namespace': <'green'>, 'link': <'lo'>, 'address': <'10.0.0.1/8'>}), $good_ns]"
bad Exists "operation 2 (CreateNamespace): namespace 'green' is created by an earlier operation" \
    "[$good_ns, $good_ns]"
bad Exists "operation 2 (CreateNamespace): namespace 'red' already exists" \
    "[$good_ns, ('CreateNamespace', {'name': <'red'>})]"
bad NotFound "operation 2 (SetLink): link 'nosuch' not found in namespace 'red'" \
    "[$good_ns, ('SetLink', {'namespace': <'red'>, 'name': <'nosuch'>, 'changes': <{'up': <true>}>})]"
bad NotSupported "operation 2 (SetLink): taking a link down cannot be part of Apply" \
    "[$good_ns, ('SetLink', {'namespace': <'red'>, 'name': <'veth1'>, 'changes': <{'up': <false>}>})]"
bad NotSupported "operation 2 (SetLink): an MTU below 1280 cannot be part of Apply" \
    "[$good_ns, ('SetLink', {'namespace': <'red'>, 'name': <'veth1'>, 'changes': <{'mtu': <uint32 1000>}>})]"
bad NotSupported "operation 2 (SetSysctl): net.ipv6.conf.all.disable_ipv6=1 cannot be part of Apply" \
    "[$good_ns, ('SetSysctl', {'namespace': <'red'>, 'key': <'net.ipv6.conf.all.disable_ipv6'>, 'value': <'1'>})]"
bad NotSupported "operation 2 (MoveLink): only a link that an earlier operation creates can be moved in an Apply" \
    "[$good_ns, ('MoveLink', {'namespace': <''>, 'name': <'keep0'>, 'target_namespace': <'red'>})]"
bad InvalidArgument "unknown option 'atomic'" "[$good_ns]" "{'atomic': <true>}"
many=$("$PYTHON" -c "print('[' + ', '.join(\"('CreateNamespace', {'name': <'n%d'>})\" % i for i in range(1025)) + ']')")
bad InvalidArgument "1025 operations are more than one Apply takes (1024)" "$many"
assert_eq "$(net_state red)" "$before" "after the bad batches"
assert_eq "$(netns_names)" "red " "ip netns list after the bad batches"

step "an empty batch changes nothing"
assert_eq "$(apply "@a(sa{sv}) []")" "(@aav [],)" "Apply of nothing"

step "a non-root caller: denied without a rule, nothing made"
batch_for_nobody="[('CreateNamespace', {'name': <'own'>}),
    ('CreateVeth', {'namespace': <'own'>, 'name': <'o0'>, 'peer_namespace': <''>, 'peer_name': <'ho0'>}),
    ('AddAddress', {'namespace': <'own'>, 'link': <'o0'>, 'address': <'10.202.0.2/24'>}),
    ('AddAddress', {'namespace': <'own'>, 'link': <'o0'>, 'address': <'10.202.1.2/24'>}),
    ('SetLink', {'namespace': <'own'>, 'name': <'o0'>, 'changes': <{'up': <true>}>}),
    ('AddAddress', {'namespace': <''>, 'link': <'ho0'>, 'address': <'10.202.0.1/24'>}),
    ('SetLink', {'namespace': <''>, 'name': <'ho0'>, 'changes': <{'up': <true>}>})]"
before=$(net_state red)
expect_error "$ERR.NotAuthorized" as_user nobody ns_gdbus -i Apply "$batch_for_nobody" "{}"
assert_eq "$(net_state red)" "$before" "after the denied Apply"
assert_eq "$(netns_names)" "red " "ip netns list after the denied Apply"

step "allowed to manage its own namespaces but not the host: denied, nothing made"
allow_rule manage 'subject.user == "nobody" && action.id == "org.example.netns.manage"'
wait_until 5 as_user nobody ns_gdbus -i Apply "[('CreateNamespace', {'name': <'probe'>})]" "{}"
ip netns del probe
run_capture out as_user nobody ns_gdbus -i Apply "$batch_for_nobody" "{}"
[[ $status != 0 ]] || fail "the Apply that needs the host succeeded"
assert_contains "$out" "operation 2 (CreateVeth): not authorized to create veth pair o0 (namespace 'own') / ho0 (the host namespace) (polkit action org.example.netns.host)" "the denial"
assert_eq "$(net_state red)" "$before" "after the Apply denied the host"
assert_eq "$(netns_names)" "red " "ip netns list after the Apply denied the host"

step "with host links it owns allowed: the whole batch runs, each question asked once"
allow_rule host 'subject.user == "nobody" && action.id == "org.example.netns.host" &&
                 action.lookup("owner-user") == "nobody"'
wait_until 5 as_user nobody ns_gdbus -i Apply "[('CreateVeth', {'namespace': <''>, 'name': <'hp0'>,
    'peer_namespace': <''>, 'peer_name': <'hp1'>})]" "{}"
ip link del hp0
asked() { grep -c "$1$" "$NNS_RUN/netnsd.log" || true; }
asked_before=$(asked " authorized")
remembered_before=$(asked " authorized (remembered)")
as_user nobody ns_gdbus -i Apply "$batch_for_nobody" "{}"
# The distinct questions: create 'own'; change 'own' at link o0 (for the
# veth's end, then its addresses and state alike); the host at ho0 with
# 'own' as peer (the veth) and without (its address and state).
assert_eq "$(($(asked " authorized") - asked_before))" "4" "polkit checks for 7 operations"
assert_eq "$(($(asked " authorized (remembered)") - remembered_before))" "0" "checks answered from memory"
assert_eq "$(ns_property own Owner)" "u 65534" "the Owner of 'own'"
assert_eq "$(ip -n own -br addr show o0 | awk '{print $2, $3, $4}')" "UP 10.202.0.2/24 10.202.1.2/24" "o0 in own"
assert_eq "$(ip -br addr show ho0 | awk '{print $2, $3}')" "UP 10.202.0.1/24" "ho0 in the host"

step "what a batch creates is the caller's only from the step that creates it"
# keep0 is root's: changing it before a step that would create a link of
# that name is a change to root's link.
run_capture out as_user nobody ns_gdbus -i Apply "[
    ('SetLink', {'namespace': <''>, 'name': <'keep0'>, 'changes': <{'up': <true>}>}),
    ('CreateVeth', {'namespace': <''>, 'name': <'keep0'>, 'peer_namespace': <'own'>, 'peer_name': <'k1'>})]" "{}"
[[ $status != 0 ]] || fail "nobody changed root's link"
assert_contains "$out" "operation 1 (SetLink): not authorized to change link 'keep0' in the host namespace" "the denial"
assert_contains "$(ip -br link show keep0)" "DOWN" "keep0"
remove_rule manage
remove_rule host
echo "PASS"
