#!/bin/bash
# What a root caller's program gets: uid 0, but only the capabilities of
# netnsd's own bounding set, and no_new_privs.
#
# netnsd runs here the way a unit with CapabilityBoundingSet= would run it
# if it also had an inheritable capability outside that set (here
# CAP_SYS_MODULE): uid 0 gains its inheritable set at execve() on top of
# its bounding set, so a program that kept it would get a capability
# netnsd was denied.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

NNS_NETNSD_WRAPPER="setpriv --inh-caps=+sys_module setpriv --bounding-set=-sys_module ${NNS_NETNSD_WRAPPER:-}" \
    restart_netnsd
netnsd_pid=$(cat "$NNS_RUN/netnsd.pid")
ns_call CreateNamespace 'sa{sv}' red 0 >/dev/null

field() { awk -v f="$1:" '$1 == f {print $2}' "/proc/$2/status"; }
sys_module=$((1 << 16))

bounding=$(field CapBnd "$netnsd_pid")
echo "  netnsd: CapBnd $bounding, CapInh $(field CapInh "$netnsd_pid")"
(( (0x$bounding & sys_module) == 0 )) || fail "netnsd's bounding set has CAP_SYS_MODULE: the setup did not work"
(( (0x$(field CapInh "$netnsd_pid") & sys_module) != 0 )) || fail "netnsd's inheritable set lacks CAP_SYS_MODULE: the setup did not work"

step "a root caller's program"
"$NETNSCTL" exec red -- sleep 60 &
client=$!
wait_until 5 pgrep -P "$netnsd_pid" -x sleep
pid=$(pgrep -P "$netnsd_pid" -x sleep)
assert_eq "$(field Uid "$pid")" "0" "its uid"
assert_eq "$(field CapBnd "$pid")" "$bounding" "its bounding set (netnsd's)"
assert_eq "$(field CapPrm "$pid")" "$bounding" "its permitted set (the bounding set, no more)"
assert_eq "$(field CapEff "$pid")" "$bounding" "its effective set"
assert_eq "$(field CapInh "$pid")" "0000000000000000" "its inheritable set"
assert_eq "$(field CapAmb "$pid")" "0000000000000000" "its ambient set"
assert_eq "$(field NoNewPrivs "$pid")" "1" "its NoNewPrivs"
kill "$client"
wait "$client" || true

step "no_new_privs: a setuid-root program gives it nothing"
cp /usr/bin/id "$NNS_RUN/id-setuid"
chmod 4755 "$NNS_RUN/id-setuid"
# Checked first outside: the copy does make nobody root.
assert_eq "$(setpriv --reuid=65534 --regid=65534 --clear-groups "$NNS_RUN/id-setuid" -u)" "0" "setuid id outside netnsd"
assert_eq "$("$NETNSCTL" exec red -- setpriv --reuid=65534 --regid=65534 --clear-groups \
    "$NNS_RUN/id-setuid" -u)" "65534" "setuid id as nobody inside a root caller's program"
echo "PASS"
