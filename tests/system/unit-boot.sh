#!/bin/bash
# tests/system/unit-boot.sh: netnsd as it is installed, under a real
# systemd. Boots the host's own /usr in a systemd-nspawn machine with a
# tmpfs root and a private network, inside a sandbox of this script's own
# (new mount, network and pid namespaces, a private /run), with the files
# `meson install` puts out laid over the places systemd, dbus-daemon and
# polkitd read them from: the unit in /etc/systemd/system, the activation
# file, the bus policy, the polkit actions and the example rule. The
# machine's only job is tests/system/unit-machine.sh, run by a unit of its
# own that powers the machine off when it ends; its verdict comes back
# through a bound directory. The host's links, addresses, routes, mounts,
# /run/netns and cgroups are compared before and after.
#
# Needs root, NNS_BUILDDIR and NNS_SRCDIR, and systemd-nspawn
# (systemd-container, from tools/install-deps). NNS_SYSTEM_RESULTS, if set,
# names a directory to keep the machine's journal and console in.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -euo pipefail
shopt -s inherit_errexit

: "${NNS_BUILDDIR:?set NNS_BUILDDIR to the meson build directory}"
: "${NNS_SRCDIR:?set NNS_SRCDIR to the source directory}"
NNS_BUILDDIR=$(realpath "$NNS_BUILDDIR")
NNS_SRCDIR=$(realpath "$NNS_SRCDIR")
export NNS_BUILDDIR NNS_SRCDIR

fail() { echo "FAIL: $*" >&2; exit 1; }

# The cgroup hierarchies systemd-nspawn makes its payload and supervisor
# groups in: the named systemd one and the unified one.
systemd_hierarchies() {
    local dir
    for dir in /sys/fs/cgroup/systemd /sys/fs/cgroup/unified /sys/fs/cgroup; do
        [[ -d $dir ]] || continue
        case "$(stat -fc %T "$dir")" in
            cgroup2fs) echo "$dir" ;;
            cgroupfs) [[ -e $dir/release_agent && $dir == */systemd ]] && echo "$dir" ;;
        esac
    done
    return 0
}

# own_cgroup_path HIERARCHY: this process's group in it.
own_cgroup_path() {
    local line
    if [[ $(stat -fc %T "$1") == cgroup2fs ]]; then
        line=$(grep '^0::' /proc/self/cgroup)
    else
        line=$(grep ':name=systemd:' /proc/self/cgroup)
    fi
    echo "${line#*:*:}"
}

host_state() {
    local h
    ip -br link 2>&1
    ip -br addr 2>&1
    ip route 2>&1
    ip -6 route 2>&1
    ls -A /run/netns 2>&1 || true
    findmnt -rn -o TARGET,FSTYPE 2>&1 | sort
    # What nspawn would leave if it ran in the host's own group.
    for h in $(systemd_hierarchies); do
        ls -d "$h$(own_cgroup_path "$h")"/{payload,supervisor} 2>/dev/null || true
    done
}

if [[ -z "${NNS_IN_SYSTEM_SANDBOX:-}" ]]; then
    if [[ $(id -u) != 0 ]]; then
        echo "unit-boot: must run as root (it makes namespaces and boots a machine)" >&2
        exit 77
    fi
    command -v systemd-nspawn >/dev/null ||
        fail "systemd-nspawn is missing: bash tools/install-deps installs systemd-container"
    # A group of this run's own in each hierarchy, for nspawn and the
    # machine's systemd to build under; removed after.
    cgroup_name="nns-system-test.$$"
    cgroups=()
    for h in $(systemd_hierarchies); do
        cgroups+=("$h$(own_cgroup_path "$h")/$cgroup_name")
    done
    before=$(host_state)
    status=0
    NNS_IN_SYSTEM_SANDBOX=1 NNS_CGROUPS="${cgroups[*]}" \
        timeout --kill-after=5 170 unshare --mount --net --pid --fork --mount-proc \
            --propagation private --kill-child "$0" "$@" || status=$?
    for group in "${cgroups[@]}"; do
        [[ -d $group ]] || continue
        find "$group" -depth -type d -exec rmdir {} + 2>/dev/null ||
            { echo "unit-boot: cannot remove the cgroup $group" >&2; status=1; }
    done
    after=$(host_state)
    if [[ "$before" != "$after" ]]; then
        echo "unit-boot: the host changed while the machine ran:" >&2
        diff <(echo "$before") <(echo "$after") >&2 || true
        exit 1
    fi
    [[ $status == 124 ]] && echo "unit-boot: timed out" >&2
    exit "$status"
fi

# From here on: pid 1 of fresh pid, mount and network namespaces.

for group in $NNS_CGROUPS; do
    mkdir "$group"
    echo 0 > "$group/cgroup.procs"
done
mount -t tmpfs -o mode=0755 nns-run /run
work=/run/nns-system
mkdir -p "$work"/{units,presets,system-services,system.d,actions,rules.d,sysusers.d,results}
chmod 0755 "$work"

