#!/bin/bash
# LeaseAddress, ReleaseLeases and ListLeases: addresses handed out from a
# pool as CNI's host-local does (ranges in order, range-start and
# range-end, the gateway and the subnet's own addresses never), never one
# address twice however many callers ask at once, the same one again for
# the same holder, kept across a restart of netnsd; bad input refused
# with nothing recorded; and only for callers allowed to change the host.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

CALL=("$PYTHON" "$NNS_SRCDIR/tests/lib/call.py")

# lease POOL HOLDER RANGES [MORE_OPTIONS]: LeaseAddress; RANGES and
# MORE_OPTIONS are GVariant text.
lease() {
    /usr/bin/python3 "$NNS_SRCDIR/tests/lib/call.py" --interactive LeaseAddress \
        "('$1', '$2', {'ranges': <$3>${4:+, $4}})"
}
release() {
    local options=${3:-}
    [[ -n $options ]] || options='@a{sv} {}'
    "${CALL[@]}" ReleaseLeases "('$1', $2, $options)"
}
# leases POOL: "HOLDER ADDRESS GATEWAY" lines, in ListLeases' order.
leases() {
    "${CALL[@]}" ListLeases "('$1',)" | "$PYTHON" -c '
import sys
from gi.repository import GLib
for lease in GLib.Variant.parse(None, sys.stdin.read(), None, None).unpack()[0]:
    print(lease["holder"], lease["address"], lease["gateway"])'
}
subnet() { echo "[{'subnet': <'$1'>}]"; }
records() { ls /run/netnsd/leases | grep "^$1@" || true; }

step "the first free addresses, the gateway skipped; the same holder, the same one"
assert_eq "$(lease small c1/eth0 "$(subnet 10.88.0.0/29)")" "('10.88.0.2/29', '10.88.0.1')" "first lease"
assert_eq "$(lease small c2/eth0 "$(subnet 10.88.0.0/29)")" "('10.88.0.3/29', '10.88.0.1')" "second lease"
assert_eq "$(lease small c1/eth0 "$(subnet 10.88.0.0/29)")" "('10.88.0.2/29', '10.88.0.1')" \
    "the first holder again"
assert_eq "$(records small | tr '\n' ' ')" "small@10.88.0.2 small@10.88.0.3 " "records"
assert_eq "$(stat -c %a /run/netnsd/leases/small@10.88.0.2)" "600" "a record's mode"

step "exhaustion: Busy, naming the pool; the broadcast address is never leased"
for holder in c3 c4 c5; do lease small $holder/eth0 "$(subnet 10.88.0.0/29)" >/dev/null; done
run_capture out lease small c6/eth0 "$(subnet 10.88.0.0/29)"
assert_contains "$out" "$ERR.Busy: pool 'small' has no free address left" "the sixth lease of a /29"
assert_eq "$(leases small | awk '{print $2}' | tr '\n' ' ')" \
    "10.88.0.2/29 10.88.0.3/29 10.88.0.4/29 10.88.0.5/29 10.88.0.6/29 " "ListLeases, sorted"

step "release: idempotent; the next lease comes after the last one handed out"
release small "['c2/eth0']"
release small "['c2/eth0']"
release small "['nobody-holds-this']"
assert_eq "$(lease small c7/eth0 "$(subnet 10.88.0.0/29)")" "('10.88.0.3/29', '10.88.0.1')" \
    "the only free address, after a round"
release small "['c1/eth0', 'c3/eth0', 'c4/eth0']"
# The last handed out was .3: .4 comes next, though .2 is free too.
assert_eq "$(lease small c8/eth0 "$(subnet 10.88.0.0/29)")" "('10.88.0.4/29', '10.88.0.1')" \
    "round robin: after the last handed out, not the lowest free"
assert_not_contains "$(records small)" "10.88.0.2" "the released lease's record"

step "keep-only releases every other holder's (CNI's GC)"
release small "['c8/eth0', 'c5/eth0']" "{'keep-only': <true>}"
assert_eq "$(leases small)" "c8/eth0 10.88.0.4/29 10.88.0.1
c5/eth0 10.88.0.6/29 10.88.0.1" "leases after keep-only"
release small "@as []" "{'keep-only': <true>}"
assert_eq "$(leases small)" "" "keep-only of nothing releases all"
assert_eq "$(ls /run/netnsd/leases | grep -c '^small' || true)" "0" "records of an empty pool"
assert_eq "$(lease small z1 "$(subnet 10.88.0.0/29)")" "('10.88.0.2/29', '10.88.0.1')" \
    "an emptied pool starts again at its start"
