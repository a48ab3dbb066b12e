#!/usr/bin/python3
# tests/bench/summarize.py DIR N...: the benchmark's tables, from the
# samples tests/bench/run.sh wrote (one time in microseconds per line).
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import os
import statistics
import sys

MODES = [("raw", "raw libnl (the limit)"), ("root", "netnsd, per method, root"),
         ("user", "netnsd, per method, allowed user"), ("batch", "netnsd, Apply per setup"),
         ("batch-user", "netnsd, Apply per setup, allowed user"),
         ("batch-all", "netnsd, Apply per round"),
         ("ip", "ip, shell loop"), ("ip-batch", "ip -batch")]


def samples(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [int(line.split()[0]) for line in f if line.strip()]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def ms(us):
    return f"{us / 1000:.2f}"


def main():
    out, sizes = sys.argv[1], [int(n) for n in sys.argv[2:]]
    medians = {}
    for n in sizes:
        print(f"\nSetups, N = {n} (per setup: median and p95 in ms; ratios of medians)\n")
        print("| path | median | p95 | setups/s | × limit | vs ip loop | vs ip -batch |")
        print("|---|---|---|---|---|---|---|")
        data = {mode: samples(f"{out}/n{n}.{mode}") for mode, _ in MODES}
        for mode, label in MODES:
            if not data[mode]:
                continue
            median = statistics.median(data[mode])
            medians[(n, mode)] = median
            raw = statistics.median(data["raw"])
            ip = statistics.median(data["ip"])
            ip_batch = statistics.median(data["ip-batch"])
            print(f"| {label} | {ms(median)} | {ms(percentile(data[mode], 0.95))} | "
                  f"{1e6 / statistics.mean(data[mode]):.0f} | {median / raw:.2f} | "
                  f"{ip / median:.1f}× faster | {ip_batch / median:.1f}× faster |")
        teardown = samples(f"{out}/n{n}.teardown")
        if teardown:
            print(f"\nDeleteNamespace, N = {n}: median {ms(statistics.median(teardown))} ms, "
                  f"p95 {ms(percentile(teardown, 0.95))} ms")
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        print(f"\nGrowth of the median per setup from N = {small} to N = {large}\n")
        print("| path | growth |")
        print("|---|---|")
        for mode, label in MODES:
            if (small, mode) in medians and (large, mode) in medians:
                print(f"| {label} | {medians[(large, mode)] / medians[(small, mode)]:.2f}× |")

    list_count, link_count = open(f"{out}/sizes").read().split()
    netnsd_list, ip_list = samples(f"{out}/list.netnsd"), samples(f"{out}/list.ip")
    if netnsd_list:
        a, b = statistics.median(netnsd_list), statistics.median(ip_list)
        print(f"\nListNamespaces with {list_count} namespaces: {ms(a)} ms; ip netns list: {ms(b)} ms "
              f"({b / a:.1f}× faster)")
    links = {k: samples(f"{out}/links.{k}") for k in ("netnsd", "raw", "ip")}
    if links["netnsd"]:
        a, r, i = (statistics.median(links[k]) for k in ("netnsd", "raw", "ip"))
        print(f"ListLinks of {link_count} links: {ms(a)} ms; raw libnl dump: {ms(r)} ms "
              f"({a / r:.2f}× the limit); ip -br link: {ms(i)} ms ({i / a:.1f}× faster)")
    if os.path.exists(f"{out}/footprint"):
        print("\nnetnsd with many namespaces\n")
        print("| namespaces | RSS | open fds |")
        print("|---|---|---|")
        with open(f"{out}/footprint") as f:
            for line in f:
                count, rss, fds = line.split()
                print(f"| {count} | {int(rss) / 1024:.1f} MiB | {fds} |")


main()
