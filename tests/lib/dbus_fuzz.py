#!/usr/bin/python3
# tests/lib/dbus_fuzz.py: calls every method of netnsd with random and
# boundary arguments: wrong types and signatures, empty and huge strings,
# control characters, odd numbers, fd indexes of -1 and beyond the end, and
# 0 to 3 fds attached. Every call must be answered (success or a D-Bus
# error), and netnsd must stay up.
#
#   dbus_fuzz.py CALLS SEED
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import os
import random
import sys

import gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib

METHODS = {
    "CreateNamespace": "sa{sv}", "DeleteNamespace": "sa{sv}", "ListNamespaces": "",
    "CreateVeth": "ssssa{sv}", "MoveLink": "sssa{sv}", "DeleteLink": "ss",
    "SetLink": "ssa{sv}", "ListLinks": "s", "AddAddress": "sssa{sv}",
    "RemoveAddress": "sss", "ListAddresses": "ss", "AddRoute": "ssa{sv}",
    "RemoveRoute": "ssa{sv}", "ListRoutes": "s", "SetSysctl": "sss",
    "SetDns": "sasas", "Spawn": "sasa{sv}hhh", "Kill": "ui", "Apply": "a(sa{sv})a{sv}",
    "CreateLink": "sssa{sv}", "AddMasquerade": "ssa{sv}", "RemoveMasquerade": "ssa{sv}",
    "ListMasquerades": "s", "AddPortForward": "ssqsa{sv}", "RemovePortForward": "ssqa{sv}",
    "ListPortForwards": "s", "AttachNamespace": "sha{sv}", "LeaseAddress": "ssa{sv}",
    "ReleaseLeases": "sasa{sv}", "ListLeases": "s",
}
# Apply's operations name their arguments.
ARGUMENT_NAMES = ["namespace", "name", "peer_namespace", "peer_name", "target_namespace",
                  "options", "changes", "link", "address", "destination", "key", "value",
                  "nameservers", "search", "argv", "kind", "source", "protocol", "port",
                  "target", "netns", "pool", "holder", "holders", "bogus", ""]
KEYS = ["loopback-up", "mtu", "up", "address", "peer-address", "new-name", "name", "peer",
        "broadcast", "via", "dev", "metric", "table", "src", "env", "cwd", "kill-on-disconnect",
        "master", "stp", "parent", "mode", "id", "remote", "local", "group", "port", "protocol",
        "out-link", "from-local", "ranges", "subnet", "range-start", "range-end", "gateway",
        "keep-only", "", "bogus", "\n"]
STRINGS = ["", ".", "..", "/", "a/b", "lo", "fz0", "fz1", "fzv0", "fzv1", "nosuch", "-x",
           " x", "a\nb", "x%d", "%s%n%p", "a:b", "x" * 15, "x" * 16, "x" * 64, "x" * 65,
           "10.9.0.1/24", "10.9.0.0/24", "10.9.0.1", "fd00::1/64", "::1/128", "default",
           "0.0.0.0/0", "10.0.0.1/33", "fd00::/129", "02:00:00:00:00:01", "01:00:00:00:00:00",
           "00:00:00:00:00:00", "net.ipv4.ip_forward", "net.ipv4.conf.../x.forwarding",
           "kernel.hostname", "1", "0", "-1", "65536", "0 1", "example.org", "caf\u00e9", "\u2603",
           "true", "sleep", "/bin/echo", "/nonexistent", "A=b", "=x", "/", "/tmp", "relative",
           "bridge", "macvlan", "vxlan", "veth", "dummy", "bridge", "private", "802.1Q", "tcp",
           "udp", "sctp", "10.9.0.2:80", "[fd00::2]:80", "10.9.0.2:70000", "127.0.0.1:80",
           "239.1.1.1", "a\"b", "eth*"]


