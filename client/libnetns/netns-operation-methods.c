/* netns-operation-methods.c: one function for each method Apply takes,
 * with the method's arguments as the C arguments of its NetNsClient
 * function, so that a batch is written as its calls are: the compiler
 * checks each argument, where an operation by name would wait for netnsd
 * to say that one is missing.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "netns-call-private.h"
#include "netns-operation-private.h"
#include "netns/netns-operation.h"

/**
 * netns_operation_create_namespace:
 * @name: the new namespace's name
 * @options: (nullable): as for [method@NetNs.Client.create_namespace], %NULL
 *   for none
 *
 * The operation of [method@NetNs.Client.apply] that does what
 * [method@NetNs.Client.create_namespace] does (netnsd's `CreateNamespace`).
 *
 * Returns: (transfer full): the operation (`(sa{sv})`)
 */
GVariant *
netns_operation_create_namespace (const char *name,
                                  GVariant   *options)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (netns_options_valid (options), NULL);

  return netns_operation_of ("CreateNamespace",
                             g_variant_new ("(s@a{sv})", name, netns_options (options)));
}

/**
 * netns_operation_attach_namespace:
 * @name: the name to give it
 * @netns_fd_index: the index, among the file descriptors given to
 *   [method@NetNs.Client.apply_with_fds], of the namespace's (a handle, not a
 *   file descriptor)
 * @options: (nullable): as for [method@NetNs.Client.attach_namespace], %NULL
 *   for none
 *
 * The operation of [method@NetNs.Client.apply] that does what
 * [method@NetNs.Client.attach_namespace] does (netnsd's `AttachNamespace`).
 * Only [method@NetNs.Client.apply_with_fds] can send it, with the
 * namespace's file descriptor among its fds.
 *
 * Returns: (transfer full): the operation (`(sa{sv})`)
 */
GVariant *
netns_operation_attach_namespace (const char *name,
                                  int         netns_fd_index,
                                  GVariant   *options)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (netns_options_valid (options), NULL);

  return netns_operation_of ("AttachNamespace",
                             g_variant_new ("(sh@a{sv})", name, netns_fd_index,
                                            netns_options (options)));
}

/**
 * netns_operation_delete_namespace:
 * @name: the namespace
 * @options: (nullable): as for [method@NetNs.Client.delete_namespace], %NULL
 *   for none
 *
 * The operation of [method@NetNs.Client.apply] that does what
 * [method@NetNs.Client.delete_namespace] does (netnsd's `DeleteNamespace`).
 * Only a topology's Apply takes it (the option `topology`), for what
 * that topology made.
 *
 * Returns: (transfer full): the operation (`(sa{sv})`)
 */
GVariant *
netns_operation_delete_namespace (const char *name,
                                  GVariant   *options)
{
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (netns_options_valid (options), NULL);

  return netns_operation_of ("DeleteNamespace",
                             g_variant_new ("(s@a{sv})", name, netns_options (options)));
}

/**
 * netns_operation_create_veth:
 * @namespace_name: the namespace of the first end (`""`: the host)
 * @name: the first end's name
 * @peer_namespace: the namespace of the other end
 * @peer_name: the other end's name
 * @options: (nullable): as for [method@NetNs.Client.create_veth], %NULL for
 *   none
 *
 * The operation of [method@NetNs.Client.apply] that does what
 * [method@NetNs.Client.create_veth] does (netnsd's `CreateVeth`).
 *
 * Returns: (transfer full): the operation (`(sa{sv})`)
 */
