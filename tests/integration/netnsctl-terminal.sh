#!/bin/bash
# netnsctl exec on a terminal gives the program a terminal of its own, its
# controlling one, as `machinectl shell` does: an interactive bash run by
# a user whom a rule allows has job control (Ctrl-Z, jobs, fg, Ctrl-C to
# the foreground job), sees the window's size and its changes, and when
# it exits, netnsctl exits as it did with its terminal as it was; also
# when a signal ends netnsctl. tests/integration/netnsctl-terminal.py
# types at it on a pseudo-terminal.
#
# Needs netnsd's Spawn option `terminal` (the slave made the program's
# controlling terminal).
source "$NNS_SRCDIR/tests/lib/testlib.sh"

allow_rule alice 'subject.user == "nns-alice" &&
                  (action.id == "org.example.netns.manage" || action.id == "org.example.netns.spawn")'
wait_until 5 as_user nns-alice "$NETNSCTL" add alices
drive() {
    timeout 60 "$PYTHON" "$NNS_SRCDIR/tests/integration/netnsctl-terminal.py" "$NETNSCTL" alices nns-alice "$@"
}

step "bash -i through netnsctl exec, on a terminal"
drive

step "SIGHUP, forwarded to the shell, which ends: the terminal as it was"
drive HUP

step "SIGQUIT, which ends netnsctl itself: the terminal as it was"
drive QUIT

step "nothing left behind"
# netnsd ends the program of a netnsctl that died (kill-on-disconnect).
wait_until 15 bash -c '! pgrep -u nns-alice'
echo "PASS"
