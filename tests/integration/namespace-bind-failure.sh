#!/bin/bash
# A namespace whose mount on /run/netns/NAME fails after its setup ran
# leaves nothing: no entry, no record, and no socket in netnsd keeping the
# unnamed namespace alive.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

sockets() { ls -l "/proc/$(cat "$NNS_RUN/netnsd.pid")/fd" | grep -c 'socket:'; }

NETNSD_FAIL_AT=namespace-bind restart_netnsd
ns_call ListNamespaces >/dev/null
before=$(sockets)
for i in 1 2 3; do
    run_capture out ns_gdbus CreateNamespace "fails$i" '{}'
    assert_contains "$out" "$ERR.Failed: failing at namespace-bind for a test" "the error"
done
assert_eq "$(sockets)" "$before" "netnsd's sockets after three failed creations"
assert_no_namespaces "three failed creations"
echo "PASS"