GVariant *
netns_operation_create_veth (const char *namespace_name,
                             const char *name,
                             const char *peer_namespace,
                             const char *peer_name,
                             GVariant   *options)
{
  g_return_val_if_fail (namespace_name != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (peer_namespace != NULL, NULL);
  g_return_val_if_fail (peer_name != NULL, NULL);
  g_return_val_if_fail (netns_options_valid (options), NULL);

  return netns_operation_of ("CreateVeth",
                             g_variant_new ("(ssss@a{sv})", namespace_name, name, peer_namespace,
                                            peer_name, netns_options (options)));
}

/**
 * netns_operation_create_link:
 * @namespace_name: the namespace (`""`: the host)
 * @name: the link's name
 * @kind: its kind, such as `bridge`
 * @options: (nullable): as for [method@NetNs.Client.create_link], %NULL for
 *   none
 *
 * The operation of [method@NetNs.Client.apply] that does what
 * [method@NetNs.Client.create_link] does (netnsd's `CreateLink`).
 *
 * Returns: (transfer full): the operation (`(sa{sv})`)
 */
GVariant *
netns_operation_create_link (const char *namespace_name,
                             const char *name,
                             const char *kind,
                             GVariant   *options)
{
  g_return_val_if_fail (namespace_name != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (netns_options_valid (options), NULL);

  return netns_operation_of ("CreateLink",
                             g_variant_new ("(sss@a{sv})", namespace_name, name, kind,
                                            netns_options (options)));
}

/**
 * netns_operation_move_link:
 * @namespace_name: the namespace the link is in
 * @name: the link
 * @target_namespace: where it goes
 * @options: (nullable): as for [method@NetNs.Client.move_link], %NULL for
 *   none
 *
 * The operation of [method@NetNs.Client.apply] that does what
 * [method@NetNs.Client.move_link] does (netnsd's `MoveLink`).
 *
 * Returns: (transfer full): the operation (`(sa{sv})`)
 */
GVariant *
netns_operation_move_link (const char *namespace_name,
                           const char *name,
                           const char *target_namespace,
                           GVariant   *options)
{
  g_return_val_if_fail (namespace_name != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (target_namespace != NULL, NULL);
  g_return_val_if_fail (netns_options_valid (options), NULL);

  return netns_operation_of ("MoveLink",
                             g_variant_new ("(sss@a{sv})", namespace_name, name,
                                            target_namespace, netns_options (options)));
}

/**
 * netns_operation_delete_link:
 * @namespace_name: the namespace the link is in
 * @name: the link
 *
 * The operation of [method@NetNs.Client.apply] that does what
 * [method@NetNs.Client.delete_link] does (netnsd's `DeleteLink`).
 * Only a topology's Apply takes it (the option `topology`), for what
 * that topology made.
 *
 * Returns: (transfer full): the operation (`(sa{sv})`)
 */
GVariant *
netns_operation_delete_link (const char *namespace_name,
                             const char *name)
{
  g_return_val_if_fail (namespace_name != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return netns_operation_of ("DeleteLink",
                             g_variant_new ("(ss)", namespace_name, name));
}

/**
 * netns_operation_set_link:
 * @namespace_name: the namespace the link is in
 * @name: the link
 * @changes: changes, as for [method@NetNs.Client.set_link]
 *
 * The operation of [method@NetNs.Client.apply] that does what
 * [method@NetNs.Client.set_link] does (netnsd's `SetLink`).
 *
 * Returns: (transfer full): the operation (`(sa{sv})`)
 */
GVariant *
netns_operation_set_link (const char *namespace_name,
                          const char *name,
                          GVariant   *changes)
{
  g_return_val_if_fail (namespace_name != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (changes != NULL, NULL);
  g_return_val_if_fail (g_variant_is_of_type (changes, G_VARIANT_TYPE_VARDICT), NULL);

  return netns_operation_of ("SetLink",
                             g_variant_new ("(ss@a{sv})", namespace_name, name, changes));
}

/**
 * netns_operation_add_address:
 * @namespace_name: the namespace
 * @link: the link
 * @address: the address, in CIDR notation
 * @options: (nullable): as for [method@NetNs.Client.add_address], %NULL for
 *   none
 *
 * The operation of [method@NetNs.Client.apply] that does what
 * [method@NetNs.Client.add_address] does (netnsd's `AddAddress`).
 *
 * Returns: (transfer full): the operation (`(sa{sv})`)
 */
GVariant *
netns_operation_add_address (const char *namespace_name,
                             const char *link,
                             const char *address,
                             GVariant   *options)
{
  g_return_val_if_fail (namespace_name != NULL, NULL);
  g_return_val_if_fail (link != NULL, NULL);
  g_return_val_if_fail (address != NULL, NULL);
  g_return_val_if_fail (netns_options_valid (options), NULL);

  return netns_operation_of ("AddAddress",
                             g_variant_new ("(sss@a{sv})", namespace_name, link, address,
                                            netns_options (options)));
}

/**
 * netns_operation_remove_address:
 * @namespace_name: the namespace
 * @link: the link
 * @address: the address, in CIDR notation
 *
 * The operation of [method@NetNs.Client.apply] that does what
 * [method@NetNs.Client.remove_address] does (netnsd's `RemoveAddress`).
 * Only a topology's Apply takes it (the option `topology`), for what
 * that topology made.
 *
 * Returns: (transfer full): the operation (`(sa{sv})`)
 */
GVariant *
netns_operation_remove_address (const char *namespace_name,
                                const char *link,
                                const char *address)
{
  g_return_val_if_fail (namespace_name != NULL, NULL);
  g_return_val_if_fail (link != NULL, NULL);
  g_return_val_if_fail (address != NULL, NULL);

  return netns_operation_of ("RemoveAddress",
                             g_variant_new ("(sss)", namespace_name, link, address));
}

/**
 * netns_operation_add_route:
 * @namespace_name: the namespace
 * @destination: a CIDR, or `default`
 * @options: (nullable): as for [method@NetNs.Client.add_route], %NULL for
 *   none
 *
 * The operation of [method@NetNs.Client.apply] that does what
 * [method@NetNs.Client.add_route] does (netnsd's `AddRoute`).
 *
 * Returns: (transfer full): the operation (`(sa{sv})`)
 */
GVariant *
netns_operation_add_route (const char *namespace_name,
                           const char *destination,
                           GVariant   *options)
{
  g_return_val_if_fail (namespace_name != NULL, NULL);
  g_return_val_if_fail (destination != NULL, NULL);
  g_return_val_if_fail (netns_options_valid (options), NULL);

  return netns_operation_of ("AddRoute",
                             g_variant_new ("(ss@a{sv})", namespace_name, destination,
                                            netns_options (options)));
}

/**
 * netns_operation_remove_route:
 * @namespace_name: the namespace
 * @destination: a CIDR, or `default`
 * @options: (nullable): as for [method@NetNs.Client.remove_route], %NULL for
 *   none
 *
 * The operation of [method@NetNs.Client.apply] that does what
 * [method@NetNs.Client.remove_route] does (netnsd's `RemoveRoute`).
 * Only a topology's Apply takes it (the option `topology`), for what
 * that topology made.
 *
 * Returns: (transfer full): the operation (`(sa{sv})`)
 */
GVariant *
netns_operation_remove_route (const char *namespace_name,
                              const char *destination,
                              GVariant   *options)
{
  g_return_val_if_fail (namespace_name != NULL, NULL);
  g_return_val_if_fail (destination != NULL, NULL);
  g_return_val_if_fail (netns_options_valid (options), NULL);

  return netns_operation_of ("RemoveRoute",
                             g_variant_new ("(ss@a{sv})", namespace_name, destination,
                                            netns_options (options)));
}

/**
 * netns_operation_set_sysctl:
 * @namespace_name: the namespace
 * @key: the key, such as `net.ipv4.ip_forward`
 * @value: its value
 *
 * The operation of [method@NetNs.Client.apply] that does what
 * [method@NetNs.Client.set_sysctl] does (netnsd's `SetSysctl`).
 *
 * Returns: (transfer full): the operation (`(sa{sv})`)
 */
GVariant *
netns_operation_set_sysctl (const char *namespace_name,
                            const char *key,
                            const char *value)
{
  g_return_val_if_fail (namespace_name != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  return netns_operation_of ("SetSysctl",
                             g_variant_new ("(sss)", namespace_name, key, value));
}

/**
 * netns_operation_set_dns:
 * @namespace_name: the namespace
 * @nameservers: (array zero-terminated=1) (nullable): the nameservers'
 *   addresses
 * @search: (array zero-terminated=1) (nullable): the search domains
 *
 * The operation of [method@NetNs.Client.apply] that does what
 * [method@NetNs.Client.set_dns] does (netnsd's `SetDns`).
 *
 * Returns: (transfer full): the operation (`(sa{sv})`)
 */
GVariant *
netns_operation_set_dns (const char        *namespace_name,
                         const char *const *nameservers,
                         const char *const *search)
{
  g_return_val_if_fail (namespace_name != NULL, NULL);

  return netns_operation_of ("SetDns",
                             g_variant_new ("(s^as^as)", namespace_name,
                                            netns_strv (nameservers), netns_strv (search)));
}

/**
 * netns_operation_add_masquerade:
 * @namespace_name: the namespace
 * @source: the network, in CIDR notation
 * @options: (nullable): as for [method@NetNs.Client.add_masquerade], %NULL
 *   for none
 *
 * The operation of [method@NetNs.Client.apply] that does what
 * [method@NetNs.Client.add_masquerade] does (netnsd's `AddMasquerade`).
 *
 * Returns: (transfer full): the operation (`(sa{sv})`)
 */
GVariant *
netns_operation_add_masquerade (const char *namespace_name,
                                const char *source,
                                GVariant   *options)
{
  g_return_val_if_fail (namespace_name != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (netns_options_valid (options), NULL);

  return netns_operation_of ("AddMasquerade",
                             g_variant_new ("(ss@a{sv})", namespace_name, source,
                                            netns_options (options)));
}

/**
 * netns_operation_remove_masquerade:
 * @namespace_name: the namespace
 * @source: the network, in CIDR notation
 * @options: (nullable): as for [method@NetNs.Client.remove_masquerade], %NULL
 *   for none
 *
 * The operation of [method@NetNs.Client.apply] that does what
 * [method@NetNs.Client.remove_masquerade] does (netnsd's `RemoveMasquerade`).
 *
 * Returns: (transfer full): the operation (`(sa{sv})`)
 */
GVariant *
netns_operation_remove_masquerade (const char *namespace_name,
                                   const char *source,
                                   GVariant   *options)
{
  g_return_val_if_fail (namespace_name != NULL, NULL);
  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (netns_options_valid (options), NULL);

  return netns_operation_of ("RemoveMasquerade",
                             g_variant_new ("(ss@a{sv})", namespace_name, source,
                                            netns_options (options)));
}

/**
 * netns_operation_add_port_forward:
 * @namespace_name: the namespace
 * @protocol: `tcp` or `udp`
 * @port: the port
 * @target: where connections go, such as `10.200.0.3:80`
 * @options: (nullable): as for [method@NetNs.Client.add_port_forward], %NULL
 *   for none
 *
 * The operation of [method@NetNs.Client.apply] that does what
 * [method@NetNs.Client.add_port_forward] does (netnsd's `AddPortForward`).
 *
 * Returns: (transfer full): the operation (`(sa{sv})`)
 */
GVariant *
netns_operation_add_port_forward (const char *namespace_name,
                                  const char *protocol,
                                  guint16     port,
                                  const char *target,
                                  GVariant   *options)
{
  g_return_val_if_fail (namespace_name != NULL, NULL);
  g_return_val_if_fail (protocol != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);
  g_return_val_if_fail (netns_options_valid (options), NULL);

  return netns_operation_of ("AddPortForward",
                             g_variant_new ("(ssqs@a{sv})", namespace_name, protocol, port,
                                            target, netns_options (options)));
}

/**
 * netns_operation_remove_port_forward:
 * @namespace_name: the namespace
 * @protocol: `tcp` or `udp`
 * @port: the port
 * @options: (nullable): as for [method@NetNs.Client.remove_port_forward],
 *   %NULL for none
 *
 * The operation of [method@NetNs.Client.apply] that does what
 * [method@NetNs.Client.remove_port_forward] does (netnsd's `RemovePortForward`).
 *
 * Returns: (transfer full): the operation (`(sa{sv})`)
 */
GVariant *
netns_operation_remove_port_forward (const char *namespace_name,
                                     const char *protocol,
                                     guint16     port,
                                     GVariant   *options)
{
  g_return_val_if_fail (namespace_name != NULL, NULL);
  g_return_val_if_fail (protocol != NULL, NULL);
  g_return_val_if_fail (netns_options_valid (options), NULL);

  return netns_operation_of ("RemovePortForward",
                             g_variant_new ("(ssq@a{sv})", namespace_name, protocol, port,
                                            netns_options (options)));
}
