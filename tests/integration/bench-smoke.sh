#!/bin/bash
# The benchmark's driver works end to end, at a tiny size (tools/bench runs
# it at full size). Nothing about speed is asserted here.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

run_capture out env NNS_BENCH_LIST=20 NNS_BENCH_LINK_PAIRS=20 NNS_BENCH_FOOTPRINTS="10 20" \
    bash "$NNS_SRCDIR/tests/bench/run.sh" 10
echo "$out"
assert_eq "$status" "0" "the benchmark's status"
assert_contains "$out" "| raw libnl (the limit) |" "the setup table"
assert_contains "$out" "| netnsd, per method, allowed user |" "the user's row"
assert_contains "$out" "| netnsd, Apply per setup |" "the Apply row"
assert_contains "$out" "| netnsd, Apply per round |" "the batched Apply row"
assert_contains "$out" "| ip -batch |" "the ip -batch row"
assert_contains "$out" "ListNamespaces with 20 namespaces" "the list timing"
assert_contains "$out" "ListLinks of 40 links" "the ListLinks timing"
assert_contains "$out" "| 20 |" "the footprint table"
assert_contains "$out" "GetManagedObjects, 61 links" "the GetManagedObjects timing (20 setups: 61 links)"
assert_contains "$out" "PropertiesChanged after a change by another process, a namespace link" \
    "the PropertiesChanged latency"
assert_contains "$out" "netnsd's start with 20 namespaces" "the start timing"
assert_contains "$out" "polkitd alone" "polkitd's own time"
assert_contains "$out" "| as netnsd asks, four at a time, per batch of 4 |" "polkitd's time as netnsd asks"
assert_contains "$out" "| DeleteNamespace of all 40 |" "the many-namespaces phase"
assert_contains "$out" "GetManagedObjects, 40 links (13 namespaces)" "GetManagedObjects on the way"
assert_eq "$(ls -A /run/netns)" "" "namespaces left"
echo "PASS"
