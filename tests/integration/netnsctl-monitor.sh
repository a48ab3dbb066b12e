#!/bin/bash
# netnsctl monitor: namespaces and links coming, going and changing, made
# by netnsctl and by iproute2, as the text lines docs/man/netnsctl.1.scd
# describes and as JSON; as root and as nobody, whom polkit allows nothing
# (reading needs no authorization); one namespace or the host only;
# SIGINT and SIGTERM end it with 0, netnsd leaving with 9 and a message.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

LOGS=$NNS_RUN/monitor
mkdir -p "$LOGS"
chmod 0777 "$LOGS"

# start NAME [as USER] [-- ARGS...]: starts `netnsctl monitor ARGS` in
# the background, its stdout in $LOGS/NAME, its stderr in $LOGS/NAME.err,
# its pid in PID_<NAME>.
start() {
    local name=$1 user=root; shift
    if [[ ${1:-} == as ]]; then user=$2; shift 2; fi
    [[ ${1:-} == -- ]] && shift
    : >"$LOGS/$name"
    : >"$LOGS/$name.err"
    chmod 0666 "$LOGS/$name" "$LOGS/$name.err"
    if [[ $user == root ]]; then
        "$NETNSCTL" monitor "$@" >"$LOGS/$name" 2>"$LOGS/$name.err" &
        printf -v "PID_$name" %s $!
    else
        bg_as_user "$user" env LOG="$LOGS/$name" \
            bash -c 'exec "$0" monitor "$@" >"$LOG" 2>"$LOG.err"' "$NETNSCTL" "$@"
        printf -v "PID_$name" %s "$BG_PID"
    fi
}

# has NAME TEXT: a line of monitor NAME's output is TEXT; starts: begins
# with TEXT.
has() { grep -qxF -- "$2" "$LOGS/$1"; }
starts() { awk -v text="$2" 'index($0, text) == 1 {found = 1} END {exit !found}' "$LOGS/$1"; }

# has_json NAME PYTHON: a line of monitor NAME's output is a JSON object d
# for which PYTHON holds.
has_json() {
    "$PYTHON" - "$LOGS/$1" "$2" <<'PY'
import json, sys
path, expression = sys.argv[1:]
for line in open(path):
    try:
        d = json.loads(line)
    except ValueError:
        continue   # the line being written
    if eval(expression):
        sys.exit(0)
sys.exit(1)
PY
}

# expect CHECK NAME WHAT: waits until `CHECK NAME WHAT` holds, with a
# deadline of 10 s (netnsd may run under valgrind).
expect() {
    local deadline=$((SECONDS + 10))
    until "$@"; do
        ((SECONDS < deadline)) ||
            fail "monitor $2 did not print $3; it printed: $(cat "$LOGS/$2" "$LOGS/$2.err")"
        sleep 0.05
    done
    echo "  $2: $3"
}

# ready NAME ns|link|NAMESPACE: a monitor prints only what happens once it
# follows netnsd, so a probe (a namespace, a veth of the host, or the one
# namespace a monitor follows, which stays) is made again until it shows.
PROBES=0
ready() {
    local name=$1 kind=$2 deadline=$((SECONDS + 20)) probe
    while ((SECONDS < deadline)); do
        PROBES=$((PROBES + 1))
        probe=probe$PROBES
        case $kind in
            ns) ip netns add "$probe" ;;
            link) ip link add "$probe" type veth peer name "p$probe" ;;
            *) probe=$kind; ip netns add "$probe" ;;
        esac
        for _ in $(seq 20); do
            if grep -qF "$probe" "$LOGS/$name"; then
                case $kind in
                    ns) ip netns del "$probe" ;;
                    link) ip link del "$probe" ;;
                esac
                return
            fi
            sleep 0.05
        done
        case $kind in
            ns|link) ip "${kind/ns/netns}" del "$probe" ;;
            *) ip netns del "$probe" ;;
        esac
    done
    fail "monitor $name never followed netnsd: $(cat "$LOGS/$name" "$LOGS/$name.err")"
}

