#!/bin/bash
# Spawn, Kill, SetDns and SetSysctl refuse bad input with a clear error and
# start or change nothing.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

ns_call CreateNamespace 'sa{sv}' red 0 >/dev/null

# spawn ARGS_TEXT [N_FDS]: calls Spawn through GLib with N_FDS (default 3)
# of this shell's fds attached; prints the reply or the error.
spawn() {
    "$PYTHON" - "$1" "${2:-3}" <<'PY'
import sys, gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib
bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
fds = Gio.UnixFDList.new()
for fd in range(int(sys.argv[2])):
    fds.append(fd)
try:
    reply, _ = bus.call_with_unix_fd_list_sync(
        "org.example.NetNs", "/org/example/NetNs", "org.example.NetNs", "Spawn",
        GLib.Variant.parse(GLib.VariantType("(sasa{sv}hhh)"), sys.argv[1], None, None),
        None, Gio.DBusCallFlags.NONE, -1, fds, None)
    print("pid", reply.unpack()[0])
except GLib.Error as e:
    print(e.message)
    sys.exit(1)
PY
}

bad_spawn() {
    local expected=$1 fragment=$2; shift 2
    run_capture out spawn "$@"
    [[ $status != 0 ]] || fail "Spawn $1 succeeded: $out"
    assert_contains "$out" "$expected" "Spawn $1"
    assert_contains "$out" "$fragment" "Spawn $1"
    echo "  ${out#GDBus.Error:}"
}

step "Spawn"
touch "$NNS_RUN/marker"
bad_spawn "$ERR.InvalidArgument" "argv is empty" "('red', @as [], @a{sv} {}, 0, 1, 2)"
bad_spawn "$ERR.InvalidArgument" "the program (argv[0]) is an empty string" "('red', [''], @a{sv} {}, 0, 1, 2)"
bad_spawn "$ERR.NotFound" "program 'no-such-program' not found in PATH" "('red', ['no-such-program'], @a{sv} {}, 0, 1, 2)"
bad_spawn "$ERR.NotFound" "cannot run the program '/nonexistent/x'" "('red', ['/nonexistent/x'], @a{sv} {}, 0, 1, 2)"
bad_spawn "$ERR.InvalidArgument" "environment entry '=x' is not NAME=VALUE" "('red', ['true'], {'env': <['=x']>}, 0, 1, 2)"
bad_spawn "$ERR.InvalidArgument" "environment entry 'NOEQUALS' is not NAME=VALUE" "('red', ['true'], {'env': <['NOEQUALS']>}, 0, 1, 2)"
bad_spawn "$ERR.InvalidArgument" "cwd 'relative/dir' is not an absolute path" "('red', ['true'], {'cwd': <'relative/dir'>}, 0, 1, 2)"
bad_spawn "$ERR.NotFound" "cannot change to the working directory" "('red', ['true'], {'cwd': <'/nonexistent'>}, 0, 1, 2)"
bad_spawn "$ERR.InvalidArgument" "unknown option 'user'" "('red', ['true'], {'user': <'root'>}, 0, 1, 2)"
bad_spawn "$ERR.InvalidArgument" "option 'kill-on-disconnect' must be of type 'b'" "('red', ['true'], {'kill-on-disconnect': <0>}, 0, 1, 2)"
bad_spawn "$ERR.InvalidArgument" "stdin is fd index -1, but the call carries 3" "('red', ['true'], @a{sv} {}, -1, 1, 2)"
bad_spawn "$ERR.InvalidArgument" "stderr is fd index 7, but the call carries 3" "('red', ['true'], @a{sv} {}, 0, 1, 7)"
bad_spawn "$ERR.InvalidArgument" "stdin is fd index 0, but the call carries 0" "('red', ['true'], @a{sv} {}, 0, 1, 2)" 0
bad_spawn "$ERR.NotFound" "namespace 'blue' not found" "('blue', ['true'], @a{sv} {}, 0, 1, 2)"
assert_eq "$(spawn "('red', ['true'], @a{sv} {}, 0, 1, 2)" | cut -d' ' -f1)" "pid" "a good Spawn after all that"

step "Kill"
expect_error "$ERR.InvalidArgument" ns_gdbus Kill 0 15
expect_error "$ERR.NotFound" ns_gdbus Kill 999999 15

