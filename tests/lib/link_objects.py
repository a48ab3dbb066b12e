#!/usr/bin/python3
# tests/lib/link_objects.py: netnsd's objects as a client sees them, through
# GLib's own D-Bus client.
#
#   link_objects.py objects
#       GetManagedObjects as JSON: {path: {interface: {property: value}}}.
#   link_objects.py path NAMESPACE LINK
#       the object path of LINK in NAMESPACE ("" is the host), by its Name.
#   link_objects.py compare NAMESPACE...
#       the link objects of each NAMESPACE ("" is the host) against what
#       `ip -d link` and `ip addr` show there (but tentative addresses);
#       prints each difference and exits 1 if there is one.
#   link_objects.py wait [--timeout=SECONDS] EXPECTATION... -- COMMAND...
#       subscribes to netnsd's signals, runs COMMAND, and waits until every
#       EXPECTATION is met, printing each one with the time it took from
#       just before COMMAND started; exits 1 if one is not met in time
#       (default 10 s), saying what was seen instead. EXPECTATION is
#         changed:PATH:PROPERTY=JSON   PropertiesChanged of PATH with that value
#         changed:PATH:PROPERTY~TEXT   ... whose value (a list or a string) holds TEXT
#         only:PATH:PROPERTY=JSON      PropertiesChanged of PATH with that value and
#                                      no other property
#         added:NAMESPACE_PATH:NAME    InterfacesAdded of a link NAME under
#                                      NAMESPACE_PATH/link/ (prints its path)
#         removed:PATH                 InterfacesRemoved of PATH
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import json
import subprocess
import sys
import time

import gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib

BUS_NAME = "org.example.NetNs"
ROOT = "/org/example/NetNs"
LINK = "org.example.NetNs.Link"
NAMESPACE = "org.example.NetNs.Namespace"
OBJECT_MANAGER = "org.freedesktop.DBus.ObjectManager"


def managed_objects(bus):
    reply = bus.call_sync(BUS_NAME, ROOT, OBJECT_MANAGER, "GetManagedObjects", None,
                          GLib.VariantType("(a{oa{sa{sv}}})"), Gio.DBusCallFlags.NONE,
                          60000, None)
    return reply.unpack()[0]


def link_path(bus, namespace, link):
    objects = managed_objects(bus)
    for path, interfaces in objects.items():
        ns = interfaces.get(NAMESPACE)
        if ns is None or ns["Name"] != namespace:
            continue
        for child, child_interfaces in objects.items():
            props = child_interfaces.get(LINK)
            if child.startswith(path + "/link/") and props and props["Name"] == link:
                return child
    return None


def ip_json(namespace, *args):
    command = ["ip", "-j"] + (["-n", namespace] if namespace else []) + list(args)
    return json.loads(subprocess.run(command, check=True, capture_output=True).stdout)


def ip_view(namespace):
    """What ip shows of each link, in the Link interface's words."""
    # Addresses still checked for duplicates are not the link's yet.
    addresses = {a["ifindex"]: sorted(f"{i['local']}/{i['prefixlen']}" for i in a["addr_info"]
                                      if not i.get("tentative") and not i.get("dadfailed"))
                 for a in ip_json(namespace, "addr", "show")}
    view = {}
    for link in ip_json(namespace, "-d", "link", "show"):
        kind = link.get("linkinfo", {}).get("info_kind", "")
        if not kind and "LOOPBACK" in link["flags"]:
            kind = "loopback"
        view[link["ifindex"]] = {
            "Name": link["ifname"], "Index": link["ifindex"], "Kind": kind,
            "Up": "UP" in link["flags"], "Carrier": "LOWER_UP" in link["flags"],
            "OperState": link["operstate"].lower(), "Mtu": link["mtu"],
            "Address": link.get("address", ""), "Master": link.get("master", ""),
            "Addresses": addresses.get(link["ifindex"], []),
        }
    return view


def compare(bus, namespaces):
    objects = managed_objects(bus)
    differences = []
    for namespace in namespaces:
        ns_path = next(p for p, i in objects.items()
                       if NAMESPACE in i and i[NAMESPACE]["Name"] == namespace)
        shown = {}
        for path, interfaces in objects.items():
            if path.startswith(ns_path + "/link/") and LINK in interfaces:
                props = dict(interfaces[LINK])
                props["Addresses"] = sorted(props["Addresses"])
                shown[props["Index"]] = (path, props)
        for index, expected in ip_view(namespace).items():
            if index not in shown:
                differences.append(f"{namespace or '(host)'}: no object for {expected['Name']}")
                continue
            path, props = shown.pop(index)
            if path != f"{ns_path}/link/{index}":
                differences.append(f"{path}: not at its index {index}")
            for key, value in expected.items():
                if props[key] != value:
                    differences.append(f"{path}: {key} is {props[key]!r}, ip shows {value!r}")
        for index, (path, props) in shown.items():
            differences.append(f"{path}: an object for {props['Name']}, which ip does not show")
    for difference in differences:
        print(difference)
    return 1 if differences else 0


