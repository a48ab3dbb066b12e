# tests/lib/libnetns.sh: what the Python cases of libnetns need, sourced
# after testlib.sh: the built typelib and library found, and in an ASan
# build, ASan's runtime loaded first.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

[[ -f "$NNS_LIBNETNS_DIR/NetNs-1.0.typelib" ]] || { echo "no typelib: built without introspection"; exit 77; }
export GI_TYPELIB_PATH="$NNS_LIBNETNS_DIR" LD_LIBRARY_PATH="$NNS_LIBNETNS_DIR"

# A library built with ASan loads into Python only after ASan's runtime
# (and UBSan's). Python's own allocations are not ours to judge: leak
# checking is off there, memory errors in libnetns still fail the case.
# Not `ldd | grep -q`: grep leaving early can kill ldd (pipefail).
if ldd "$NNS_LIBNETNS_DIR/libnetns.so.1" | grep libasan >/dev/null; then
    LD_PRELOAD="$(cc -print-file-name=libasan.so)"
    if ldd "$NNS_LIBNETNS_DIR/libnetns.so.1" | grep libubsan >/dev/null; then
        LD_PRELOAD+=" $(cc -print-file-name=libubsan.so)"
    fi
    export LD_PRELOAD ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
fi

# python_as USER ARGS...: Python as USER, with the paths above.
python_as() {
    local user=$1; shift
    as_user "$user" env GI_TYPELIB_PATH="$GI_TYPELIB_PATH" LD_LIBRARY_PATH="$LD_LIBRARY_PATH" \
        LD_PRELOAD="${LD_PRELOAD:-}" ASAN_OPTIONS="${ASAN_OPTIONS:-}" "$PYTHON" "$@"
}
