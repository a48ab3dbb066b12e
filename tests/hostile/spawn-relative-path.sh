#!/bin/bash
# Finding: a relative PATH entry was searched in netnsd's own working
# directory, not in the call's `cwd`. Now the search is made from the
# call's working directory, as the program's own execvp() would.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

allow_rule all 'subject.user == "nns-alice"'
wait_until 5 as_user nns-alice "$NETNSCTL" add mine

work=$(mktemp -d /tmp/work.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
printf '#!/bin/sh\necho tool of the working directory\n' > "$work/bin/tool"
chmod 0755 "$work/bin/tool"
chown -R nns-alice: "$work"

step "PATH=bin, run from $work"
assert_eq "$(cd "$work" && as_user nns-alice "$NETNSCTL" exec --env PATH=bin mine -- tool)" \
    "tool of the working directory" "what ran"
step "an empty PATH entry is the working directory too"
assert_eq "$(cd "$work/bin" && as_user nns-alice "$NETNSCTL" exec --env PATH=/nonexistent: mine -- tool)" \
    "tool of the working directory" "what ran"
step "./tool"
assert_eq "$(cd "$work/bin" && as_user nns-alice "$NETNSCTL" exec mine -- ./tool)" \
    "tool of the working directory" "what ran"
step "from elsewhere, not found"
run_capture out bash -c "cd / && setpriv --reuid=nns-alice --regid=nns-alice --init-groups $NETNSCTL exec --env PATH=bin mine -- tool"
assert_eq "$status" "4" "netnsctl's status"
assert_contains "$out" "program 'tool' not found in PATH (bin)" "the error"
echo "PASS"
