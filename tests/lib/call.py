#!/usr/bin/python3
# tests/lib/call.py: calls netnsd with arguments no command line can carry
# (a 1 MiB string, control characters, file descriptors), through GLib's
# own D-Bus client.
#
#   call.py [--interactive] [--fds] [--fd=PATH...] [--timeout=SECONDS] METHOD GVARIANT_TEXT|@FILE
#
# --interactive sets the allow-interactive-authorization flag; --fds
# attaches this process's fds 0, 1 and 2 (handles 0, 1, 2); each
# --fd=PATH attaches PATH, opened for reading by this process, as the
# next handle (--fd=PATH:path opens it O_PATH); --timeout
# waits that long for the reply instead of D-Bus's default 25 seconds. Prints the
# reply as GVariant text, or "ERROR <dbus error name>: <message>" and exits
# 1. "@FILE" reads the argument tuple's text from FILE.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import os
import sys

import gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib


def main():
    args = sys.argv[1:]
    flags = Gio.DBusCallFlags.NONE
    fds = None
    timeout = -1
    while args and args[0].startswith("--"):
        option = args.pop(0)
        if option.startswith("--timeout="):
            timeout = int(option.split("=", 1)[1]) * 1000
        elif option == "--interactive":
            flags |= Gio.DBusCallFlags.ALLOW_INTERACTIVE_AUTHORIZATION
        elif option == "--fds":
            fds = fds or Gio.UnixFDList.new()
            for fd in (0, 1, 2):
                fds.append(fd)
        elif option.startswith("--fd="):
            fds = fds or Gio.UnixFDList.new()
            path = option.split("=", 1)[1]
            flags_ = os.O_RDONLY
            if path.endswith(":path"):
                path, flags_ = path[:-len(":path")], os.O_PATH
            fd = os.open(path, flags_ | os.O_CLOEXEC)
            fds.append(fd)
            os.close(fd)
    method, text = args
    if text.startswith("@"):
        with open(text[1:]) as f:
            text = f.read()
    params = GLib.Variant.parse(None, text, None, None)
    bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
    try:
        reply, _ = bus.call_with_unix_fd_list_sync(
            "org.example.NetNs", "/org/example/NetNs", "org.example.NetNs", method,
            params, None, flags, timeout, fds, None)
    except GLib.Error as e:
        name = Gio.DBusError.get_remote_error(e)
        message = e.message.removeprefix(f"GDBus.Error:{name}: ")
        print(f"ERROR {name}: {message}")
        return 1
    print(reply.print_(True))
    return 0


sys.exit(main())