lease small z2 "$(subnet 10.88.0.0/29)" >/dev/null
release small "['z1']"

step "range-start, range-end and gateway, ranges in order"
ranges="[{'subnet': <'10.89.0.0/24'>, 'range-start': <'10.89.0.10'>, 'range-end': <'10.89.0.12'>,
          'gateway': <'10.89.0.11'>},
         {'subnet': <'10.89.1.0/24'>, 'range-start': <'10.89.1.200'>, 'range-end': <'10.89.1.200'>}]"
assert_eq "$(lease ranged r1 "$ranges")" "('10.89.0.10/24', '10.89.0.11')" "range-start"
assert_eq "$(lease ranged r2 "$ranges")" "('10.89.0.12/24', '10.89.0.11')" "the gateway skipped"
assert_eq "$(lease ranged r3 "$ranges")" "('10.89.1.200/24', '10.89.1.1')" \
    "the second range, with its default gateway"
expect_error "$ERR.Busy" lease ranged r4 "$ranges"

step "an address asked for"
assert_eq "$(lease asked a1 "$(subnet 10.91.0.0/24)" "'address': <'10.91.0.77'>")" \
    "('10.91.0.77/24', '10.91.0.1')" "the address asked for"
assert_eq "$(lease asked a1 "$(subnet 10.91.0.0/24)" "'address': <'10.91.0.77/24'>")" \
    "('10.91.0.77/24', '10.91.0.1')" "asked again by its holder"
run_capture out lease asked a2 "$(subnet 10.91.0.0/24)" "'address': <'10.91.0.77'>"
assert_contains "$out" "$ERR.Exists: address 10.91.0.77 of pool 'asked' is leased to 'a1' already" \
    "another holder's address"
expect_error "$ERR.Exists" lease asked a1 "$(subnet 10.91.0.0/24)" "'address': <'10.91.0.78'>"
assert_eq "$(lease asked a3 "$(subnet 10.91.0.0/24)")" "('10.91.0.78/24', '10.91.0.1')" \
    "the next after the one asked for"

step "IPv6: the subnet-router anycast address and the gateway are never leased"
assert_eq "$(lease six s1 "$(subnet fd00:91::/126)")" "('fd00:91::2/126', 'fd00:91::1')" "first of a /126"
assert_eq "$(lease six s2 "$(subnet fd00:91::/126)")" "('fd00:91::3/126', 'fd00:91::1')" \
    "the last address: IPv6 has no broadcast"
expect_error "$ERR.Busy" lease six s3 "$(subnet fd00:91::/126)"
big="[{'subnet': <'fd00:92::/64'>, 'range-start': <'fd00:92::ffff:ffff:ffff:fffe'>}]"
assert_eq "$(lease six6 b1 "$big")" "('fd00:92::ffff:ffff:ffff:fffe/64', 'fd00:92::1')" "a /64's range-start"
assert_eq "$(lease six6 b2 "$big")" "('fd00:92::ffff:ffff:ffff:ffff/64', 'fd00:92::1')" "a /64's end"
expect_error "$ERR.Busy" lease six6 b3 "$big"
assert_eq "$(lease dual d1 "$(subnet 10.93.0.0/24)")" "('10.93.0.2/24', '10.93.0.1')" "dual stack: IPv4"
assert_eq "$(lease dual d1 "$(subnet fd00:93::/64)")" "('fd00:93::2/64', 'fd00:93::1')" "dual stack: IPv6"
assert_eq "$(lease dual d1 "$(subnet 10.93.0.0/24)")" "('10.93.0.2/24', '10.93.0.1')" "dual stack: IPv4 again"
assert_eq "$(leases dual)" "d1 10.93.0.2/24 10.93.0.1
d1 fd00:93::2/64 fd00:93::1" "one holder, a lease of each family"

