# tests/system/unit-caps.sh: the capabilities of netnsd.service, as
# /proc/PID/status shows them. Sourced.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

# unit_caps UNIT: the names in UNIT's CapabilityBoundingSet= line.
unit_caps() {
    sed -n 's/^CapabilityBoundingSet=//p' "$1"
}

# cap_mask CAP_NAME...: the mask CapBnd shows for those names, from the
# kernel's own header.
cap_mask() {
    local name mask=0 bit
    for name in "$@"; do
        bit=$(awk -v n="${name^^}" '$1 == "#define" && $2 == n { print $3 }' \
              /usr/include/linux/capability.h)
        [[ $bit =~ ^[0-9]+$ ]] || { echo "unknown capability $name" >&2; return 1; }
        mask=$((mask | (1 << bit)))
    done
    printf '%016x\n' "$mask"
}

# status_field FILE FIELD: a field of a /proc/PID/status FILE, its words
# joined by single spaces.
status_field() {
    awk -v f="$2:" '$1 == f { $1 = ""; sub(/^ /, ""); print }' "$1"
}
