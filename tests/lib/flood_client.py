#!/usr/bin/python3
# tests/lib/flood_client.py: a caller that sends netnsd a few very large
# messages, as anyone on the system bus may: each an a{sv} of many small
# entries (what costs a D-Bus library most to parse), about MIB mebibytes
# serialised, in a call the caller has no right to make.
#
#   flood_client.py COUNT MIB
#
# Prints, for each call, how long netnsd took to answer and the D-Bus
# error it answered with (a caller with no rights gets one); exits 1 if a
# call got no answer.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import sys
import time

import gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib

# Each entry: "k" + 7 digits, a variant holding a string of 90 bytes;
# about 110 bytes serialised with padding and signature.
ENTRY_BYTES = 110


def large_options(mib):
    value = GLib.Variant("s", "x" * 90)
    builder = GLib.VariantBuilder.new(GLib.VariantType.new("a{sv}"))
    for i in range(mib * 1024 * 1024 // ENTRY_BYTES):
        builder.add_value(GLib.Variant.new_dict_entry(GLib.Variant("s", "k%07d" % i),
                                                      GLib.Variant("v", value)))
    return builder.end()


def main():
    count, mib = int(sys.argv[1]), int(sys.argv[2])
    bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
    options = large_options(mib)
    parameters = GLib.Variant.new_tuple(GLib.Variant("s", "flood"), options)
    print("message body: %.1f MiB" % (parameters.get_size() / 1048576))
    for i in range(count):
        start = time.monotonic()
        try:
            bus.call_sync("org.example.NetNs", "/org/example/NetNs", "org.example.NetNs",
                          "CreateNamespace", parameters, None, Gio.DBusCallFlags.NONE,
                          120000, None)
            answer = "success"
        except GLib.Error as e:
            if Gio.DBusError.is_remote_error(e):
                answer = Gio.DBusError.get_remote_error(e)
            elif e.matches(Gio.io_error_quark(), Gio.IOErrorEnum.TIMED_OUT):
                print("call %d: no answer" % (i + 1))
                return 1
            else:
                answer = e.message
        print("call %d: %s after %.2f s" % (i + 1, answer, time.monotonic() - start))
    return 0


if __name__ == "__main__":
    sys.exit(main())
