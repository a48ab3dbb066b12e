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
assert_eq "$(ls -A /run/netns)" "" "namespaces left"
echo "PASS"