step "SetDns"
expect_error "$ERR.InvalidArgument: nameserver '10.0.0.256' is not an IP address" ns_gdbus SetDns red "['10.0.0.256']" "@as []"
expect_error "$ERR.InvalidArgument: nameserver '10.0.0.1/24' must be a plain address" ns_gdbus SetDns red "['10.0.0.1/24']" "@as []"
expect_error "$ERR.InvalidArgument: nameserver '10.0.0.1\\noptions debug' is not an IP address" ns_gdbus SetDns red "['10.0.0.1\noptions debug']" "@as []"
expect_error "$ERR.InvalidArgument: search domain 'a b' is not a domain name" ns_gdbus SetDns red "@as []" "['a b']"
expect_error "$ERR.InvalidArgument: search domain" ns_gdbus SetDns red "@as []" "['ok.example\nnameserver 1.1.1.1']"
expect_error "$ERR.InvalidArgument: search domain '-x.example'" ns_gdbus SetDns red "@as []" "['-x.example']"
expect_error "$ERR.InvalidArgument: resolv.conf takes at most 3 nameservers" ns_gdbus SetDns red "['1.1.1.1','1.1.1.2','1.1.1.3','1.1.1.4']" "@as []"
expect_error "$ERR.InvalidArgument: the host's DNS" ns_gdbus SetDns "" "['1.1.1.1']" "@as []"
expect_error "$ERR.NotFound: namespace 'blue' not found" ns_gdbus SetDns blue "['1.1.1.1']" "@as []"
[[ ! -e /etc/netns/red ]] || fail "/etc/netns/red was created"

step "SetSysctl"
before=$(ip netns exec red sysctl -a 2>/dev/null | grep '^net\.' | grep -v 'stable_secret\|nf_conntrack\|random' | sort)
expect_error "$ERR.InvalidArgument: sysctl 'kernel.hostname' is not one netnsd sets" ns_gdbus SetSysctl red kernel.hostname x
expect_error "$ERR.InvalidArgument: sysctl 'net.core.somaxconn' is not one netnsd sets" ns_gdbus SetSysctl red net.core.somaxconn 10
expect_error "$ERR.InvalidArgument: sysctl 'net.ipv4.ip_forward' takes 0 or 1, not '2'" ns_gdbus SetSysctl red net.ipv4.ip_forward 2
expect_error "$ERR.InvalidArgument: sysctl 'net.ipv4.ip_forward' takes 0 or 1, not 'yes'" ns_gdbus SetSysctl red net.ipv4.ip_forward yes
expect_error "$ERR.InvalidArgument: sysctl 'net.ipv4.ip_unprivileged_port_start' takes a number from 0 to 65535, not '65536'" ns_gdbus SetSysctl red net.ipv4.ip_unprivileged_port_start 65536
expect_error "$ERR.InvalidArgument: sysctl 'net.ipv4.ip_unprivileged_port_start' takes a number from 0 to 65535, not '-1'" ns_gdbus SetSysctl red net.ipv4.ip_unprivileged_port_start -- -1
expect_error "$ERR.InvalidArgument: sysctl 'net.ipv4.ping_group_range' takes two numbers from 0 to 2147483647, the first not above the second, not '10 5'" ns_gdbus SetSysctl red net.ipv4.ping_group_range "10 5"
expect_error "$ERR.InvalidArgument: link name '..' is not allowed" ns_gdbus SetSysctl red net.ipv4.conf....forwarding 1
expect_error "$ERR.InvalidArgument: link name '.........kernel.x' is 17 bytes long" ns_gdbus SetSysctl red net.ipv4.conf.../../../kernel/x.forwarding 1
expect_error "$ERR.InvalidArgument: sysctl 'net/ipv4/ip_forward' is not one netnsd sets" ns_gdbus SetSysctl red net/ipv4/ip_forward 1
expect_error "$ERR.NotFound: link 'nosuch' not found in namespace 'red'" ns_gdbus SetSysctl red net.ipv4.conf.nosuch.forwarding 1
after=$(ip netns exec red sysctl -a 2>/dev/null | grep '^net\.' | grep -v 'stable_secret\|nf_conntrack\|random' | sort)
assert_eq "$after" "$before" "the namespace's net.* sysctls"
echo "PASS"
