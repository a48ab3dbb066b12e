#!/bin/bash
# Spawn's `terminal` option: the pty slave a caller passes as stdin becomes
# the controlling terminal of the program's session (as netnsctl will do
# for an interactive shell); without it, the program has none. A stdin
# that is not a terminal, or a terminal that is already another session's,
# is refused with InvalidArgument.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

allow_rule nobody 'subject.user == "nobody"'
wait_until 5 as_user nobody "$NETNSCTL" add mine

# on_pty OPTIONS_TEXT PROGRAM_ARGS_JSON: opens a pty and runs the program
# in "mine" through Spawn with the pty's slave as stdin, stdout and stderr;
# prints "tty NAME" (the pty's), then what the program wrote to it, then
# "status STATUS", or "ERROR NAME: MESSAGE".
on_pty() {
    /usr/bin/python3 - "$1" "$2" <<'PY'
import json, os, select, sys, time, gi
gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib
bus = Gio.bus_get_sync(Gio.BusType.SYSTEM, None)
exits = {}
loop = GLib.MainLoop()
def on_exit(conn, sender, path, iface, signal, params):
    pid, status = params.unpack()
    exits[pid] = status
    loop.quit()
bus.signal_subscribe("org.example.NetNs", "org.example.NetNs", "SpawnExited",
                     "/org/example/NetNs", None, Gio.DBusSignalFlags.NONE, on_exit)
master, slave = os.openpty()
print("tty", os.ttyname(slave).removeprefix("/dev/"))
fds = Gio.UnixFDList.new()
for _ in range(3):
    fds.append(slave)
options = GLib.Variant.parse(GLib.VariantType("a{sv}"), sys.argv[1], None, None)
try:
    reply, _ = bus.call_with_unix_fd_list_sync(
        "org.example.NetNs", "/org/example/NetNs", "org.example.NetNs", "Spawn",
        GLib.Variant.new_tuple(GLib.Variant("s", "mine"), GLib.Variant("as", json.loads(sys.argv[2])),
                               options, *(GLib.Variant("h", i) for i in range(3))),
        GLib.VariantType("(u)"), Gio.DBusCallFlags.NONE, 10000, fds, None)
except GLib.Error as e:
    name = Gio.DBusError.get_remote_error(e)
    print(f"ERROR {name}: {e.message.removeprefix(f'GDBus.Error:{name}: ')}")
    sys.exit(0)
pid = reply.unpack()[0]
# Only the program holds the slave now (the fd list held copies): once it
# ends, the master reads EIO.
del fds
os.close(slave)
output = b""
deadline = time.monotonic() + 5
while time.monotonic() < deadline:
    if not select.select([master], [], [], 0.2)[0]:
        continue
    try:
        chunk = os.read(master, 4096)
    except OSError:
        break
    if not chunk:
        break
    output += chunk
GLib.timeout_add_seconds(5, loop.quit)
while pid not in exits:
    loop.run()
print(output.decode().replace("\r\n", "\n").strip())
print("status", exits[pid])
PY
}

probe='["sh", "-c", "echo pid $$; ps -o tty=,sid=,tpgid= -p $$"]'

step "terminal: the pty is the program's controlling terminal"
out=$(as_user nobody on_pty "{'terminal': <true>}" "$probe")
echo "$out" | sed 's/^/  /'
tty=$(echo "$out" | awk '$1 == "tty" {print $2}')
pid=$(echo "$out" | awk '$1 == "pid" {print $2}')
[[ $tty == pts/* ]] || fail "no pty: $out"
# ps: the terminal, the session (the program leads its own) and the
# terminal's foreground process group (the program's).
assert_eq "$(echo "$out" | sed -n 3p | tr -s ' ' | sed 's/^ //')" "$tty $pid $pid" "tty, session and foreground group"
assert_eq "$(echo "$out" | awk '$1 == "status" {print $2}')" "0" "the program's wait status"

step "without it, the program has no controlling terminal"
out=$(as_user nobody on_pty "@a{sv} {}" "$probe")
assert_eq "$(echo "$out" | sed -n 3p | awk '{print $1}')" "?" "the tty ps shows"
echo "  no controlling terminal"

step "stdin not a terminal: refused"
run_capture out as_user nobody "$PYTHON" "$NNS_SRCDIR/tests/lib/call.py" --fds Spawn \
    "('mine', ['true'], {'terminal': <true>}, handle 0, handle 1, handle 2)" < /dev/null
assert_eq "$out" "ERROR $ERR.InvalidArgument: option 'terminal' needs a terminal as stdin, and stdin is not one" "Spawn with /dev/null as stdin"
expect_error "$ERR.InvalidArgument: option 'terminal' must be of type 'b'" \
    as_user nobody "$PYTHON" "$NNS_SRCDIR/tests/lib/call.py" --fds Spawn \
    "('mine', ['true'], {'terminal': <1>}, handle 0, handle 1, handle 2)"

step "a terminal that is another session's: refused"
"$PYTHON" - <<'PY' > "$NNS_RUN/steal.out" 2>&1
import fcntl, os, subprocess, sys, termios
# A session of its own on the pty, then a Spawn that wants it too.
master, slave = os.openpty()
def take_terminal():
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
holder = subprocess.Popen(["sleep", "30"], stdin=slave, stdout=slave, stderr=slave,
                          start_new_session=True, preexec_fn=take_terminal)
result = subprocess.run(
    ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
     sys.executable, os.environ["NNS_SRCDIR"] + "/tests/lib/call.py", "--fds", "Spawn",
     "('mine', ['true'], {'terminal': <true>}, handle 0, handle 1, handle 2)"],
    stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
holder.kill()
holder.wait()
print(result.stdout.strip())
PY
out=$(cat "$NNS_RUN/steal.out")
echo "  $out"
assert_contains "$out" "ERROR $ERR.InvalidArgument: cannot make stdin the controlling terminal of '/usr/bin/true': Operation not permitted (it is already the controlling terminal of another session)" "Spawn on another session's terminal"
assert_eq "$(ps -o pid= --ppid "$(cat "$NNS_RUN/netnsd.pid")" | wc -l)" "0" "netnsd's children"
echo "PASS"
