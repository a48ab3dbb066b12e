#!/usr/bin/python3
# tests/lib/call.py: calls netnsd with arguments no command line can carry
# (a 1 MiB string, control characters), through GLib's own D-Bus client.
#
#   call.py METHOD GVARIANT_TEXT|@FILE
#
# Prints the reply as GVariant text, or "ERROR <dbus error name>: <message>"
# and exits 1. "@FILE" reads the argument tuple's text from FILE.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import sys

import gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib


def main():
    method, text = sys.argv[1], sys.argv[2]
    if text.startswith("@"):
        with open(text[1:]) as f:
            text = f.read()
    params = GLib.Variant.parse(None, text, None, None)
    bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
    try:
        reply = bus.call_sync("org.example.NetNs", "/org/example/NetNs",
                              "org.example.NetNs", method, params, None,
                              Gio.DBusCallFlags.NONE, -1, None)
    except GLib.Error as e:
        name = Gio.DBusError.get_remote_error(e)
        message = e.message.removeprefix(f"GDBus.Error:{name}: ")
        print(f"ERROR {name}: {message}")
        return 1
    print(reply.print_(True))
    return 0


sys.exit(main())
