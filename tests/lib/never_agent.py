#!/usr/bin/python3
# tests/lib/never_agent.py N: a hostile caller. Registers a polkit
# authentication agent for its own process that never answers, then sends
# N interactive CreateNamespace calls on its one bus connection, prints
# "sent N" and waits until it is killed. polkitd hands every challenge to
# that agent, so each call holds a polkit check for as long as netnsd lets
# it.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import os
import sys

import gi
gi.require_version("Polkit", "1.0")
gi.require_version("PolkitAgent", "1.0")
from gi.repository import Gio, GLib, GObject, Polkit, PolkitAgent  # noqa: E402


class NeverAgent(PolkitAgent.Listener):
    def do_initiate_authentication(self, action_id, message, icon_name, details,
                                   cookie, identities, cancellable, callback, user_data):
        # Never calls back: the person never types a password.
        self.pending = getattr(self, "pending", 0) + 1

    def do_initiate_authentication_finish(self, result):
        return True


def main():
    count = int(sys.argv[1])
    agent = NeverAgent()
    subject = Polkit.UnixProcess.new_for_owner(os.getpid(), 0, os.getuid())
    agent.register(PolkitAgent.RegisterFlags.NONE, subject,
                   "/org/example/NetNs/test/NeverAgent", None)
    bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
    for i in range(count):
        bus.call("org.example.NetNs", "/org/example/NetNs", "org.example.NetNs",
                 "CreateNamespace",
                 GLib.Variant("(sa{sv})", (f"hostile{os.getuid()}_{i}", {})),
                 None, Gio.DBusCallFlags.ALLOW_INTERACTIVE_AUTHORIZATION, 600_000,
                 None, None, None)
    print(f"sent {count}", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