class Expectation:
    def __init__(self, text):
        self.text = text
        self.kind, rest = text.split(":", 1)
        self.met_after = None
        self.found = None
        # An object path holds no ":"; a value may (an IPv6 address).
        if self.kind in ("changed", "only"):
            self.path, condition = rest.split(":", 1)
            if "~" in condition and ("=" not in condition or
                                     condition.index("~") < condition.index("=")):
                self.prop, self.contains = condition.split("~", 1)
                self.value = None
            else:
                self.prop, value = condition.split("=", 1)
                self.value, self.contains = json.loads(value), None
        elif self.kind == "added":
            self.path, self.name = rest.split(":", 1)
        elif self.kind == "removed":
            self.path = rest
        else:
            raise SystemExit(f"link_objects.py: unknown expectation {text}")

    def matches_value(self, value):
        if self.contains is not None:
            return self.contains in value
        return value == self.value

    def offer(self, kind, path, props):
        if self.met_after is not None:
            return False
        if kind == "changed" and self.kind == "only":
            return path == self.path and list(props) == [self.prop] and \
                self.matches_value(props[self.prop])
        if kind != self.kind:
            return False
        if kind == "changed":
            return path == self.path and self.prop in props and \
                self.matches_value(props[self.prop])
        if kind == "added":
            if path.startswith(self.path + "/link/") and props.get("Name") == self.name:
                self.found = path
                return True
            return False
        return path == self.path


def wait(bus, args):
    timeout = 10.0
    while args and args[0].startswith("--timeout="):
        timeout = float(args.pop(0).split("=", 1)[1])
    split = args.index("--")
    expectations = [Expectation(text) for text in args[:split]]
    command = args[split + 1:]
    seen = []
    loop = GLib.MainLoop()
    start = [0.0]

    def met(kind, path, props):
        seen.append(f"{kind} {path} {props}")
        for expectation in expectations:
            if expectation.offer(kind, path, props):
                expectation.met_after = (time.monotonic() - start[0]) * 1000
        if all(e.met_after is not None for e in expectations):
            loop.quit()

    def on_properties_changed(connection, sender, path, interface, signal, params):
        changed_interface, changed, _ = params.unpack()
        if changed_interface == LINK:
            met("changed", path, changed)

    def on_object_manager(connection, sender, path, interface, signal, params):
        if signal == "InterfacesAdded":
            object_path, interfaces = params.unpack()
            if LINK in interfaces:
                met("added", object_path, interfaces[LINK])
        else:
            object_path, interfaces = params.unpack()
            met("removed", object_path, {})

    bus.signal_subscribe(BUS_NAME, "org.freedesktop.DBus.Properties", "PropertiesChanged",
                         None, None, Gio.DBusSignalFlags.NONE, on_properties_changed)
    bus.signal_subscribe(BUS_NAME, OBJECT_MANAGER, None, ROOT, None,
                         Gio.DBusSignalFlags.NONE, on_object_manager)
    # A round trip after the subscriptions: the bus has their match rules.
    bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                  "GetId", None, None, Gio.DBusCallFlags.NONE, -1, None)

    start[0] = time.monotonic()
    process = subprocess.Popen(command)
    GLib.timeout_add(int(timeout * 1000), loop.quit)
    loop.run()
    status = process.wait()
    if status != 0:
        print(f"link_objects.py: {' '.join(command)} exited with {status}", file=sys.stderr)
        return 1
    missing = [e for e in expectations if e.met_after is None]
    for e in expectations:
        if e.met_after is not None:
            print(f"{e.text} after {e.met_after:.1f} ms" + (f" -> {e.found}" if e.found else ""))
    if missing:
        for e in missing:
            print(f"NOT SEEN within {timeout} s: {e.text}", file=sys.stderr)
        print("seen instead:\n  " + "\n  ".join(seen), file=sys.stderr)
        return 1
    return 0


def main():
    args = sys.argv[1:]
    bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
    if args[0] == "objects":
        print(json.dumps(managed_objects(bus), sort_keys=True))
        return 0
    if args[0] == "path":
        path = link_path(bus, args[1], args[2])
        if path is None:
            return 1
        print(path)
        return 0
    if args[0] == "wait":
        return wait(bus, args[1:])
    if args[0] == "compare":
        return compare(bus, args[1:])
    raise SystemExit(f"link_objects.py: unknown command {args[0]}")


sys.exit(main())
