#!/usr/bin/python3
# tests/lib/cni_compare.py: compares two CNI ADD results for the same
# network configuration, field by field, where the specification leaves
# no choice, and prints what differs where it does.
#
#   cni_compare.py REFERENCE.json NETNSD.json REFERENCE_NETNS NETNSD_NETNS
#
# Must agree: cniVersion; the members present at every level; the number
# of interfaces, their names (the bridge, the container's CNI_IFNAME) and
# which has a sandbox (CNI_NETNS, each its own); ips (address, gateway,
# interface index); routes; dns. May differ, and printed: MAC addresses
# (random) and the name of the host end of the veth pair (random in the
# bridge plugin, from the attachment in netnsd's). Exits 1 on a mismatch.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import json
import re
import sys

MAC = re.compile(r"^[0-9a-f]{2}(:[0-9a-f]{2}){5}$")
VETH = re.compile(r"^veth[0-9a-f]{8}$")
problems = []


def agree(what, reference, netnsd):
    if reference == netnsd:
        print(f"  same     {what}: {json.dumps(reference)}")
    else:
        problems.append(what)
        print(f"  DIFFERS  {what}: reference {json.dumps(reference)}, netnsd {json.dumps(netnsd)}")


def allowed(what, reference, netnsd, pattern):
    for name, value in (("reference", reference), ("netnsd", netnsd)):
        if not pattern.match(value or ""):
            problems.append(what)
            print(f"  BAD      {what}: {name}'s {value!r} does not match {pattern.pattern}")
    print(f"  allowed  {what}: reference {reference}, netnsd {netnsd}")


def main():
    with open(sys.argv[1]) as f:
        reference = json.load(f)
    with open(sys.argv[2]) as f:
        netnsd = json.load(f)
    reference_netns, netnsd_netns = sys.argv[3], sys.argv[4]

    agree("top-level members", sorted(reference), sorted(netnsd))
    agree("cniVersion", reference.get("cniVersion"), netnsd.get("cniVersion"))

    ref_ifs, nns_ifs = reference.get("interfaces", []), netnsd.get("interfaces", [])
    agree("number of interfaces", len(ref_ifs), len(nns_ifs))
    for i, (r, n) in enumerate(zip(ref_ifs, nns_ifs)):
        agree(f"interfaces[{i}] members", sorted(r), sorted(n))
        sandbox_r = r.get("sandbox")
        sandbox_n = n.get("sandbox")
        agree(f"interfaces[{i}].sandbox is CNI_NETNS",
              None if sandbox_r is None else sandbox_r == reference_netns,
              None if sandbox_n is None else sandbox_n == netnsd_netns)
        if VETH.match(r.get("name", "")) and sandbox_r is None:
            allowed(f"interfaces[{i}].name (the host end)", r.get("name"), n.get("name"), VETH)
        else:
            agree(f"interfaces[{i}].name", r.get("name"), n.get("name"))
        allowed(f"interfaces[{i}].mac", r.get("mac"), n.get("mac"), MAC)

    agree("ips", reference.get("ips"), netnsd.get("ips"))
    agree("routes", reference.get("routes"), netnsd.get("routes"))
    agree("dns", reference.get("dns"), netnsd.get("dns"))

    if problems:
        print(f"{len(problems)} difference(s) where the specification leaves no choice: "
              + ", ".join(problems))
        sys.exit(1)


main()
