#!/usr/bin/python3
# tests/lib/lease_flood.py: many LeaseAddress calls at once, from several
# bus connections, as CNI plugins started together would make them.
#
#   lease_flood.py POOL SUBNET CONNECTIONS CALLS_EACH PREFIX
#
# Sends every call before any answer is read (each connection's calls
# asynchronously, on one main loop), each for a holder of its own
# ("PREFIX-C-N/eth0"), with the allow-interactive-authorization flag unset;
# then prints one line per call: "HOLDER ADDRESS GATEWAY", or
# "HOLDER ERROR <dbus error name>: <message>".
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import sys

import gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib


def main():
    pool, subnet, prefix = sys.argv[1], sys.argv[2], sys.argv[5]
    n_connections, n_calls = int(sys.argv[3]), int(sys.argv[4])
    address = Gio.dbus_address_get_for_bus_sync(Gio.BusType.SYSTEM, None)
    flags = (Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT |
             Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION)
    connections = [Gio.DBusConnection.new_for_address_sync(address, flags, None, None)
                   for _ in range(n_connections)]
    loop = GLib.MainLoop()
    results = {}
    pending = [n_connections * n_calls]

    def done(connection, result, holder):
        try:
            reply = connection.call_finish(result)
            results[holder] = "%s %s" % reply.unpack()
        except GLib.Error as e:
            name = Gio.DBusError.get_remote_error(e)
            message = e.message.removeprefix(f"GDBus.Error:{name}: ")
            results[holder] = f"ERROR {name}: {message}"
        pending[0] -= 1
        if pending[0] == 0:
            loop.quit()

    ranges = GLib.Variant("aa{sv}", [{"subnet": GLib.Variant("s", subnet)}])
    for c, connection in enumerate(connections):
        for n in range(n_calls):
            holder = f"{prefix}-{c}-{n}/eth0"
            params = GLib.Variant("(ssa{sv})", (pool, holder, {"ranges": ranges}))
            connection.call("org.example.NetNs", "/org/example/NetNs", "org.example.NetNs",
                            "LeaseAddress", params, GLib.VariantType("(ss)"),
                            Gio.DBusCallFlags.NONE, 60000, None, done, holder)
    loop.run()
    for holder in sorted(results):
        print(holder, results[holder])
    return 0


sys.exit(main())