stop_monitor_with() {
    local signal=$1 name=$2 pid status=0
    pid=PID_$name
    kill "-$signal" "${!pid}"
    wait "${!pid}" || status=$?
    assert_eq "$status" 0 "the exit status of monitor $name after SIG$signal"
    assert_eq "$(cat "$LOGS/$name.err")" "" "what monitor $name said on stderr"
}

step "a monitor as root (text) and one as nobody (JSON), both following"
start text
start json as nobody -- --json
ready text ns
ready json ns

step "namespaces: netnsctl add, ip netns add"
"$NETNSCTL" add red
ip netns add blue
expect has text "namespace red added"
expect has text "namespace blue added"
expect has text "red: 1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 state UNKNOWN kind loopback link/loopback 00:00:00:00:00:00"
expect has_json json 'd == {"event": "namespace-added", "namespace": "red"}'
expect has_json json 'd["event"] == "link-added" and d["namespace"] == "blue" and d["link"] == "lo" and d["properties"]["kind"] == "loopback" and d["properties"]["up"] is False'

step "a veth pair between the host and red"
"$NETNSCTL" link add veth0 address 02:00:00:00:00:01 type veth peer name veth1 address 02:00:00:00:00:02 netns red
host_index=$(ip -j link show veth0 | json_get 'd[0]["ifindex"]')
red_index=$(ip -n red -j link show veth1 | json_get 'd[0]["ifindex"]')
expect has text "$host_index: veth0@red/veth1: <> mtu 1500 state DOWN kind veth link/ether 02:00:00:00:00:01"
expect has text "red: $red_index: veth1@/veth0: <> mtu 1500 state DOWN kind veth link/ether 02:00:00:00:00:02"
expect has_json json "d['event'] == 'link-added' and d['namespace'] == '' and d['link'] == 'veth0' and d['index'] == $host_index and d['properties']['address'] == '02:00:00:00:00:01'"

step "up, with ip and with netnsctl: the carrier follows"
ip -n red link set veth1 up
expect has text "red: $red_index: veth1@/veth0: <NO-CARRIER,UP> mtu 1500 state DOWN kind veth link/ether 02:00:00:00:00:02"
"$NETNSCTL" link set veth0 up
expect has text "$host_index: veth0@red/veth1: <UP,LOWER_UP> mtu 1500 state UP kind veth link/ether 02:00:00:00:00:01"
expect has text "red: $red_index: veth1@/veth0: <UP,LOWER_UP> mtu 1500 state UP kind veth link/ether 02:00:00:00:00:02"
expect has_json json "d['event'] == 'link-changed' and d['namespace'] == 'red' and d['link'] == 'veth1' and d['changed'].get('oper-state') == 'up'"

step "mtu, with ip"
ip -n red link set veth1 mtu 1400
expect has text "red: $red_index: veth1@/veth0: <UP,LOWER_UP> mtu 1400 state UP kind veth link/ether 02:00:00:00:00:02"
expect has_json json "d['event'] == 'link-changed' and d['link'] == 'veth1' and d['changed'].get('mtu') == 1400"

step "addresses: added with netnsctl and ip, removed with ip"
"$NETNSCTL" addr add -n red 10.200.0.2/24 dev veth1
ip -n red addr add fd00:200::2/64 dev veth1 nodad
expect has text "red: $red_index: veth1    inet 10.200.0.2/24"
expect has text "red: $red_index: veth1    inet6 fd00:200::2/64"
ip -n red addr del 10.200.0.2/24 dev veth1
expect has text "Deleted red: $red_index: veth1    inet 10.200.0.2/24"
expect has_json json "d['event'] == 'link-changed' and d['link'] == 'veth1' and 'fd00:200::2/64' in d['changed'].get('addresses', []) and '10.200.0.2/24' not in d['changed']['addresses']"
# An address line only: the link's own line was not printed again for it.
assert_eq "$(grep -c "^red: $red_index: veth1@/veth0: <UP,LOWER_UP> mtu 1400 " "$LOGS/text")" 1 \
    "lines of veth1 at mtu 1400"

