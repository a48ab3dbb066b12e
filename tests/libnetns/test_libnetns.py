#!/usr/bin/python3
# libnetns through GObject introspection, against the sandbox's netnsd:
# clients made both ways, namespaces and their signals, a change method's
# trio, Apply, errors as NetNs.Error, and links' notify:: as ip changes
# them. tests/integration/libnetns-python.sh runs RootTests as root and
# NobodyTests as a user polkit does not allow.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import os
import subprocess
import sys
import unittest

import gi
gi.require_version('NetNs', '1.0')
from gi.repository import GLib, NetNs  # noqa: E402

# Far beyond anything the tests wait for; it only stops a hang.
GUARD_SECONDS = 60


def wait_until(holds, what):
    """Runs the main context until holds() is true."""
    context = GLib.MainContext.default()
    timed_out = []
    guard = GLib.timeout_add_seconds(GUARD_SECONDS, lambda: timed_out.append(True))
    while not holds():
        if timed_out:
            raise AssertionError('timed out waiting for ' + what)
        context.iteration(True)
    GLib.source_remove(guard)


def finish_of(start, what):
    """Calls start(callback) and returns the result its callback got."""
    results = []
    start(lambda source, result, *data: results.append(result))
    wait_until(lambda: results, what)
    return results[0]


def ip(*args):
    return subprocess.run(['ip'] + list(args), check=True, capture_output=True, text=True).stdout


def options(**values):
    """An a{sv} of booleans, strings and uint32s, as netnsd's options are."""
    def variant(value):
        if isinstance(value, bool):
            return GLib.Variant('b', value)
        if isinstance(value, int):
            return GLib.Variant('u', value)
        return GLib.Variant('s', value)
    return GLib.Variant('a{sv}', {key.replace('_', '-'): variant(v) for key, v in values.items()})


class ClientTest(unittest.TestCase):
    def setUp(self):
        self.client = NetNs.Client.new_sync(None)

    def assert_netns_error(self, error, code, dbus_name, fragment):
        self.assertTrue(error.matches(NetNs.error_quark(), code), error)
        self.assertEqual(error.domain, 'netns-error-quark')
        self.assertNotIn('GDBus.Error', error.message)
        self.assertIn(fragment, error.message)
        self.assertEqual(NetNs.error_get_dbus_name(error), dbus_name)


