#!/bin/bash
# Finding: netnsd searched PATH as root, so its errors told a user
# whether a file exists in a directory the user cannot read ("Permission
# denied" for a file there, "not found" for one that is not). Now the
# search runs as the caller: both get the error the caller gets itself.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

allow_rule all 'subject.user == "nns-alice"'
wait_until 5 as_user nns-alice "$NETNSCTL" add mine

secret=$(mktemp -d /tmp/secret.XXXXXX)
trap 'rm -rf "$secret"' EXIT
chmod 0700 "$secret"
printf '#!/bin/sh\necho secret\n' > "$secret/hidden-tool"
chmod 0755 "$secret/hidden-tool"

# error PROGRAM: the error of running PROGRAM with PATH=$secret, with the
# program's own name taken out.
error() {
    local out
    run_capture out as_user nns-alice "$NETNSCTL" exec --env "PATH=$secret" mine -- "$1"
    [[ $status != 0 ]] || fail "$1 ran from a directory the caller cannot read"
    echo "${out//$1/PROGRAM}"
}

step "a file that is there and one that is not, in a directory only root may read"
there=$(error hidden-tool)
absent=$(error no-such-tool)
echo "  there:  $there"
echo "  absent: $absent"
assert_eq "$there" "$absent" "the two errors"
assert_contains "$there" "Permission denied" "the error (what the caller itself would get)"

step "what the caller itself sees"
run_capture own as_user nns-alice env "PATH=$secret" sh -c 'command -v hidden-tool'
[[ $status != 0 ]] || fail "the caller itself found the file"
echo "PASS"