echo "== meson install into a staging directory"
stage=$work/stage
meson install -C "$NNS_BUILDDIR" --no-rebuild --quiet --destdir "$stage" >/dev/null
prefix=$(meson introspect "$NNS_BUILDDIR" --buildoptions |
         /usr/bin/python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
staged() {
    local found
    found=$(find "$stage" -path "*/$1" -print -quit)
    [[ -n $found ]] || fail "meson install put no $1 in $stage"
    echo "$found"
}
cp "$(staged "systemd/system/netnsd.service")" "$work/units/"
cp "$(staged "systemd/system/netnsd-topologies.service")" "$work/units/"
# Two topology files where the installed netnsd-topologies.service reads
# them: one good, one with an error on its second line.
topologies_dir=$(sed -n 's/^ConditionDirectoryNotEmpty=//p' "$work/units/netnsd-topologies.service")
topologies=$work/topologies
# The mount point, for when the folder is under the prefix, which the
# machine sees read-only.
mkdir -p "$topologies" "$stage$topologies_dir"
printf 'add lab\nlink add labv0 type veth peer name labv1 netns lab\n-n lab addr add 10.210.0.2/24 dev labv1\n' \
    > "$topologies/lab.netns"
printf 'add broken\n-n broken addr add 10.211.0.2/24 dev nosuchlink\n' > "$topologies/broken.netns"
cp "$(staged "dbus-1/system-services/org.example.NetNs.service")" "$work/system-services/"
cp "$(staged "dbus-1/system.d/org.example.NetNs.conf")" "$work/system.d/"
cp "$(staged "polkit-1/actions/org.example.NetNs.policy")" "$work/actions/"
cp "$(staged "doc/netnsd/polkit-rules/50-netnsd-netns-group.rules")" "$work/rules.d/"
find "$stage" -type f | sed "s|^$stage|  |"

# The user of the tutorial, made by systemd-sysusers as the machine boots.
cat > "$work/sysusers.d/nns-test.conf" <<USERS
g netns 60010
u nns-alice 60001 "netnsd test user" /nonexistent /usr/sbin/nologin
m nns-alice netns
USERS

# A first boot enables units by the distribution's presets; this machine
# starts only what its target pulls in.
echo "disable *" > "$work/presets/00-nns-system-test.preset"

# The machine boots into a target that holds only the basic system and the
# test, which powers the machine off when it ends, however it ends.
cat > "$work/units/nns-system-test.target" <<UNIT
[Unit]
Description=netnsd system test
Requires=basic.target
Wants=nns-system-test.service
After=basic.target
UNIT
cat > "$work/units/nns-system-test.service" <<UNIT
[Unit]
Description=netnsd system test
After=basic.target dbus.socket systemd-sysusers.service
SuccessAction=poweroff
FailureAction=poweroff

[Service]
Type=oneshot
Environment=NNS_PREFIX=$prefix NO_COLOR=1
ExecStart=/bin/bash /nns-src/tests/system/unit-machine.sh /nns-results
StandardOutput=append:/nns-results/machine.log
StandardError=inherit
TimeoutStartSec=110
UNIT

overlay() { echo "--overlay-ro=$1:$2:$1"; }

# The machine's /etc starts empty but for what is bound here; the host's
# /etc/alternatives gives /usr/bin/awk and the like their targets.
echo "== booting systemd in a machine (private network, tmpfs root, the host's /usr)"
start=$SECONDS
boot_status=0
timeout --kill-after=5 150 systemd-nspawn --register=no --keep-unit --volatile=yes -D / -b \
    --private-network --console=pipe --machine=nns-system-test \
    "$(overlay "$prefix" "$stage$prefix")" \
    "$(overlay /usr/share/dbus-1/system-services "$work/system-services")" \
    "$(overlay /usr/share/dbus-1/system.d "$work/system.d")" \
    "$(overlay /usr/share/polkit-1/actions "$work/actions")" \
    --bind="$work/units:/etc/systemd/system" \
    --bind-ro="$work/presets:/etc/systemd/system-preset" \
    --bind-ro="$work/rules.d:/etc/polkit-1/rules.d" \
    --bind-ro="$work/sysusers.d:/etc/sysusers.d" \
    --bind-ro=/etc/alternatives \
    --bind-ro="$topologies:$topologies_dir" \
    --bind-ro="$NNS_SRCDIR:/nns-src" \
    --bind="$work/results:/nns-results" \
    -- systemd.unit=nns-system-test.target systemd.firstboot=off \
    </dev/null >"$work/console.log" 2>&1 || boot_status=$?
echo "  the machine ran for $((SECONDS - start)) s (systemd-nspawn exit status $boot_status)"

[[ -f $work/results/machine.log ]] && cat "$work/results/machine.log"
if [[ -n ${NNS_SYSTEM_RESULTS:-} ]]; then
    cp -r "$work/results/." "$work/console.log" "$NNS_SYSTEM_RESULTS/"
fi
verdict=$(cat "$work/results/status" 2>/dev/null || echo "none")
if [[ $verdict != 0 || $boot_status != 0 ]]; then
    echo "---- the machine's console ----" >&2
    tail -n 80 "$work/console.log" >&2
    if [[ -f $work/results/journal.log ]]; then
        echo "---- the machine's journal ----" >&2
        grep -v systemd-sysusers "$work/results/journal.log" | tail -n 150 >&2
    fi
    fail "the test inside the machine ended with status '$verdict'"
fi
echo "PASS"
