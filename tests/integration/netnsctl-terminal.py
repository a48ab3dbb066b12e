#!/usr/bin/python3
# Drives `netnsctl exec NS -- bash -i` on a pseudo-terminal, as a user
# types at a terminal; used by netnsctl-terminal.sh.
#
#   netnsctl-terminal.py NETNSCTL NAMESPACE USER [SIGNAL]
#
# Without SIGNAL: a session with job control, ended by `exit 7`. With
# SIGNAL (HUP, QUIT, ...): netnsctl gets SIGNAL while the shell waits at
# its prompt, and must leave the terminal as it found it all the same.
# Prints what it checks; exits non-zero with what the terminal showed when
# a check fails.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time

netnsctl, namespace, user = sys.argv[1:4]
signal_name = sys.argv[4] if len(sys.argv) > 4 else None
PROMPT = "nns-prompt$ "

# The outer side: a shell on the pty that shows its terminal's settings
# before and after netnsctl, and netnsctl's exit status.
wrapper = (
    'echo "outer-tty=$(tty)"; echo "outer-stty=$(stty -g)"; '
    f'setpriv --reuid={user} --regid={user} --init-groups '
    f'{netnsctl} exec --env PS1="{PROMPT}" --env TERM=dumb {namespace} -- bash --norc --noprofile -i; '
    'echo "netnsctl-status=$?"; echo "after-stty=$(stty -g)"'
)

pid, master = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 33, 101, 0, 0))
    os.execvp("sh", ["sh", "-c", wrapper])

seen = ""
cursor = 0   # where the last match ended


def fail(message):
    print(f"FAIL: {message}\n---- the terminal showed ----\n{seen}\n----", file=sys.stderr)
    sys.exit(1)


def expect(pattern, timeout=10):
    """Reads until PATTERN (a regex) is in what the terminal showed since
    the last match; returns the match."""
    global seen, cursor
    deadline = time.monotonic() + timeout
    while True:
        match = re.compile(pattern, re.M).search(seen, cursor)
        if match:
            cursor = match.end()
            return match
        left = deadline - time.monotonic()
        if left <= 0:
            fail(f"timed out waiting for {pattern!r}")
        ready, _, _ = select.select([master], [], [], left)
        if not ready:
            continue
        try:
            data = os.read(master, 4096)
        except OSError:
            data = b""
        if not data:
            fail(f"the terminal closed while waiting for {pattern!r}")
        text = data.decode(errors="replace").replace("\r", "")
        seen += re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)


def send(text):
    os.write(master, text.encode())


def check(what, condition):
    if not condition:
        fail(what)
    print(f"  ok: {what}")


outer_tty = expect(r"^outer-tty=(\S+)$").group(1)
outer_stty = expect(r"^outer-stty=(\S+)$").group(1)
expect(re.escape(PROMPT))



def signal_netnsctl(name):
    """Sends SIGname to netnsctl (in raw mode now); netnsctl must exit,
    with the terminal as it was."""
    number = getattr(signal, "SIG" + name)
    pids = subprocess.run(["pgrep", "-u", user, "-x", "netnsctl"], capture_output=True,
                          text=True).stdout.split()
    check("one netnsctl runs", len(pids) == 1)
    os.kill(int(pids[0]), number)
    # A forwarded SIGHUP ends the shell: 128 + 1. A fatal one ends netnsctl.
    status = int(expect(r"netnsctl-status=(\d+)$").group(1))
    check(f"netnsctl ended on SIG{name}", status == 128 + number)
    check("the terminal's settings are back", expect(r"after-stty=(\S+)$").group(1) == outer_stty)
    os.waitpid(pid, 0)
    print("PASS")
    sys.exit(0)


if signal_name is not None:
    signal_netnsctl(signal_name)

# Its own terminal, its controlling one; a foreground job in a process
# group of its own, which the terminal has in the foreground: job control.
send("echo tty=$(tty); ps -o tty=,pgid= -p $$; sh -c 'ps -o pgid=,tpgid= -p $$'\n")
inner_tty = expect(r"^tty=(/dev/pts/\d+)$").group(1)
tty, shell_pgid = expect(r"^\s*(\S+)\s+(\d+)\s*$").groups()
job_pgid, tpgid = expect(r"^\s*(\d+)\s+(-?\d+)\s*$").groups()
print(f"  netnsctl's terminal {outer_tty}, the program's {inner_tty} ({tty}); "
      f"the shell's process group {shell_pgid}, the job's {job_pgid}, the terminal's {tpgid}")
check("the program's stdin is a pty of its own", inner_tty != outer_tty)
check("that pty is the program's controlling terminal", "/dev/" + tty == inner_tty)
check("a job runs in a process group of its own", job_pgid != shell_pgid)
check("the terminal has the job in the foreground", job_pgid == tpgid)
expect(re.escape(PROMPT))

# The window's size, at the start and when it changes.
send("stty size\n")
check("the window size at the start", expect(r"^(\d+ \d+)$").group(1) == "33 101")
expect(re.escape(PROMPT))
fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
time.sleep(0.5)
send("stty size\n")
check("the window size after a change", expect(r"^(\d+ \d+)$").group(1) == "40 120")
expect(re.escape(PROMPT))

# Job control: Ctrl-Z stops the foreground job, fg brings it back,
# Ctrl-C ends it, and the shell goes on.
send("sleep 100\n")
time.sleep(0.5)
send("\x1a")
check("Ctrl-Z stops the foreground job", expect(r"Stopped\s+sleep 100") is not None)
expect(re.escape(PROMPT))
send("jobs -l\n")
check("jobs lists it", expect(r"^\[1\]\+\s+\d+ Stopped\s+sleep 100") is not None)
expect(re.escape(PROMPT))
send("fg\n")
expect(r"^sleep 100$")
time.sleep(0.5)
send("\x03")
expect(re.escape(PROMPT))
send("echo status=$? alive=$((6 * 7))\n")
check("Ctrl-C ended the job, not the shell", expect(r"^status=(\d+) alive=42$").group(1) == "130")
expect(re.escape(PROMPT))

# Exit: netnsctl exits as the shell did, and the terminal is as it was.
send("exit 7\n")
check("netnsctl exits as the program did", expect(r"netnsctl-status=(\d+)$").group(1) == "7")
check("the terminal's settings are back", expect(r"after-stty=(\S+)$").group(1) == outer_stty)
_, wait_status = os.waitpid(pid, 0)
print("PASS")
