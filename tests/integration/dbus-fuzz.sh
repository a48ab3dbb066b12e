#!/bin/bash
# Every method called with random and boundary arguments (wrong types,
# huge strings, fd indexes -1 and out of range, 0 to 3 fds attached), as
# root and as a user with no rule: every call is answered, netnsd stays up,
# and (the sandbox checks) the host is unchanged. In tools/check this runs
# against netnsd built with ASan and UBSan too, and under valgrind.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

calls=${NNS_FUZZ_CALLS:-1500}
seed=${NNS_FUZZ_SEED:-20261130}
ns_call CreateNamespace 'sa{sv}' fz0 0 >/dev/null
ns_gdbus CreateVeth fz0 fzv0 fz0 fzv1 '{}' >/dev/null

step "as root"
"$PYTHON" "$NNS_SRCDIR/tests/lib/dbus_fuzz.py" "$calls" "$seed"

step "as nobody, with no polkit rule"
as_user nobody "$PYTHON" "$NNS_SRCDIR/tests/lib/dbus_fuzz.py" "$calls" "$((seed + 1))"

step "netnsd is still whole"
kill -0 "$(cat "$NNS_RUN/netnsd.pid")" || fail "netnsd died"
"$NETNSCTL" add after_fuzz
"$NETNSCTL" link add -n after_fuzz a type veth peer b
assert_eq "$("$NETNSCTL" exec after_fuzz -- ls /sys/class/net | tr '\n' ' ')" "a b lo " "links"
echo "PASS"
