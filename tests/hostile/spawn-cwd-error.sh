#!/bin/bash
# Finding: a working directory that could not be used gave an error that
# named the program, not the directory. It names the directory now, and
# is what the caller itself would get.
source "$NNS_SRCDIR/tests/lib/testlib.sh"
source "$NNS_SRCDIR/tests/hostile/spawn-lib.sh"

allow_rule all 'subject.user == "nns-alice"'
wait_until 5 as_user nns-alice "$NETNSCTL" add mine
closed=$(mktemp -d /tmp/closed.XXXXXX)
trap 'rm -rf "$closed"' EXIT
mkdir "$closed/inner"
chmod 0700 "$closed"

call() {
    as_user nns-alice bash -c "$(declare -f spawn); PYTHON=$PYTHON; spawn \"\$1\"" bash \
        "('mine', ['true'], {'cwd': <'$1'>}, 0, 1, 2)"
}
step "a directory that is not there"
expect_error "$ERR.NotFound: cannot change to the working directory '/nonexistent/dir': No such file or directory" \
    call /nonexistent/dir
step "one the caller may not enter"
expect_error "$ERR.NotAuthorized: cannot change to the working directory '$closed/inner': Permission denied" \
    call "$closed/inner"
step "a file"
expect_error "cannot change to the working directory '/etc/passwd': Not a directory" call /etc/passwd
echo "PASS"