step "a link moved to blue with netnsctl, and back with ip"
"$NETNSCTL" link set -n red veth1 netns blue
blue_index=$(ip -n blue -j link show veth1 | json_get 'd[0]["ifindex"]')
expect starts text "Deleted red: $red_index: veth1"
expect has text "blue: $blue_index: veth1@/veth0: <> mtu 1400 state DOWN kind veth link/ether 02:00:00:00:00:02"
expect has text "$host_index: veth0@blue/veth1: <NO-CARRIER,UP> mtu 1500 state DOWN kind veth link/ether 02:00:00:00:00:01"
expect has_json json "d == {'event': 'link-removed', 'namespace': 'red', 'link': 'veth1', 'index': $red_index}"
expect has_json json "d['event'] == 'link-added' and d['namespace'] == 'blue' and d['link'] == 'veth1'"
ip -n blue link set veth1 netns red
red_index=$(ip -n red -j link show veth1 | json_get 'd[0]["ifindex"]')
expect has text "red: $red_index: veth1@/veth0: <> mtu 1400 state DOWN kind veth link/ether 02:00:00:00:00:02"
expect has_json json "d['event'] == 'link-removed' and d['namespace'] == 'blue' and d['link'] == 'veth1'"

step "the pair deleted with ip, then the namespaces with netnsctl and ip"
ip link del veth0
expect starts text "Deleted $host_index: veth0"
expect has_json json "d == {'event': 'link-removed', 'namespace': 'red', 'link': 'veth1', 'index': $red_index}"
"$NETNSCTL" delete blue
ip netns del red
expect has text "namespace blue removed"
expect has text "namespace red removed"
expect has_json json 'd == {"event": "namespace-removed", "namespace": "red"}'

step "NAME: one namespace only; \"\": the host only"
start green -- green
ready green green
start host -- ""
ready host link
ip netns add other
ip -n other link set lo up
ip -n green link set lo up
ip link add hp0 address 02:00:00:00:00:03 type veth peer name hp1
ip link set hp0 mtu 1400
hp_index=$(ip -j link show hp0 | json_get 'd[0]["ifindex"]')
expect has green "green: 1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 state UNKNOWN kind loopback link/loopback 00:00:00:00:00:00"
expect has host "$hp_index: hp0@/hp1: <> mtu 1400 state DOWN kind veth link/ether 02:00:00:00:00:03"
ip link del hp0
ip netns del other
ip netns del green
expect has green "namespace green removed"
expect starts host "Deleted $hp_index: hp0"
assert_not_contains "$(cat "$LOGS/green")" "other" "what the monitor of green printed"
assert_not_contains "$(cat "$LOGS/green")" "hp0" "what the monitor of green printed"
assert_not_contains "$(cat "$LOGS/host")" "namespace" "what the monitor of the host printed"
assert_not_contains "$(cat "$LOGS/host")" ": lo:" "what the monitor of the host printed"

step "SIGINT and SIGTERM end it, with 0"
stop_monitor_with INT text
stop_monitor_with TERM json
stop_monitor_with INT green
stop_monitor_with TERM host
"$PYTHON" - "$LOGS/json" <<'PY'
import json, sys
for number, line in enumerate(open(sys.argv[1]), 1):
    d = json.loads(line)
    assert d["event"] in ("namespace-added", "namespace-removed", "link-added",
                          "link-changed", "link-removed"), (number, line)
    assert isinstance(d["namespace"], str), (number, line)
print("  every line of the JSON monitor is one object")
PY

step "netnsd leaving: exit 9, and no namespace said to go"
"$NETNSCTL" add stays
start leaving
ready leaving ns
stop_netnsd
status=0
wait "$PID_leaving" || status=$?
assert_eq "$status" 9 "the exit status of the monitor when netnsd left"
assert_contains "$(cat "$LOGS/leaving.err")" "netnsd left the bus" "what the monitor said"
assert_not_contains "$(cat "$LOGS/leaving")" "namespace stays removed" "what the monitor printed"
expect_exit 9 "$NETNSCTL" monitor
start_netnsd
"$NETNSCTL" delete stays
echo "PASS"
