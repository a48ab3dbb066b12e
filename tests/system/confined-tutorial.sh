#!/bin/bash
# tests/system/confined-tutorial.sh: runs inside tests/lib/sandbox, whose
# netnsd tests/systemd-unit.sh started under the unit's confinement
# (NNS_NETNSD_WRAPPER): checks that netnsd has the unit's bounding set
# (NNS_UNIT_CAP_MASK) and no_new_privs, then runs the tutorial through it.
# The tutorial uses every capability in the set: namespaces and mounts,
# netlink and the link notifications of all namespaces, programs started
# as a user who is not root, and signals to those programs.
source "$NNS_SRCDIR/tests/lib/testlib.sh"
source "$NNS_SRCDIR/tests/system/unit-caps.sh"
: "${NNS_UNIT_CAP_MASK:?}"

pid=$(cat "$NNS_RUN/netnsd.pid")
assert_eq "$(status_field "/proc/$pid/status" CapBnd)" "$NNS_UNIT_CAP_MASK" "netnsd's CapBnd"
assert_eq "$(status_field "/proc/$pid/status" NoNewPrivs)" "1" "netnsd's NoNewPrivs"
exec bash "$NNS_SRCDIR/tests/integration/tutorial-demo.sh"
