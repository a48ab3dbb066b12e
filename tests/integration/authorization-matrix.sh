#!/bin/bash
# Every mutating method, against each kind of target, for each kind of
# caller, gets exactly the answer docs/authorization.md documents, and a
# denied call changes nothing. The table there is generated from the same
# cases (tests/lib/authz_matrix.py).
source "$NNS_SRCDIR/tests/lib/testlib.sh"

step "the documented table is the one the cases give"
diff -u "$NNS_SRCDIR/docs/authorization.md" <("$PYTHON" "$NNS_SRCDIR/tests/lib/authz_matrix.py" --markdown) ||
    fail "docs/authorization.md is out of date: run tests/lib/authz_matrix.py --markdown > docs/authorization.md"

step "every case"
cp "$NNS_SRCDIR/tests/lib/authz-matrix.rules" "$NNS_RULES_DIR/50-nns-test-matrix.rules"
echo -n org.example.netns.manage > "$NNS_RUN/authz-grant"
chmod 0644 "$NNS_RUN/authz-grant"
# Until polkitd has read the rule.
wait_until 5 setpriv --reuid=nns-alice --regid=nns-alice --init-groups -- \
    sh -c 'pkcheck --action-id org.example.netns.manage --process $$'
NETNSCTL="$NETNSCTL" "$PYTHON" "$NNS_SRCDIR/tests/lib/authz_matrix.py" --run
echo "PASS"
