#!/bin/bash
# A yes from polkit is remembered for a few seconds for the same caller
# connection, action and details, so that polkitd is not asked again and
# again; a revoked rule takes effect at once (polkit's Changed signal), a
# no is never remembered, and no other connection profits.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

allow_rule nobody 'subject.user == "nobody"'
wait_until 5 as_user nobody "$NETNSCTL" add mine

# A client that keeps one connection: it calls SetSysctl on each line it
# reads and prints the answer.
fifo="$NNS_RUN/client.in"
mkfifo "$fifo"
cat > "$NNS_RUN/client.py" <<'PY'
import sys, gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib
bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
for line in sys.stdin:
    try:
        bus.call_sync("org.example.NetNs", "/org/example/NetNs", "org.example.NetNs", "SetSysctl",
                      GLib.Variant("(sss)", ("mine", "net.ipv4.ip_forward", "1")), None,
                      Gio.DBusCallFlags.ALLOW_INTERACTIVE_AUTHORIZATION, -1, None)
        print("yes")
    except GLib.Error as e:
        print("no: " + e.message)
PY
setpriv --reuid=65534 --regid=65534 --clear-groups -- "$PYTHON" -u "$NNS_RUN/client.py" \
    > "$NNS_RUN/client.out" 2>&1 < "$fifo" &
client=$!
exec 7> "$fifo"
answers() { wc -l < "$NNS_RUN/client.out"; }
ask() {
    local before
    before=$(answers)
    echo go >&7
    wait_until 5 bash -c "[[ \$(wc -l < $NNS_RUN/client.out) -gt $before ]]"
    tail -1 "$NNS_RUN/client.out"
}
asked_polkit() { grep -c "org.example.netns.manage authorized$" "$NNS_RUN/netnsd.log" || true; }

step "the second identical call is not asked of polkit"
before=$(asked_polkit)
assert_eq "$(ask)" "yes" "first call"
assert_eq "$(asked_polkit)" "$((before + 1))" "polkit checks after the first call"
assert_eq "$(ask)" "yes" "second call"
assert_eq "$(asked_polkit)" "$((before + 1))" "polkit checks after the second call"
assert_contains "$(tail -5 "$NNS_RUN/netnsd.log")" "authorized (remembered)" "netnsd's log"

step "another connection is asked for itself"
as_user nobody "$NETNSCTL" sysctl mine net.ipv4.ip_forward=1
assert_eq "$(asked_polkit)" "$((before + 2))" "polkit checks after another connection's call"

step "a revoked rule takes effect at once"
revoked=$SECONDS
remove_rule nobody
wait_until 5 grep -q "forgetting every remembered yes" "$NNS_RUN/netnsd.log"
answer=$(ask)
assert_contains "$answer" "no: " "the call after the rule went"
assert_contains "$answer" "not authorized" "the call after the rule went"
(( SECONDS - revoked < 5 )) || fail "the check took longer than a remembered yes lasts: inconclusive"

step "a no is not remembered"
allow_rule nobody 'subject.user == "nobody"'
wait_until 5 bash -c "[[ \$(grep -c 'forgetting every remembered yes' $NNS_RUN/netnsd.log) -ge 2 ]]"
assert_eq "$(ask)" "yes" "the call once the rule is back"
exec 7>&-
wait $client
echo "PASS"
