#!/usr/bin/python3
# netns-desktop.py: what a desktop program does with libnetns, in Python.
#
#   netns-desktop.py                  list the namespaces and their links
#   netns-desktop.py --watch          ... then print their changes as they come
#   netns-desktop.py --create NAME [--address CIDR]
#                                     make NAME with a veth to the host
#                                     (ve-NAME there, eth0 inside, both up)
#                                     and an address on eth0
#
# It never blocks: the client is made and every call is made
# asynchronously, as a program with a window must. Changes are authorized
# by polkit, which may ask for a password (the client is interactive);
# when polkit says no, the program says so and exits with status 3.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import argparse
import signal
import sys

import gi
gi.require_version('NetNs', '1.0')
from gi.repository import GLib, NetNs  # noqa: E402

EXIT_NOT_AUTHORIZED = 3


def describe_link(link):
    state = 'up' if link.props.up else 'down'
    addresses = ' '.join(link.props.addresses) or 'no address'
    kind = link.props.kind or 'device'
    return f'{link.props.name}: {kind}, {state}, mtu {link.props.mtu}, {addresses}'


def namespace_label(ns):
    return ns.props.name or '(host)'


class Desktop:
    def __init__(self, args):
        self.args = args
        self.loop = GLib.MainLoop()
        self.client = None
        self.status = 0

    def run(self):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, self.quit)
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, self.quit)
        NetNs.Client.new(None, self.on_client)
        self.loop.run()
        return self.status

    def quit(self, status=None):
        if status is not None:
            self.status = status
        self.loop.quit()
        return GLib.SOURCE_REMOVE

    def on_client(self, source, result):
        try:
            self.client = NetNs.Client.new_finish(result)
        except GLib.Error as e:
            print(f'cannot reach netnsd: {e.message}', file=sys.stderr)
            self.quit(1)
            return
        # Let polkit ask the user for a password where its rules say so.
        self.client.props.interactive = True
        self.list_everything()
        if self.args.watch:
            self.follow()
        if self.args.create:
            self.create(self.args.create, self.args.address)
        elif not self.args.watch:
            self.quit()

    # Listing

    def list_everything(self):
        host = self.client.get_host()
        for ns in ([host] if host else []) + self.client.get_namespaces():
            owner = ns.props.owner
            owner = 'another tool' if owner == NetNs.OWNER_UNKNOWN else f'uid {owner}'
            print(f'namespace {namespace_label(ns)} (made by {owner}, inode {ns.props.inode})')
            for link in ns.get_links():
                print(f'  {describe_link(link)}')
        sys.stdout.flush()

    # Following

    def follow(self):
        self.client.connect('namespace-added', lambda client, ns: self.on_namespace(ns, True))
        self.client.connect('namespace-removed', lambda client, ns: self.on_namespace(ns, False))
        self.client.connect('notify::host', self.on_host)
        self.on_host(self.client, None)
        for ns in self.client.get_namespaces():
            self.follow_namespace(ns)
        print('following changes (Ctrl-C ends)', flush=True)

    def on_host(self, client, pspec):
        host = client.get_host()
        if host is not None:
            self.follow_namespace(host)

    def on_namespace(self, ns, added):
        print(f'{"+" if added else "-"} namespace {namespace_label(ns)}', flush=True)
        if added:
            self.follow_namespace(ns)

    def follow_namespace(self, ns):
        ns.connect('link-added', lambda ns, link: self.on_link(ns, link, True))
        ns.connect('link-removed', lambda ns, link: self.on_link(ns, link, False))
        for link in ns.get_links():
            self.follow_link(ns, link)

    def on_link(self, ns, link, added):
        sign = '+' if added else '-'
        print(f'{sign} link {namespace_label(ns)}/{describe_link(link)}', flush=True)
        if added:
            self.follow_link(ns, link)

    def follow_link(self, ns, link):
        for prop in ('up', 'oper-state', 'mtu', 'addresses', 'master'):
            link.connect(f'notify::{prop}', self.on_link_changed, ns)

    def on_link_changed(self, link, pspec, ns):
        value = link.get_property(pspec.name)
        if isinstance(value, list):
            value = ' '.join(value) or 'none'
        print(f'~ link {namespace_label(ns)}/{link.props.name} {pspec.name} {value}', flush=True)

    # Creating

    def create(self, name, address):
        host_end = f've-{name}'[:15]
        operations = [
            NetNs.operation_new('CreateNamespace', GLib.Variant('(sa{sv})', (name, {}))),
            NetNs.operation_new('CreateVeth', GLib.Variant('(ssssa{sv})', (
                '', host_end, name, 'eth0', {'up': GLib.Variant('b', True)}))),
            NetNs.operation_new('AddAddress', GLib.Variant('(sssa{sv})', (
                name, 'eth0', address, {}))),
        ]
        batch = GLib.Variant.new_array(GLib.VariantType('(sa{sv})'), operations)
        # One Apply: all of it, or nothing left behind.
        self.client.apply(batch, None, None, self.on_created, (name, host_end))

    def on_created(self, client, result, names):
        name, host_end = names
        try:
            client.apply_finish(result)
        except GLib.Error as e:
            if (e.matches(NetNs.error_quark(), NetNs.Error.NOT_AUTHORIZED) or
                    e.matches(NetNs.error_quark(), NetNs.Error.INTERACTIVE_AUTHORIZATION_REQUIRED)):
                print(f'You are not allowed to create the namespace {name}: {e.message}',
                      file=sys.stderr)
                self.quit(EXIT_NOT_AUTHORIZED)
            else:
                print(f'cannot create the namespace {name}: {e.message}', file=sys.stderr)
                self.quit(1)
            return
        print(f'created namespace {name} with eth0 ({self.args.address}), '
              f'joined to the host by {host_end}', flush=True)
        if not self.args.watch:
            self.quit()


def main():
    parser = argparse.ArgumentParser(description='Namespaces and links, as a desktop program '
                                                 'shows them, through libnetns.')
    parser.add_argument('--watch', action='store_true', help='print changes as they come')
    parser.add_argument('--create', metavar='NAME', help='make a namespace with a veth to the host')
    parser.add_argument('--address', metavar='CIDR', default='10.250.0.2/24',
                        help='the address of its eth0 (default: %(default)s)')
    return Desktop(parser.parse_args()).run()


if __name__ == '__main__':
    sys.exit(main())
