#!/bin/bash
# netnsd's table lives beside everyone else's: tables of firewalld, docker,
# ufw and iptables-nft stay byte-for-byte as they were through everything
# netnsd does; its own table is made to match its records when netnsd
# starts (rules it does not know of go, ones it knows of come back) and
# within a moment of `nft flush ruleset` or a rule added by hand; a table
# with no record goes at start; the records of a namespace that went (or
# whose name now holds another) are dropped.
source "$NNS_SRCDIR/tests/lib/testlib.sh"
source "$NNS_SRCDIR/tests/lib/nat.sh"
trap whoami_stop EXIT

nat_topology

step "tables of other tools, as they make them"
nft -f - <<'NFT'
table ip filter {
    chain FORWARD { type filter hook forward priority filter; policy accept;
        iifname "docker0" oifname "up0" accept
    }
}
table ip nat {
    chain POSTROUTING { type nat hook postrouting priority srcnat; policy accept;
        ip saddr 172.17.0.0/16 oifname != "docker0" masquerade
    }
}
table inet firewalld {
    chain filter_INPUT { type filter hook input priority filter + 10; policy accept;
        ct state established,related accept
        tcp dport 22 accept
    }
}
table ip6 ufw {
    chain input { type filter hook input priority filter; policy accept; }
}
NFT
bystanders() {
    local table
    for table in "ip filter" "ip nat" "inet firewalld" "ip6 ufw"; do
        echo "== $table"
        # shellcheck disable=SC2086
        nft -a list table $table
    done
}
before=$(bystanders)

step "netnsd's rules beside them, working"
ns_gdbus AddMasquerade "" 10.200.0.0/30 '{}' >/dev/null
ns_gdbus AddPortForward "" tcp 8080 10.200.0.2:80 '{}' >/dev/null
assert_eq "$(get red http://10.99.0.2/)" "client 10.99.0.1" "red to outside"
assert_eq "$(get outside http://10.99.0.1:8080/)" "client 10.99.0.2" "outside to red"
ns_gdbus AddPortForward "" udp 5300 10.200.0.2:80 '{}' >/dev/null
ns_gdbus RemovePortForward "" udp 5300 '{}' >/dev/null
assert_eq "$(bystanders)" "$before" "the other tables after netnsd's changes"
table=$(nft_table "")

step "after a restart, the same table, and it works"
restart_netnsd
assert_eq "$(nft_table "")" "$table" "netnsd's table after a restart"
assert_eq "$(get outside http://10.99.0.1:8080/)" "client 10.99.0.2" "outside to red after a restart"
assert_contains "$(ns_gdbus ListPortForwards "")" "'port': <uint16 8080>" "ListPortForwards after a restart"

step "rules it does not know of go at start; ones it knows of come back"
stop_netnsd
nft add rule inet netnsd prerouting tcp dport 2222 dnat ip to 10.200.0.2:22
nft flush chain inet netnsd postrouting
sysctl -qw net.ipv4.ip_forward=0
start_netnsd
wait_until 5 bash -c "nft list table inet netnsd | grep -q 'masquerade 10.200.0.0/30'"
assert_eq "$(nft_table "")" "$table" "netnsd's table after a start"
assert_eq "$(sysctl_in "" net.ipv4.ip_forward)" "1" "forwarding, turned on again for the masquerade"
assert_eq "$(get red http://10.99.0.2/)" "client 10.99.0.1" "red to outside after the start"
assert_eq "$(bystanders)" "$before" "the other tables after the restarts"

step "nft flush ruleset: netnsd's table comes back within a moment"
nft flush ruleset
wait_until 5 bash -c "nft list table inet netnsd >/dev/null 2>&1"
assert_eq "$(nft_table "")" "$table" "netnsd's table after nft flush ruleset"
assert_eq "$(get outside http://10.99.0.1:8080/)" "client 10.99.0.2" "outside to red after the flush"
grep -q "which someone else changed" "$NNS_RUN/netnsd.log" || fail "no word of the rewrite in the log"

step "a rule added by hand to netnsd's table goes again"
nft add rule inet netnsd prerouting tcp dport 2223 dnat ip to 10.200.0.2:22
wait_until 5 bash -c "! nft list table inet netnsd | grep -q 2223"
assert_eq "$(nft_table "")" "$table" "netnsd's table after a hand-made rule"

step "in a namespace too; and a table with no record goes at start"
ns_call CreateNamespace 'sa{sv}' blue 0 >/dev/null
ns_gdbus AddMasquerade blue 10.202.0.0/24 '{}' >/dev/null
ip netns exec blue nft flush ruleset
wait_until 5 bash -c "ip netns exec blue nft list table inet netnsd 2>/dev/null | grep -q 10.202.0.0/24"
ip netns add green
ip netns exec green nft add table inet netnsd
ip netns exec green nft add table inet keep
stop_netnsd
ip netns exec blue nft add rule inet netnsd postrouting ip saddr 10.9.9.0/24 masquerade
start_netnsd
wait_until 5 bash -c "! ip netns exec green nft list table inet netnsd 2>/dev/null"
assert_contains "$(ip netns exec green nft list tables)" "table inet keep" "green's other table"
assert_not_contains "$(nft_table blue)" "10.9.9.0/24" "blue's table after the start"
assert_contains "$(nft_table blue)" "10.202.0.0/24" "blue's table after the start"

step "the record of a namespace whose name now holds another is dropped"
stop_netnsd
ip netns del blue
ip netns add blue
start_netnsd
assert_eq "$(ns_gdbus ListMasquerades blue)" "(@aa{sv} [],)" "the new blue's masquerades"
assert_eq "$(nft_table blue)" "none" "the new blue's table"
[[ ! -e /run/netnsd/nat/blue ]] || fail "the old blue's record is still there"
grep -q "dropping the rules of namespace 'blue'" "$NNS_RUN/netnsd.log" || fail "no word of the dropped record"

step "everything removed: no table left, the others as they were"
nft -f - <<'NFT'
table inet firewalld {
    chain filter_INPUT { type filter hook input priority filter + 10; policy accept;
        ct state established,related accept
        tcp dport 22 accept
    }
}
NFT
firewalld=$(nft -a list table inet firewalld)
ns_gdbus RemovePortForward "" tcp 8080 '{}' >/dev/null
ns_gdbus RemoveMasquerade "" 10.200.0.0/30 '{}' >/dev/null
assert_eq "$(nft_table "")" "none" "netnsd's table after its last rule"
assert_eq "$(nft -a list table inet firewalld)" "$firewalld" "firewalld's table after netnsd removed its own"
echo "PASS"
