#!/bin/bash
# libnetns's lazy clients and what programs that only call methods need
# (tests/libnetns/test-libnetns-lazy.c): no GetManagedObjects until the
# objects are asked for, then one, shared; netnsd's name followed without
# them, through a restart; each method's operation; Apply with a file
# descriptor, attaching a namespace that only a process holds.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

"$NNS_LIBNETNS_TESTS/test-libnetns-lazy"
assert_eq "$(ls -A /run/netns)" "" "/run/netns at the end"
