#!/bin/bash
# A big Apply lets other callers in: while one of 1,024 operations runs,
# another client's calls are answered promptly (the target is 100 ms; the
# figures are printed), and the Apply still succeeds whole. Under valgrind
# or ASan, 128 operations show the same at a tenth of the cost.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

count=1024
netnsd_is_instrumented && count=128
"$PYTHON" - "$count" > "$NNS_RUN/apply.txt" <<'PY'
import sys
ops = ", ".join("('CreateNamespace', {'name': <'big%d'>, 'options': <@a{sv} {}>})" % i
                for i in range(int(sys.argv[1])))
print("([%s], @a{sv} {})" % ops)
PY

step "$count CreateNamespace in one Apply, and ListNamespaces meanwhile"
"$PYTHON" "$NNS_SRCDIR/tests/lib/call.py" --timeout=600 Apply "@$NNS_RUN/apply.txt" \
    > "$NNS_RUN/apply.out" &
apply=$!
worst=0 answered=0
while kill -0 "$apply" 2>/dev/null; do
    start=$(date +%s%N)
    ns_call ListNamespaces >/dev/null
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    (( ms > worst )) && worst=$ms
    answered=$((answered + 1))
done
wait "$apply"
echo "  $answered calls answered during the Apply; the slowest in $worst ms"
(( answered >= 3 )) || fail "only $answered calls were answered while the Apply ran"
if ! netnsd_is_instrumented; then
    (( worst < 1000 )) || fail "a call waited $worst ms for the Apply"
fi
assert_eq "$(ip netns list | grep -c '^big')" "$count" "namespaces the Apply made"
echo "PASS"
