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
        own_share_growth(medians, small, large)
    polkit(out, sizes, medians)

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
    link_objects(out)
    many_namespaces(out)


NETNSD_MODES = ["root", "user", "batch", "batch-user", "batch-all"]
GROWTH_TARGET = 1.3


def own_share_growth(medians, small, large):
    """What netnsd adds to the kernel's work (a path's median less the raw
    one), at the larger N over the smaller: how netnsd's own share grows."""
    print(f"\nOwn share growth: netnsd's share of a setup (median less the raw median), "
          f"N = {large} over N = {small}\n")
    print(f"| path | share, N = {small} | share, N = {large} | growth | target |")
    print("|---|---|---|---|---|")
    labels = dict(MODES)
    for mode in NETNSD_MODES:
        keys = [(n, m) for n in (small, large) for m in (mode, "raw")]
        if not all(k in medians for k in keys):
            continue
        before = medians[(small, mode)] - medians[(small, "raw")]
        after = medians[(large, mode)] - medians[(large, "raw")]
        if before > 0:
            growth = after / before
            verdict = "met" if growth <= GROWTH_TARGET else "missed"
            growth = f"{growth:.2f}×"
        else:
            growth, verdict = "n/a (no share at the smaller N)", ""
        print(f"| {labels[mode]} | {ms(before)} ms | {ms(after)} ms | {growth} | "
              f"≤ {GROWTH_TARGET}× {verdict} |")


def polkit(out, sizes, medians):
    """polkitd alone, the floor it sets for a user who is not root, next to
    what the user's paths pay over root's."""
    serial = [r[0] for r in rows(f"{out}/polkit.serial")]
    parallel = rows(f"{out}/polkit.parallel")
    if not serial:
        return
    question = statistics.median(serial)
    print(f"\npolkitd alone (CheckAuthorization for the allowed user, no netnsd): "
          f"{len(serial)} questions\n")
    print("| measure | median | p95 |")
    print("|---|---|---|")
    print(f"| one question at a time, per question | {ms(question)} ms | "
          f"{ms(percentile(serial, 0.95))} ms |")
    if parallel:
        # Each line has its batch's time; every batch has four lines.
        batches = [r[1] for r in parallel]
        batch = statistics.median(batches)
        print(f"| four at a time, per batch of 4 | {ms(batch)} ms | "
              f"{ms(percentile(batches, 0.95))} ms |")
        print(f"| four at a time, per question (batch / 4) | {ms(batch / 4)} ms | |")
    print(f"| a setup's four questions, one at a time (4 × median) | {ms(4 * question)} ms | |")
    asked = [r[0] for r in rows(f"{out}/polkit.asked-serial")]
    asked_parallel = [r[1] for r in rows(f"{out}/polkit.asked-parallel")]
    if asked:
        print(f"| as netnsd asks (root, for the user's connection, with details), "
              f"one at a time, per question | {ms(statistics.median(asked))} ms | "
              f"{ms(percentile(asked, 0.95))} ms |")
    if asked_parallel:
        print(f"| as netnsd asks, four at a time, per batch of 4 | "
              f"{ms(statistics.median(asked_parallel))} ms | "
              f"{ms(percentile(asked_parallel, 0.95))} ms |")
    for n in sizes:
        for mode, root, label in (("user", "root", "per method"),
                                  ("batch-user", "batch", "Apply per setup")):
            if (n, mode) in medians and (n, root) in medians:
                extra = medians[(n, mode)] - medians[(n, root)]
                print(f"| N = {n}: {label}, the allowed user's extra over root, per setup | "
                      f"{ms(extra)} ms | |")


def rows(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [[int(x) for x in line.split()] for line in f if line.strip()]


def managed_objects(path, namespaces=False):
    if not os.path.exists(path):
        return
    times = [r[0] for r in rows(path)]
    links = rows(path)[0][1]
    # 3 link objects a setup and the host's lo (tests/bench/run.sh)
    what = f" ({(links - 1) // 3:,} namespaces)" if namespaces else ""
    print(f"GetManagedObjects, {links:,} links{what}: median {ms(statistics.median(times))} ms, "
          f"p95 {ms(percentile(times, 0.95))} ms")


def link_objects(out):
    if not os.path.exists(f"{out}/managed-objects"):
        return
    print()
    managed_objects(f"{out}/managed-objects")
    managed_objects(f"{out}/managed-objects.fewer", namespaces=True)
    for where in ("namespace", "host"):
        path = f"{out}/latency.{where}"
        if not os.path.exists(path):
            continue
        with open(path) as f:
            rows = [[int(x) for x in line.split()] for line in f if line.strip()]
        latency, kernel = [r[0] for r in rows], [r[1] for r in rows]
        print(f"PropertiesChanged after a change by another process, a {where} link: "
              f"median {ms(statistics.median(latency))} ms, p95 {ms(percentile(latency, 0.95))} ms "
              f"(the kernel's answer to the change itself: median {ms(statistics.median(kernel))} ms)")
    if os.path.exists(f"{out}/start"):
        count, owned, answered = open(f"{out}/start").read().split()
        print(f"netnsd's start with {int(count):,} namespaces: its name owned after "
              f"{ms(int(owned))} ms, its first answer {ms(int(answered))} ms later")


def many_namespaces(out):
    if not os.path.exists(f"{out}/many.make"):
        return
    count, had, made, per_call = (int(x) for x in open(f"{out}/many.make").read().split())
    print(f"\n{count:,} namespaces (each a setup: 3 link objects)\n")
    print("| measure | netnsd |")
    print("|---|---|")
    if count > had:
        print(f"| setups {had + 1:,} to {count:,}, one Apply per {per_call} | {made / 1e6:.2f} s, "
              f"{ms(made / (count - had))} ms a setup |")
    listing = samples(f"{out}/many.list")
    if listing:
        print(f"| ListNamespaces, answering with {count:,} | median {ms(statistics.median(listing))} ms, "
              f"p95 {ms(percentile(listing, 0.95))} ms |")
    if os.path.exists(f"{out}/many.footprint"):
        _, rss, fds = open(f"{out}/many.footprint").read().split()
        print(f"| RSS with {count:,} | {int(rss) / 1024:.1f} MiB, {fds} open fds |")
    if os.path.exists(f"{out}/many.start"):
        _, owned, answered, rss, fds = open(f"{out}/many.start").read().split()
        print(f"| netnsd started with {count:,}: its name owned | {int(owned) / 1e6:.2f} s |")
        print(f"| its first answer (ListNamespaces, {count:,}) | {ms(int(answered))} ms later |")
        print(f"| RSS after that start | {int(rss) / 1024:.1f} MiB, {fds} open fds |")
    deletes = samples(f"{out}/many.delete")
    if deletes:
        total = int(open(f"{out}/many.delete-total").read())
        print(f"| DeleteNamespace of all {count:,} | {total / 1e6:.2f} s: median "
              f"{ms(statistics.median(deletes))} ms, p95 {ms(percentile(deletes, 0.95))} ms |")


main()
