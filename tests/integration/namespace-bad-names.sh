#!/bin/bash
# Every bad name gets InvalidArgument with a message naming the problem,
# and changes nothing.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

# check_bad_name GVARIANT_NAME EXPECTED_MESSAGE_FRAGMENT
check_bad_name() {
    local out
    run_capture out "$PYTHON" "$NNS_SRCDIR/tests/lib/call.py" CreateNamespace "($1, @a{sv} {})"
    [[ $status == 1 ]] || fail "CreateNamespace $1 did not fail: $out"
    assert_contains "$out" "ERROR $ERR.InvalidArgument:" "CreateNamespace $1"
    assert_contains "$out" "$2" "message for $1"
    echo "  ${out:0:120}"
}

step "names netnsd never creates"
check_bad_name "''" "namespace name is empty"
check_bad_name "'.'" "namespace name '.' is not allowed"
check_bad_name "'..'" "namespace name '..' is not allowed"
check_bad_name "'a/b'" "namespace name 'a/b' contains '/'"
check_bad_name "'../../etc'" "contains '/'"
check_bad_name "'$(printf 'n%.0s' {1..65})'" "is 65 bytes long; the limit is 64"
check_bad_name "'a\nb'" "namespace name 'a\\nb' contains a newline"
check_bad_name "'-x'" "namespace name '-x' starts with '-'"
check_bad_name "' x'" "contains a space"
check_bad_name "'x y'" "contains a space"
check_bad_name "'a;rm -rf'" "contains ';'"

step "a 1 MiB name"
huge="$NNS_RUN/huge-name"
{ printf "('"; head -c 1048576 /dev/zero | tr '\0' 'x'; printf "', @a{sv} {})"; } > "$huge"
run_capture out "$PYTHON" "$NNS_SRCDIR/tests/lib/call.py" CreateNamespace "@$huge"
assert_contains "$out" "ERROR $ERR.InvalidArgument: namespace name 'xxxx" "1 MiB name"
assert_contains "$out" "is 1048576 bytes long; the limit is 64" "1 MiB name"
(( ${#out} < 300 )) || fail "the error message repeats the whole name (${#out} bytes)"

step "the same names for DeleteNamespace: InvalidArgument, or NotFound"
run_capture out "$PYTHON" "$NNS_SRCDIR/tests/lib/call.py" DeleteNamespace "('a/b', @a{sv} {})"
assert_contains "$out" "ERROR $ERR.InvalidArgument: namespace name 'a/b' contains '/'" "DeleteNamespace a/b"
run_capture out "$PYTHON" "$NNS_SRCDIR/tests/lib/call.py" DeleteNamespace "('..', @a{sv} {})"
assert_contains "$out" "ERROR $ERR.InvalidArgument" "DeleteNamespace .."
run_capture out "$PYTHON" "$NNS_SRCDIR/tests/lib/call.py" DeleteNamespace "@$huge"
assert_contains "$out" "ERROR $ERR.InvalidArgument" "DeleteNamespace of a 1 MiB name"
# iproute2 accepts such names, so they may exist: then they are not found.
run_capture out "$PYTHON" "$NNS_SRCDIR/tests/lib/call.py" DeleteNamespace "('-x', @a{sv} {})"
assert_contains "$out" "ERROR $ERR.NotFound: namespace '-x' not found" "DeleteNamespace -x"

step "nothing was created"
assert_no_namespaces "the bad names"
echo "PASS"