step "bad input: InvalidArgument naming the field, nothing recorded"
bad() {
    local expected=$1; shift
    run_capture out lease "$@"
    assert_contains "$out" "$ERR.InvalidArgument: $expected" "LeaseAddress $*"
    echo "  $out"
}
bad "ranges[0].subnet '10.0.0.300/24' is not an IP address" bad h1 "$(subnet 10.0.0.300/24)"
bad "ranges[0].subnet '10.0.0.1/24' has host bits set; did you mean 10.0.0.0/24?" bad h1 "$(subnet 10.0.0.1/24)"
bad "ranges[0].subnet '10.0.0.0/31' is too small" bad h1 "$(subnet 10.0.0.0/31)"
bad "ranges[0].range-start 10.1.0.5 is outside the subnet 10.0.0.0/24" bad h1 \
    "[{'subnet': <'10.0.0.0/24'>, 'range-start': <'10.1.0.5'>}]"
bad "ranges[0].range-end 10.0.0.255 is the broadcast address" bad h1 \
    "[{'subnet': <'10.0.0.0/24'>, 'range-end': <'10.0.0.255'>}]"
bad "ranges[0].range-start 10.0.0.0 is the network address" bad h1 \
    "[{'subnet': <'10.0.0.0/24'>, 'range-start': <'10.0.0.0'>}]"
bad "ranges[0].range-end 10.0.0.5 comes before its range-start 10.0.0.9" bad h1 \
    "[{'subnet': <'10.0.0.0/24'>, 'range-start': <'10.0.0.9'>, 'range-end': <'10.0.0.5'>}]"
bad "ranges[0].gateway 192.168.0.1 is outside the subnet" bad h1 \
    "[{'subnet': <'10.0.0.0/24'>, 'gateway': <'192.168.0.1'>}]"
bad "ranges[0]: unknown option 'rangeStart'" bad h1 "[{'subnet': <'10.0.0.0/24'>, 'rangeStart': <'10.0.0.9'>}]"
bad "ranges[0].subnet is missing" bad h1 "[{'gateway': <'10.0.0.1'>}]"
bad "ranges has 0 ranges" bad h1 "@aa{sv} []"
bad "ranges[1] is IPv6 and ranges[0] IPv4" bad h1 \
    "[{'subnet': <'10.0.0.0/24'>}, {'subnet': <'fd00::/64'>}]"
bad "ranges[0] and ranges[1] overlap" bad h1 "[{'subnet': <'10.0.0.0/24'>}, {'subnet': <'10.0.0.0/25'>}]"
bad "address 10.0.1.1 is in none of the ranges" bad h1 "$(subnet 10.0.0.0/24)" "'address': <'10.0.1.1'>"
bad "address 10.0.0.1 is the gateway of ranges[0]" bad h1 "$(subnet 10.0.0.0/24)" "'address': <'10.0.0.1'>"
bad "holder is empty" bad "" "$(subnet 10.0.0.0/24)"
bad "pool name 'a/b' contains '/'" a/b h1 "$(subnet 10.0.0.0/24)"
bad "pool name is empty" "" h1 "$(subnet 10.0.0.0/24)"
bad "pool name '-x' starts with '-'" -x h1 "$(subnet 10.0.0.0/24)"
run_capture out "${CALL[@]}" LeaseAddress "('bad', 'h1', @a{sv} {})"
assert_contains "$out" "$ERR.InvalidArgument: option 'ranges' is missing" "no ranges"
run_capture out "${CALL[@]}" LeaseAddress "('bad', 'h\\u0001', {'ranges': <$(subnet 10.0.0.0/24)>})"
assert_contains "$out" "$ERR.InvalidArgument: holder 'h\\001' contains a character that is not printable" \
    "a control character in the holder"
run_capture out release bad "['']"
assert_contains "$out" "$ERR.InvalidArgument: holders[0]: holder is empty" "ReleaseLeases of an empty holder"
run_capture out "${CALL[@]}" ListLeases "('a/b',)"
assert_contains "$out" "$ERR.InvalidArgument: pool name 'a/b' contains '/'" "ListLeases of a bad pool"
assert_eq "$("${CALL[@]}" ListLeases "('nosuchpool',)")" "(@aa{sv} [],)" "ListLeases of an unknown pool"
assert_eq "$(records bad)" "" "records after the bad input"