class Fuzzer:
    def __init__(self, seed):
        self.random = random.Random(seed)

    def string(self):
        roll = self.random.random()
        if roll < 0.75:
            return self.random.choice(STRINGS)
        if roll < 0.95:
            n = self.random.randint(0, 40)
            return "".join(chr(self.random.choice([self.random.randint(1, 127),
                                                   self.random.randint(128, 0x2fff)]))
                           for _ in range(n))
        return "y" * self.random.choice([255, 256, 4096, 1024 * 1024])

    def number(self, signed):
        choices = [0, 1, 2, 9, 15, 68, 1400, 65535, 65536, 70000, 2**31 - 1]
        choices += [-1, -2**31] if signed else [2**32 - 1]
        return self.random.choice(choices)

    def strv(self):
        if self.random.random() < 0.05:
            return ["z" * 10] * 1000
        return [self.string() for _ in range(self.random.randint(0, 4))]

    def any_value(self):
        kind = self.random.choice("bsuqitdvayr")
        if kind == "b":
            return GLib.Variant("b", self.random.random() < 0.5)
        if kind == "s":
            return GLib.Variant("s", self.string())
        if kind == "u":
            return GLib.Variant("u", self.number(False))
        if kind == "q":
            return GLib.Variant("q", self.random.choice([0, 1, 80, 4789, 8080, 65535]))
        if kind == "i":
            return GLib.Variant("i", self.number(True))
        if kind == "t":
            return GLib.Variant("t", 2**64 - 1)
        if kind == "d":
            return GLib.Variant("d", 1.5)
        if kind == "v":
            return GLib.Variant("v", GLib.Variant("s", "nested"))
        if kind == "a":
            return GLib.Variant("as", self.strv())
        if kind == "r":
            return GLib.Variant("aa{sv}", [self.range_entry() for _ in range(self.random.randint(0, 3))])
        return GLib.Variant("ay", bytes(self.random.randint(0, 255) for _ in range(8)))

    def range_entry(self):
        """One of LeaseAddress's ranges, of strings only (no nesting deeper)."""
        keys = ["subnet", "range-start", "range-end", "gateway", "bogus"]
        return {self.random.choice(keys): GLib.Variant("s", self.string())
                for _ in range(self.random.randint(0, 4))}

    def options(self):
        return {self.random.choice(KEYS): self.any_value()
                for _ in range(self.random.randint(0, 4))}

    def operation(self):
        method = self.random.choice(sorted(METHODS) + ["Nope", ""])
        arguments = {}
        for _ in range(self.random.randint(0, 6)):
            roll = self.random.random()
            if roll < 0.5:
                value = GLib.Variant("s", self.string())
            elif roll < 0.7:
                value = GLib.Variant("a{sv}", self.options())
            elif roll < 0.8:
                value = GLib.Variant("as", self.strv())
            else:
                value = self.any_value()
            arguments[self.random.choice(ARGUMENT_NAMES)] = value
        return (method, arguments)

    def argument(self, code):
        if code == "a(sa{sv})":
            return [self.operation() for _ in range(self.random.randint(0, 5))]
        if code == "s":
            return self.string()
        if code == "as":
            return self.strv()
        if code == "a{sv}":
            return self.options()
        if code == "u":
            return self.number(False)
        if code == "q":
            return self.random.choice([0, 1, 80, 1024, 8080, 65535])
        if code == "i":
            return self.number(True)
        if code == "h":
            return self.random.choice([-1, 0, 1, 2, 3, 4, 100, 2**31 - 1])
        if code == "b":
            return self.random.random() < 0.5
        raise ValueError(code)

    def signature_parts(self, signature):
        parts, i = [], 0
        while i < len(signature):
            if signature.startswith("a(sa{sv})", i):
                parts.append("a(sa{sv})")
                i += 9
            elif signature.startswith("a{sv}", i):
                parts.append("a{sv}")
                i += 5
            elif signature.startswith("as", i):
                parts.append("as")
                i += 2
            else:
                parts.append(signature[i])
                i += 1
        return parts

    def call_parameters(self, method):
        signature = METHODS[method]
        if self.random.random() < 0.1:
            # A wrong signature: the bus delivers it; netnsd must refuse it.
            signature = "".join(self.random.choice(["s", "u", "i", "as", "a{sv}", "b"])
                                for _ in range(self.random.randint(0, 5)))
        parts = self.signature_parts(signature)
        return GLib.Variant("(" + signature + ")", tuple(self.argument(p) for p in parts))


def main():
    calls, seed = int(sys.argv[1]), int(sys.argv[2])
    fuzzer = Fuzzer(seed)
    bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
    devnull = os.open("/dev/null", os.O_RDWR)
    errors = 0
    for n in range(calls):
        method = fuzzer.random.choice(sorted(METHODS))
        params = fuzzer.call_parameters(method)
        fds = Gio.UnixFDList.new()
        for _ in range(fuzzer.random.randint(0, 3)):
            fds.append(devnull)
        try:
            bus.call_with_unix_fd_list_sync("org.example.NetNs", "/org/example/NetNs",
                                            "org.example.NetNs", method, params, None,
                                            Gio.DBusCallFlags.NONE, 30000, fds, None)
        except GLib.Error as e:
            name = Gio.DBusError.get_remote_error(e) or ""
            if not (name.startswith("org.example.NetNs.Error.") or
                    name.startswith("org.freedesktop.DBus.Error.")):
                print(f"call {n}: {method} {params.print_(True)[:200]}: unexpected error {e.message}")
                return 1
            errors += 1
        if n % 100 == 99:
            # netnsd still answers.
            bus.call_sync("org.example.NetNs", "/org/example/NetNs", "org.example.NetNs",
                          "ListNamespaces", None, None, Gio.DBusCallFlags.NONE, 30000, None)
    print(f"  {calls} calls (seed {seed}), {errors} refused with an error, all answered")
    return 0


sys.exit(main())
