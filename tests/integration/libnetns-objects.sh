#!/bin/bash
# libnetns's objects (tests/libnetns/test-libnetns-objects.c): links that
# come and go and follow ip's changes with notify::, links moved between
# namespaces, the host, and everything back as new objects after netnsd
# restarts.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

"$NNS_LIBNETNS_TESTS/test-libnetns-objects"
