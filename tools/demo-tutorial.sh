#!/bin/bash
# tools/demo-tutorial.sh: the tutorial's steps through netnsctl, each
# followed by what iproute2 shows. Runs inside tests/lib/sandbox.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail

netnsctl() { "$NNS_BUILDDIR/client/netnsctl" "$@"; }

if [[ -t 1 ]]; then bold=$'\033[1m' plain=$'\033[0m'; else bold= plain=; fi

# show CMD...: prints the command as typed at a shell, then runs it.
show() {
    printf '\n%s$ %s%s\n' "$bold" "$*" "$plain"
    "$@"
}

echo "netnsd demo: a private system bus, polkitd and netnsd are running in a sandbox."

show netnsctl add direct_netns
show netnsctl list
show ip netns list
show ip netns exec direct_netns ip -br link
show netnsctl --json list
show netnsctl delete direct_netns
show ip netns list
printf '\nDone: the namespace came and went through netnsd, and iproute2 saw it.\n'
