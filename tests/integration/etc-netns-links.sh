#!/bin/bash
# Whatever is planted in /etc/netns (by root: only root may write there),
# netnsd writes and removes only its own files, never through a symbolic
# link, never opening a FIFO; and an Apply that fails puts resolv.conf back
# exactly: contents, mode and owner.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

ns_call CreateNamespace 'sa{sv}' red 0 >/dev/null
resolv_before=$(cat /etc/resolv.conf 2>/dev/null || true)
shadow_before=$(sha256sum /etc/shadow)

step "/etc/netns/red is a link to /etc: SetDns refused, /etc untouched"
ln -s /etc /etc/netns/red
run_capture out ns_gdbus SetDns red "['192.0.2.53']" '@as []'
assert_contains "$out" "$ERR.Failed" "the error"
assert_contains "$out" "/etc/netns/red" "the error names the path"
assert_eq "$(cat /etc/resolv.conf 2>/dev/null || true)" "$resolv_before" "/etc/resolv.conf"
ns_call DeleteNamespace 'sa{sv}' red 0
assert_eq "$(cat /etc/resolv.conf 2>/dev/null || true)" "$resolv_before" "/etc/resolv.conf after DeleteNamespace"
assert_eq "$(readlink /etc/netns/red)" "/etc" "the link, left as it was"
rm /etc/netns/red

step "resolv.conf is a link to /etc/shadow: SetDns refused, shadow untouched"
ns_call CreateNamespace 'sa{sv}' red 0 >/dev/null
mkdir -p /etc/netns/red
ln -s /etc/shadow /etc/netns/red/resolv.conf
run_capture out ns_gdbus SetDns red "['192.0.2.53']" '@as []'
assert_contains "$out" "$ERR.Failed" "the error"
assert_eq "$(sha256sum /etc/shadow)" "$shadow_before" "/etc/shadow"
assert_eq "$(readlink /etc/netns/red/resolv.conf)" "/etc/shadow" "the link, left as it was"
rm /etc/netns/red/resolv.conf

step "resolv.conf is a FIFO: SetDns answers at once, refused"
mkfifo /etc/netns/red/resolv.conf
run_capture out timeout 10 "$PYTHON" "$NNS_SRCDIR/tests/lib/call.py" SetDns "('red', ['192.0.2.53'], @as [])"
assert_contains "$out" "ERROR org.example.NetNs.Error.Failed" "the error"
rm /etc/netns/red/resolv.conf

step "a failed Apply puts resolv.conf back exactly"
printf 'nameserver 192.0.2.1\n' > /etc/netns/red/resolv.conf
chmod 0600 /etc/netns/red/resolv.conf
chown 60001:60002 /etc/netns/red/resolv.conf
before=$(stat -c '%a %u %g' /etc/netns/red/resolv.conf)
run_capture out "$PYTHON" "$NNS_SRCDIR/tests/lib/call.py" Apply \
    "([('SetDns', {'namespace': <'red'>, 'nameservers': <['192.0.2.53']>, 'search': <@as []>}),
       ('AddAddress', {'namespace': <'red'>, 'link': <'nosuchlink'>, 'address': <'10.0.0.1/24'>, 'options': <@a{sv} {}>})],
      @a{sv} {})"
assert_contains "$out" "ERROR org.example.NetNs.Error.NotFound" "the Apply's error"
assert_eq "$(cat /etc/netns/red/resolv.conf)" "nameserver 192.0.2.1" "the contents"
assert_eq "$(stat -c '%a %u %g' /etc/netns/red/resolv.conf)" "$before" "mode and owner"

step "netnsd's own file goes with the namespace; a file it did not write stays"
ns_call DeleteNamespace 'sa{sv}' red 0
assert_eq "$(cat /etc/netns/red/resolv.conf)" "nameserver 192.0.2.1" "root's own resolv.conf"
rm -r /etc/netns/red
ns_call CreateNamespace 'sa{sv}' red 0 >/dev/null
ns_gdbus SetDns red "['192.0.2.53']" '@as []' >/dev/null
assert_contains "$(cat /etc/netns/red/resolv.conf)" "nameserver 192.0.2.53" "netnsd's resolv.conf"
assert_eq "$(stat -c '%a %u' /etc/netns/red/resolv.conf)" "644 0" "its mode and owner"
ns_call DeleteNamespace 'sa{sv}' red 0
[[ ! -e /etc/netns/red ]] || fail "/etc/netns/red stayed"
echo "PASS"
