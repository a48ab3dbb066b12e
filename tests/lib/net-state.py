#!/usr/bin/python3
# tests/lib/net-state.py: what a user compares to see that nothing changed
# in the host ("") and the namespaces named: links (name, MTU, MAC, admin
# state), addresses and routes, as `ip -j` reports them.
#
#   net-state.py [NAMESPACE...]
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import json
import subprocess
import sys


def ip(namespace, *args):
    command = ["ip"] + (["-n", namespace] if namespace else []) + ["-j", *args]
    return json.loads(subprocess.run(command, check=True, capture_output=True,
                                     text=True).stdout or "[]")


def describe(namespace):
    yield f"== {namespace or 'host'}"
    for link in ip(namespace, "link", "show"):
        up = "UP" in link["flags"]
        yield f"link {link['ifname']} mtu={link['mtu']} mac={link.get('address')} up={up}"
    for link in ip(namespace, "addr", "show"):
        for addr in link["addr_info"]:
            yield f"addr {link['ifname']} {addr['local']}/{addr['prefixlen']}"
    for route in ip(namespace, "route", "show", "table", "all"):
        if route.get("type") in ("local", "broadcast", "multicast"):
            continue
        fields = [route.get(k) for k in ("dst", "gateway", "dev", "table", "metric", "protocol")]
        yield "route " + " ".join(str(f) for f in fields)


for namespace in [""] + sys.argv[1:]:
    for line in describe(namespace):
        print(line)