class RootTests(ClientTest):
    def test_client_async(self):
        result = finish_of(lambda done: NetNs.Client.new(None, done), 'the client')
        client = NetNs.Client.new_finish(result)
        self.assertIsNotNone(client.props.name_owner)
        self.assertFalse(client.props.interactive)
        listed = client.list_namespaces_sync(None).unpack()
        self.assertEqual([ns.props.name for ns in client.get_namespaces()],
                         [name for name, path in listed])
        self.assertIn('outside', [name for name, path in listed])

    def test_namespaces_and_signals(self):
        added, removed = [], []
        self.client.connect('namespace-added', lambda client, ns: added.append(ns))
        self.client.connect('namespace-removed', lambda client, ns: removed.append(ns))

        py = self.client.create_namespace_sync('py', None, None)
        self.assertEqual(py.props.name, 'py')
        self.assertEqual(py.props.owner, os.getuid())
        self.assertEqual(py.props.inode, os.stat('/run/netns/py').st_ino)
        self.assertEqual(py.props.object_path, '/org/example/NetNs/namespace/py')
        self.assertIn(py, added)
        self.assertEqual(self.client.get_namespace('py'), py)

        ip('netns', 'add', 'py-other')
        wait_until(lambda: any(ns.props.name == 'py-other' for ns in added), 'py-other added')
        self.assertEqual(self.client.get_namespace('py-other').props.owner, NetNs.OWNER_UNKNOWN)
        ip('netns', 'del', 'py-other')
        wait_until(lambda: any(ns.props.name == 'py-other' for ns in removed), 'py-other removed')

        result = finish_of(lambda done: self.client.delete_namespace('py', None, None, done),
                           'DeleteNamespace')
        self.assertTrue(self.client.delete_namespace_finish(result))
        wait_until(lambda: py in removed, 'py removed')
        self.assertIsNone(self.client.get_namespace('py'))
        self.assertFalse(os.path.exists('/run/netns/py'))

    def test_create_async(self):
        result = finish_of(lambda done: self.client.create_namespace(
            'py-async', options(loopback_up=False), None, done), 'CreateNamespace')
        ns = self.client.create_namespace_finish(result)
        self.assertEqual(ns.props.name, 'py-async')
        self.assertIn('DOWN', ip('-n', 'py-async', '-br', 'link', 'show', 'lo'))
        self.client.delete_namespace_sync('py-async', None, None)

    def test_change_trio(self):
        self.client.create_namespace_sync('py-red', None, None)
        result = finish_of(lambda done: self.client.create_veth(
            'py-red', 'p0', 'py-red', 'p1', options(up=True, mtu=1400), None, done), 'CreateVeth')
        self.assertTrue(self.client.create_veth_finish(result))
        self.assertIn('mtu 1400', ip('-n', 'py-red', 'link', 'show', 'p0'))
        self.assertTrue(self.client.add_address_sync('py-red', 'p0', '10.6.0.1/24', None, None))
        self.assertIn('10.6.0.1/24', self.client.list_addresses_sync('py-red', 'p0', None))
        self.assertIn('10.6.0.1/24', ip('-n', 'py-red', '-br', 'addr', 'show', 'p0'))
        links = self.client.list_links_sync('py-red', None).unpack()
        self.assertEqual(sorted(link['name'] for link in links), ['lo', 'p0', 'p1'])
        self.client.delete_namespace_sync('py-red', None, None)

    def test_apply(self):
        operations = [
            NetNs.operation_new('CreateNamespace', GLib.Variant('(sa{sv})', ('py-teal', {}))),
            NetNs.operation_new('CreateVeth', GLib.Variant('(ssssa{sv})', (
                'py-teal', 't0', 'py-teal', 't1', {'up': GLib.Variant('b', True)}))),
            NetNs.operation_new('AddAddress', GLib.Variant('(sssa{sv})', (
                'py-teal', 't0', '10.6.1.1/24', {}))),
        ]
        batch = GLib.Variant.new_array(GLib.VariantType('(sa{sv})'), operations)
        results = self.client.apply_sync(batch, None, None).unpack()
        # The path escapes the name as g_dbus_escape_object_path() does.
        self.assertEqual(results, [['/org/example/NetNs/namespace/py_2dteal'], [], []])
        self.assertIn('10.6.1.1/24', ip('-n', 'py-teal', '-br', 'addr', 'show', 't0'))

        failing = GLib.Variant('a(sa{sv})', [
            ('CreateNamespace', {'name': GLib.Variant('s', 'py-cyan')}),
            ('AddAddress', {'namespace': GLib.Variant('s', 'py-cyan'),
                            'link': GLib.Variant('s', 'nosuch'),
                            'address': GLib.Variant('s', '10.6.2.1/24')}),
        ])
        with self.assertRaises(GLib.Error) as caught:
            self.client.apply_sync(failing, None, None)
        self.assert_netns_error(caught.exception, NetNs.Error.NOT_FOUND,
                                'org.example.NetNs.Error.NotFound', 'operation 2 (AddAddress):')
        self.assertFalse(os.path.exists('/run/netns/py-cyan'))
        self.client.delete_namespace_sync('py-teal', None, None)

    def test_errors(self):
        with self.assertRaises(GLib.Error) as caught:
            self.client.delete_namespace_sync('nosuch', None, None)
        self.assert_netns_error(caught.exception, NetNs.Error.NOT_FOUND,
                                'org.example.NetNs.Error.NotFound', "'nosuch'")
        with self.assertRaises(GLib.Error) as caught:
            self.client.create_namespace_sync('a/b', None, None)
        self.assert_netns_error(caught.exception, NetNs.Error.INVALID_ARGUMENT,
                                'org.example.NetNs.Error.InvalidArgument', "contains '/'")
        self.client.create_namespace_sync('py-twice', None, None)
        with self.assertRaises(GLib.Error) as caught:
            self.client.create_namespace_sync('py-twice', None, None)
        self.assert_netns_error(caught.exception, NetNs.Error.EXISTS,
                                'org.example.NetNs.Error.Exists', "'py-twice'")
        result = finish_of(lambda done: self.client.set_link(
            'py-twice', 'nosuch', options(up=True), None, done), 'SetLink')
        with self.assertRaises(GLib.Error) as caught:
            self.client.set_link_finish(result)
        self.assert_netns_error(caught.exception, NetNs.Error.NOT_FOUND,
                                'org.example.NetNs.Error.NotFound', "'nosuch'")
        self.client.delete_namespace_sync('py-twice', None, None)


class LinkTests(ClientTest):
    def test_links_notify(self):
        red = self.client.create_namespace_sync('py-links', None, None)
        self.client.create_veth_sync('py-links', 'q0', 'py-links', 'q1', options(up=True), None)
        wait_until(lambda: red.get_link('q0') is not None, 'q0')
        q0 = red.get_link('q0')
        self.assertEqual(q0.props.kind, 'veth')
        # netnsd names the peer once it has seen both ends.
        wait_until(lambda: q0.props.peer == 'py-links/q1', "q0's peer")
        self.assertEqual(q0.props.namespace, red)
        notified = []
        q0.connect('notify::mtu', lambda link, pspec: notified.append(link.props.mtu))
        ip('-n', 'py-links', 'link', 'set', 'q0', 'mtu', '1280')
        wait_until(lambda: q0.props.mtu == 1280, "q0's MTU")
        self.assertIn(1280, notified)
        removed = []
        red.connect('link-removed', lambda ns, link: removed.append(link.props.name))
        ip('-n', 'py-links', 'link', 'del', 'q0')
        wait_until(lambda: 'q0' in removed and 'q1' in removed, 'q0 and q1 removed')
        self.client.delete_namespace_sync('py-links', None, None)


class NobodyTests(ClientTest):
    def test_not_authorized(self):
        self.assertNotEqual(os.geteuid(), 0)
        with self.assertRaises(GLib.Error) as caught:
            self.client.create_namespace_sync('mine', None, None)
        self.assert_netns_error(caught.exception, NetNs.Error.INTERACTIVE_AUTHORIZATION_REQUIRED,
                                'org.freedesktop.DBus.Error.InteractiveAuthorizationRequired',
                                "create namespace 'mine'")
        self.client.props.interactive = True
        with self.assertRaises(GLib.Error) as caught:
            self.client.create_namespace_sync('mine', None, None)
        self.assert_netns_error(caught.exception, NetNs.Error.NOT_AUTHORIZED,
                                'org.example.NetNs.Error.NotAuthorized',
                                "not authorized to create namespace 'mine'")
        self.assertIsNone(self.client.get_namespace('mine'))
        self.assertFalse(os.path.exists('/run/netns/mine'))


if __name__ == '__main__':
    unittest.main(argv=sys.argv, verbosity=2)
