#!/bin/bash
# netnsctl's exit status means what README.md's table says: each error is
# made to happen, its name read from --json, and the status netnsctl exits
# with must be the one the table gives that name. The table names every
# error netnsd has.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

# The table: "NAME STATUS" lines, one per error name README.md lists.
readme_table=$("$PYTHON" - "$NNS_SRCDIR/README.md" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
rows = re.findall(r'^\| (\d) \| [^|]+ \|(.*)\|$', text, re.M)
for status, errors in rows:
    for name in re.findall(r'`((?:org|netnsctl)\.[A-Za-z.*]+)`', errors):
        print(name, status)
EOF
)
echo "$readme_table"
[[ -n $readme_table ]] || fail "README.md has no table of exit statuses and error names"

# readme_status NAME: the status README.md gives the error NAME.
readme_status() {
    local name status
    while read -r name status; do
        # shellcheck disable=SC2053
        if [[ $1 == $name ]]; then echo "$status"; return; fi
    done <<<"$readme_table"
    fail "README.md's table does not name $1"
}

# expect_error_status NAME CMD...: CMD fails with the error NAME (as --json
# names it on stderr) and exits as README.md says; without --json too.
expect_error_status() {
    local name=$1; shift
    local err="$NNS_RUN/stderr" out json_status text_status got
    json_status=0
    out=$("$@" --json 2>"$err") || json_status=$?
    got=$(json_get 'd["error"]' <"$err") || fail "'$* --json' printed no JSON error: $(cat "$err")"
    assert_eq "$got" "$name" "the error of '$*'"
    assert_eq "$out" "" "stdout of the failing '$*'"
    run_capture out "$@"
    text_status=$status
    assert_eq "$json_status" "$(readme_status "$name")" "the status of '$* --json' ($name)"
    assert_eq "$text_status" "$json_status" "the status of '$*' without --json"
    echo "  $name: exit $json_status"
}

step "every error of netnsd's is in the table"
for name in $(grep -o '"org\.[A-Za-z.]*"' "$NNS_SRCDIR/common/nns-error.c" | tr -d '"'); do
    status=$(readme_status "$name")
    echo "  $name: $status"
done

step "each error, made to happen"
"$NETNSCTL" add red
"$NETNSCTL" link add v0 type veth peer v1 netns red
printf 'add blue\ndelete red\n' > "$NNS_RUN/deletes.batch"
expect_error_status netnsctl.Error.Failed "$NETNSCTL" -batch "$NNS_RUN/no-such.batch"
expect_error_status netnsctl.Error.Usage "$NETNSCTL" link frobnicate
expect_error_status org.example.NetNs.Error.NotAuthorized as_user nobody "$NETNSCTL" add mine
expect_error_status org.freedesktop.DBus.Error.InteractiveAuthorizationRequired \
    as_user nobody "$NETNSCTL" --no-ask-password add mine
expect_error_status org.example.NetNs.Error.NotFound "$NETNSCTL" link show nosuchdev
expect_error_status org.example.NetNs.Error.NotFound "$NETNSCTL" addr show -n red nosuchdev
expect_error_status org.example.NetNs.Error.NotFound "$NETNSCTL" delete nothere
expect_error_status org.example.NetNs.Error.Exists "$NETNSCTL" add red
expect_error_status org.example.NetNs.Error.InvalidArgument "$NETNSCTL" add 'a/b'
expect_error_status org.example.NetNs.Error.NotSupported "$NETNSCTL" -batch "$NNS_RUN/deletes.batch"
assert_eq "$(netns_names)" "red " "namespaces after the errors"

step "link show DEV of a link that is there"
assert_eq "$("$NETNSCTL" link show -n red v1 | awk 'NR == 2 {print $1}')" "v1" "link show -n red v1"
assert_eq "$("$NETNSCTL" addr show -n red v1 | awk '{print $1, $2}')" "v1 " "addr show of a link without addresses"

step "busy: a per-user limit of netnsd's"
restart_netnsd --max-namespaces-per-user 1
allow_rule nobody 'subject.user == "nobody" && action.id == "org.example.netns.manage"'
wait_until 5 as_user nobody "$NETNSCTL" add mine
expect_error_status org.example.NetNs.Error.Busy as_user nobody "$NETNSCTL" add mine2

step "netnsd not running"
stop_netnsd
expect_error_status org.freedesktop.DBus.Error.ServiceUnknown "$NETNSCTL" list
start_netnsd
echo "PASS"
