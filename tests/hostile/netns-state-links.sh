#!/bin/bash
# netnsd's state directories (/run/netnsd/namespaces, host-links, journal)
# as root or another tool may leave them: a component that is a symbolic
# link, one that others may write, records that are links or FIFOs.
# netnsd runs as root: it follows no link on the way to its records, keeps
# no state in a directory others may change, and reads only plain files.
# Before, it followed a linked state directory and wrote its records
# wherever the link pointed, and a FIFO among the records blocked its
# start in open() for good.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

STATE=/run/netnsd

# refuses_to_start TEXT: netnsd must exit at once with status 1 and TEXT.
refuses_to_start() {
    local out
    # shellcheck disable=SC2086
    run_capture out timeout 20 env G_DEBUG=fatal-criticals ${NNS_NETNSD_WRAPPER:-} \
        "$NNS_BUILDDIR/service/netnsd"
    [[ $status == 1 ]] || fail "netnsd exited with $status, expected 1: $out"
    assert_contains "$out" "$1" "netnsd's message"
    echo "  refused: ${out##*netnsd: }"
}

ns_call CreateNamespace 'sa{sv}' ours 0 >/dev/null
stop_netnsd

step "a state directory that is a link: netnsd does not start, and writes nothing there"
mkdir -m 0700 /run/elsewhere
mv $STATE/namespaces /run/elsewhere/namespaces
ln -s /run/elsewhere/namespaces $STATE/namespaces
refuses_to_start "cannot open $STATE/namespaces (a directory, not a link)"
rm $STATE/namespaces
mv /run/elsewhere/namespaces $STATE/namespaces

step "the state directory itself a link"
mv $STATE /run/elsewhere/netnsd
ln -s /run/elsewhere/netnsd $STATE
refuses_to_start "cannot open $STATE (a directory, not a link)"
rm $STATE
mv /run/elsewhere/netnsd $STATE

step "a state directory others may write"
chmod 0777 $STATE/journal
refuses_to_start "$STATE/journal is not a directory that only root may change"
chmod 0700 $STATE/journal
chown 65534 $STATE/host-links
refuses_to_start "$STATE/host-links is not a directory that only root may change"
chown 0 $STATE/host-links

step "records that are a FIFO or a link are never opened; the link's target stays"
mkfifo $STATE/namespaces/fifo $STATE/journal/fifo
# ours's own record, but naming nobody its owner.
sed 's/^Owner=0$/Owner=65534/' $STATE/namespaces/ours > /run/elsewhere/forged
grep -q '^Owner=65534$' /run/elsewhere/forged || fail "no Owner line in $(cat $STATE/namespaces/ours)"
cp /run/elsewhere/forged /run/elsewhere/forged.orig
ln -sf /run/elsewhere/forged $STATE/namespaces/ours
NNS_START_TIMEOUT=10 start_netnsd
assert_eq "$(find $STATE/namespaces $STATE/journal -mindepth 1)" "" "what netnsd left of them"
cmp /run/elsewhere/forged /run/elsewhere/forged.orig || fail "the link's target changed"
assert_eq "$(ns_property ours Owner)" "u 4294967295" "ours's Owner: the forged record was not read"

step "records are written as plain files, 0600, in place of a link"
ln -s /run/elsewhere/target $STATE/namespaces/second
ns_call CreateNamespace 'sa{sv}' second 0 >/dev/null
assert_eq "$(stat -c '%F %a %U' $STATE/namespaces/second)" "regular file 600 root" "second's record"
assert_eq "$(ls -A /run/elsewhere | sort | tr '\n' ' ')" "forged forged.orig " "/run/elsewhere"
assert_eq "$(ns_property second Owner)" "u 0" "second's Owner"
restart_netnsd
assert_eq "$(ns_property second Owner)" "u 0" "second's Owner after a restart"
assert_eq "$(ls -A $STATE/namespaces | tr '\n' ' ')" "second " "no temporary file left behind"
ns_call DeleteNamespace 'sa{sv}' second 0 >/dev/null
ns_call DeleteNamespace 'sa{sv}' ours 0 >/dev/null
rm -rf /run/elsewhere
echo "PASS"