step "many callers at once never get one address twice"
allow_rule alice-host 'action.id == "org.example.netns.host" && subject.user == "nns-alice"'
wait_until 5 as_user nns-alice lease flood first/eth0 "$(subnet 10.100.0.0/24)"
release flood "['first/eth0']"
# As alice, whose every call waits for polkit's answer, and as root at once.
as_user nns-alice "$PYTHON" "$NNS_SRCDIR/tests/lib/lease_flood.py" flood 10.100.0.0/24 5 10 alice \
    >"$NNS_RUN/flood.alice" &
flood_pid=$!
"$PYTHON" "$NNS_SRCDIR/tests/lib/lease_flood.py" flood 10.100.0.0/24 2 10 root >"$NNS_RUN/flood.root"
wait "$flood_pid"
cat "$NNS_RUN/flood.alice" "$NNS_RUN/flood.root" > "$NNS_RUN/flood"
assert_eq "$(grep -c ERROR "$NNS_RUN/flood" || true)" "0" "failed leases: $(grep ERROR "$NNS_RUN/flood" | head -3)"
assert_eq "$(awk '{print $2}' "$NNS_RUN/flood" | sort | uniq -d)" "" "addresses handed out twice"
assert_eq "$(awk '{print $2}' "$NNS_RUN/flood" | sort -u | wc -l)" "70" "distinct addresses"
assert_eq "$(leases flood | wc -l)" "70" "ListLeases"

step "leases survive a restart of netnsd"
before=$(leases flood)
restart_netnsd
assert_eq "$(leases flood)" "$before" "ListLeases after the restart"
held=$(grep '^root-1-3/eth0 ' "$NNS_RUN/flood.root" | awk '{print $2, $3}')
assert_eq "$(lease flood root-1-3/eth0 "$(subnet 10.100.0.0/24)")" "('${held% *}', '${held#* }')" \
    "a holder's lease after the restart"
assert_eq "$(lease small after/eth0 "$(subnet 10.88.0.0/29)")" "('10.88.0.4/29', '10.88.0.1')" \
    "where the pool left off (after .3), after the restart"

step "a damaged record is dropped at start"
printf '[Lease]\nHolder=\nAddress=10.88.0.6/29\nGateway=10.88.0.1\n' > /run/netnsd/leases/small@10.88.0.6
printf 'not a key file\n' > /run/netnsd/leases/small@10.88.0.2
printf '[Lease]\nHolder=x\nAddress=10.88.0.5/29\nGateway=10.88.0.1\n' > /run/netnsd/leases/small@10.88.0.9
restart_netnsd
assert_eq "$(leases small)" "z2 10.88.0.3/29 10.88.0.1
after/eth0 10.88.0.4/29 10.88.0.1" "ListLeases after damage"
assert_eq "$(records small | tr '\n' ' ')" "small@10.88.0.3 small@10.88.0.4 " "records after damage"

step "a caller without org.example.netns.host is refused, with nothing recorded"
remove_rule alice-host
# Until polkitd has read the rules again.
host_denied_to_alice() {
    ! setpriv --reuid=nns-alice --regid=nns-alice --init-groups -- \
        sh -c 'pkcheck --action-id org.example.netns.host --process $$' >/dev/null 2>&1
}
wait_until 5 host_denied_to_alice
before=$(ls /run/netnsd/leases)
run_capture out as_user nns-alice lease denied d1 "$(subnet 10.101.0.0/24)"
assert_contains "$out" "$ERR.NotAuthorized" "LeaseAddress as alice"
assert_contains "$out" "org.example.netns.host" "the action named"
expect_error "$ERR.NotAuthorized" as_user nns-alice "${CALL[@]}" --interactive ReleaseLeases \
    "('flood', ['flood-0-0/eth0'], @a{sv} {})"
assert_eq "$(ls /run/netnsd/leases)" "$before" "records after the denied calls"
as_user nns-alice "${CALL[@]}" ListLeases "('flood',)" >/dev/null
allow_rule alice-pool 'action.id == "org.example.netns.host" && subject.user == "nns-alice" &&
                       action.lookup("pool") == "mine" && action.lookup("holder") == "alices/eth0"'
wait_until 5 as_user nns-alice lease mine alices/eth0 "$(subnet 10.102.0.0/24)"
expect_error "$ERR.NotAuthorized" as_user nns-alice lease mine other/eth0 "$(subnet 10.102.0.0/24)"
echo "PASS"
