#!/bin/bash
# netnsctl -batch FILE: netnsctl's own commands, one per line, as one
# Apply. The tutorial's setup from a file works; a failing line, found by
# netnsctl or by netnsd, changes nothing and is named by its line number.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

batch="$NNS_RUN/setup.batch"
# fails_with STATUS CMD...: CMD must exit with STATUS; its output is in $out.
fails_with() {
    local expected=$1; shift
    run_capture out "$@"
    [[ $status == "$expected" ]] || fail "'$*' exited with $status, expected $expected: $out"
    echo "  exit $status: $out"
}
cat > "$batch" <<'EOF'
# The tutorial, all or nothing.
add red
link add veth0 type veth peer name veth1 netns red

addr add 10.200.0.1/24 dev veth0
-n red addr add 10.200.0.2/24 dev veth1
link set veth0 up
--netns red link set dev veth1 up
dns red --nameserver 10.200.0.1 --search "example.org"
sysctl red net.ipv4.ip_unprivileged_port_start=80
EOF

step "the tutorial's setup from a file"
"$NETNSCTL" -batch "$batch"
assert_eq "$(ip -br addr show veth0 | awk '{print $2, $3}')" "UP 10.200.0.1/24" "veth0"
assert_eq "$(ip -n red -br addr show veth1 | awk '{print $2, $3}')" "UP 10.200.0.2/24" "veth1 in red"
assert_contains "$(ip netns exec red cat /etc/resolv.conf)" "search example.org" "red's resolv.conf"
assert_eq "$(ip netns exec red sysctl -n net.ipv4.ip_unprivileged_port_start)" "80" "red's sysctl"

step "a line netnsd refuses: nothing applied, the line named"
before=$(net_state red)
cat > "$batch" <<'EOF'
add blue
link add hb0 type veth peer name b0 netns blue

# this address is veth0's already
addr add 10.200.0.1/24 dev veth0
EOF
fails_with 5 "$NETNSCTL" --batch "$batch"
assert_contains "$out" "netnsctl: $batch:5: operation 3 (AddAddress): address 10.200.0.1/24 already on 'veth0'" "the error"
assert_eq "$(net_state red)" "$before" "after the failed batch"
assert_eq "$(netns_names)" "red " "namespaces after the failed batch"

step "a line netnsctl cannot read: nothing sent"
printf 'add blue\nlink add hb0 type veth peer\nadd green\n' > "$batch"
fails_with 2 "$NETNSCTL" -batch "$batch"
assert_contains "$out" "$batch:2: the line above went wrong; nothing was applied" "the error"
printf 'add blue\nlink add "hb0\n' > "$batch"
fails_with 2 "$NETNSCTL" -batch "$batch"
assert_contains "$out" "$batch:2: " "the error of an open quote"
assert_eq "$(netns_names)" "red " "namespaces after the unreadable batches"

step "only changes: reading and deleting are refused"
printf 'add blue\nlink show\n' > "$batch"
fails_with 8 "$NETNSCTL" -b "$batch"
assert_contains "$out" "ListLinks cannot be part of a batch" "the error of link show"
printf 'add blue\nexec red -- true\n' > "$batch"
fails_with 8 "$NETNSCTL" -b "$batch"
printf 'add blue\ndelete red\n' > "$batch"
fails_with 8 "$NETNSCTL" -b "$batch"
assert_contains "$out" "$batch:2: operation 2 (DeleteNamespace): DeleteNamespace cannot be part of Apply" "the error of delete"
assert_eq "$(netns_names)" "red " "namespaces after the refused batches"

step "from stdin, with --json"
assert_eq "$(printf 'add blue\n-n blue link set lo up\n' | "$NETNSCTL" --json -batch -)" "{}" "the JSON answer"
assert_eq "$(netns_names)" "blue red " "namespaces after the batch from stdin"
expect_exit 2 "$NETNSCTL" -batch "$batch" list

step "-n before -batch: the namespace of lines without their own"
printf 'link add c0 type veth peer name c1\n-n red addr add 10.9.0.1/24 dev veth1\n' > "$batch"
"$NETNSCTL" --netns blue -batch "$batch"
assert_eq "$(ip -n blue -br link | awk '{print $1}' | sort | tr '\n' ' ')" "c0@c1 c1@c0 lo " "links in blue"
assert_contains "$(ip -n red -br addr show veth1)" "10.9.0.1/24" "veth1 in red"
echo "PASS"
