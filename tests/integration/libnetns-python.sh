#!/bin/bash
# libnetns from Python through GObject introspection
# (tests/libnetns/test_libnetns.py): the essentials of the C tests, with
# netnsd's errors as NetNs.Error, as root and as a user polkit does not
# allow.
source "$NNS_SRCDIR/tests/lib/testlib.sh"
source "$NNS_SRCDIR/tests/lib/libnetns.sh"

tests="$NNS_SRCDIR/tests/libnetns/test_libnetns.py"

ip netns add outside

step "as root"
"$PYTHON" "$tests" RootTests LinkTests

step "as nobody, without a rule"
python_as nobody "$tests" NobodyTests
assert_eq "$(ls -A /run/netns)" "outside" "/run/netns at the end"
