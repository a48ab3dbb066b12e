#!/bin/bash
# `meson install` puts every file at its standard path (man finds the
# pages, bash takes the completion); libnetns exports
# its API and nothing else, and the C example of README.md builds against
# the installed headers and netns-1.pc.
set -euo pipefail
: "${NNS_BUILDDIR:?}"
: "${NNS_SRCDIR:?}"

dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$NNS_BUILDDIR" --no-rebuild --quiet --destdir "$dest" >/dev/null

# option NAME: the value of the build's option NAME.
option() {
    meson introspect "$NNS_BUILDDIR" --buildoptions |
        /usr/bin/python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == sys.argv[1]))' "$1"
}
# under_prefix DIR: DIR, under the prefix if relative (as meson takes it).
under_prefix() {
    [[ $1 == /* ]] && echo "$1" || echo "$prefix/$1"
}
prefix=$(option prefix)
libdir=$prefix/$(option libdir)
unitdir=$prefix/lib/systemd/system
mandir=$(under_prefix "$(option mandir)")
completionsdir=$(under_prefix "$(option datadir)")/bash-completion/completions
if pkg-config --exists bash-completion; then
    completionsdir=$(pkg-config --define-variable=datadir="$(under_prefix "$(option datadir)")" \
                     --variable=completionsdir bash-completion)
fi
expected=(
    "$prefix/libexec/netnsd"
    "$prefix/bin/netnsctl"
    "$prefix/lib/cni/netnsd"
    "$prefix/share/dbus-1/system.d/org.example.NetNs.conf"
    "$prefix/share/dbus-1/system-services/org.example.NetNs.service"
    "$prefix/share/dbus-1/interfaces/org.example.NetNs.xml"
    "$prefix/share/polkit-1/actions/org.example.NetNs.policy"
    "$prefix/share/doc/netnsd/polkit-rules/50-netnsd-netns-group.rules"
    "$prefix/share/doc/netnsd/polkit-rules/50-netnsd-port-forwards.rules"
    "$unitdir/netnsd.service"
    "$unitdir/netnsd-topologies.service"
    "$completionsdir/netnsctl"
    "$libdir/libnetns.so.1"
    "$libdir/libnetns.so"
    "$libdir/pkgconfig/netns-1.pc"
    "$prefix/include/netns-1/netns/netns.h"
    "$prefix/include/netns-1/netns/netns-version.h"
    "$prefix/include/netns-1/netns/netns-client.h"
    "$prefix/include/netns-1/netns/netns-client-links.h"
    "$prefix/include/netns-1/netns/netns-error.h"
)
man_pages=(man1/netnsctl.1 man8/netnsd.8 man5/netnsd-topologies.5 man5/org.example.NetNs.5)
if [[ $(option man) == True ]]; then
    for page in "${man_pages[@]}"; do
        expected+=("$mandir/$page")
    done
fi
# The GIR, the typelib and the documentation come with introspection and
# gi-docgen (meson options introspection and docs).
if [[ -e "$NNS_BUILDDIR/client/libnetns/NetNs-1.0.typelib" ]]; then
    expected+=("$prefix/share/gir-1.0/NetNs-1.0.gir" "$libdir/girepository-1.0/NetNs-1.0.typelib")
fi
if [[ -e "$NNS_BUILDDIR/client/libnetns/docs/netns-1/index.html" ]]; then
    expected+=("$prefix/share/doc/netns-1/index.html" "$prefix/share/doc/netns-1/class.Client.html"
               "$prefix/share/doc/netns-1/error.Error.html")
fi
status=0
for f in "${expected[@]}"; do
    if [[ -e "$dest$f" ]]; then
        echo "ok   $f"
    else
        echo "MISSING $f"
        status=1
    fi
done
grep -q "^Exec=$prefix/libexec/netnsd$" "$dest$prefix/share/dbus-1/system-services/org.example.NetNs.service" ||
    { echo "activation file does not point at the installed netnsd"; status=1; }
grep -q "^ExecStart=$prefix/libexec/netnsd$" "$dest$unitdir/netnsd.service" ||
    { echo "unit does not point at the installed netnsd"; status=1; }
grep -q "^ExecStart=$prefix/bin/netnsctl --no-ask-password up --all .*/netnsd/topologies$" \
    "$dest$unitdir/netnsd-topologies.service" ||
    { echo "the topologies unit does not run the installed netnsctl"; status=1; }
grep -q "^After=netnsd.service$" "$dest$unitdir/netnsd-topologies.service" ||
    { echo "the topologies unit does not come after netnsd"; status=1; }

# The completion installed is the source tree's, and bash takes it.
cmp -s "$dest$completionsdir/netnsctl" "$(dirname "$0")/../completions/netnsctl" ||
    { echo "the installed completion is not completions/netnsctl"; status=1; }
bash --norc --noprofile -c 'source /usr/share/bash-completion/bash_completion && source "$1" &&
                            complete -p netnsctl' bash "$dest$completionsdir/netnsctl" |
    grep -q -- "-F _netnsctl netnsctl$" ||
    { echo "bash does not complete netnsctl with the installed completion"; status=1; }

# man finds each page in the installed tree, by its name, as `man NAME` would.
if [[ $(option man) == True ]]; then
    for page in "${man_pages[@]}"; do
        name=$(basename "${page%.*}")
        shown=$(MANWIDTH=80 man -M "$dest$mandir" "$name" 2>&1) ||
            { echo "man -M $mandir $name: $shown"; status=1; continue; }
        if grep -q "^NAME" <<<"$shown" && grep -q "^ *$name - " <<<"$shown"; then
            echo "ok   man $name"
        else
            echo "man -M $mandir $name does not show its page: $(head -5 <<<"$shown")"
            status=1
        fi
    done
fi

# Nothing but the API leaves the library: not the generated NnsDBus* code
# it links in, not the helpers its files share.
exported=$(nm -D --defined-only "$dest$libdir/libnetns.so.1" | awk '{sub(/@.*/, "", $3); print $3}' | grep -v '^NETNS_1.0$' || true)
others=$(grep -v '^netns_' <<<"$exported" || true)
[[ -z $others ]] || { echo "libnetns exports more than netns_*: $others"; status=1; }
grep -qx netns_client_new_sync <<<"$exported" || { echo "libnetns does not export its API"; status=1; }

# README.md's C example, built as a program would build it.
snippet=$(mktemp -d)
/usr/bin/python3 - "$NNS_SRCDIR/README.md" > "$snippet/list.c" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
section = text[text.index('## libnetns'):]
print(re.search(r'```c\n(.*?)```', section, re.S).group(1))
PY
# The installed netns-1.pc, its prefix moved to where the staged files are.
sed "s|^prefix=.*|prefix=$dest$prefix|" "$dest$libdir/pkgconfig/netns-1.pc" > "$snippet/netns-1.pc"
# shellcheck disable=SC2046
if cc -Wall -Werror -o "$snippet/list" "$snippet/list.c" \
        $(PKG_CONFIG_PATH=$snippet pkg-config --cflags --libs netns-1) 2>"$snippet/cc.log"; then
    echo "ok   README.md's C example builds with pkg-config netns-1"
else
    echo "README.md's C example does not build:"; cat "$snippet/cc.log"; status=1
fi
rm -rf "$snippet"
exit $status
