#!/bin/bash
# Every call netnsctl and the CNI plugin make to netnsd goes through
# libnetns's public API: no file of client/ outside client/libnetns/ calls
# GDBus by hand (g_dbus_connection_call*, g_dbus_proxy_call*, sending a
# message of its own), uses the generated proxies (nns-dbus-generated.h,
# nns_dbus_*), builds a method's arguments as a tuple, or an Apply
# operation by name, for libnetns's own netns_client_call() or
# netns_operation_new() to send. Each pattern is first shown to match the
# library's own files, which do all of that, so that a pattern gone stale
# fails here too.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
: "${NNS_SRCDIR:?}"

client=$NNS_SRCDIR/client
status=0
bad() {
    echo "FAIL: $*"
    status=1
}

# The patterns (extended regular expressions), and which file of
# libnetns must match each.
declare -A in_library=(
    ['g_dbus_connection_call']=netns-call.c
    ['g_dbus_proxy_call']=
    ['g_dbus_connection_send_message']=
    ['nns-dbus-generated\.h']=netns-client-init.c
    ['nns_dbus_[a-z_]+ *\(']=netns-client-load.c
    ['g_variant_new(_parsed)? *\("\(']=netns-client-links.c
    ['g_variant_builder_add_parsed']=
    ["g_variant_new_parsed *\\(\"\\{'"]=
    ['netns_client_call(_sync)? *\(']=netns-call.c
    ['netns_operation_new *\(']=netns-operation.c
)

mapfile -t sources < <(find "$client" -name '*.[ch]' -not -path "$client/libnetns/*" | sort)
(( ${#sources[@]} > 20 )) || bad "only ${#sources[@]} sources found under $client"
echo "ok   ${#sources[@]} files of client/ outside libnetns/"

for pattern in "${!in_library[@]}"; do
    witness=${in_library[$pattern]}
    if [[ -n $witness ]] && ! grep -qE -- "$pattern" "$client/libnetns/$witness"; then
        bad "the pattern '$pattern' no longer matches libnetns's $witness: it finds nothing"
        continue
    fi
    if found=$(grep -nE -- "$pattern" "${sources[@]}"); then
        bad "a call or an operation made by hand ('$pattern') outside libnetns:"
        echo "$found" | sed "s|^$NNS_SRCDIR/|    |"
    else
        echo "ok   no '$pattern'"
    fi
done
exit $status
