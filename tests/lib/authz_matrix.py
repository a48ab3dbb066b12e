#!/usr/bin/python3
# tests/lib/authz_matrix.py: who may do what, as one table of cases that
# both the test runs and the documentation shows.
#
#   authz_matrix.py --markdown   prints docs/authorization.md
#   authz_matrix.py --run        runs every case against the sandbox's
#                                netnsd (tests/integration/authorization-matrix.sh)
#
# Each case is a mutating method against a kind of target, called by each
# kind of caller. The caller is root, or the user nns-alice granted one
# polkit action (or none) by tests/lib/authz-matrix.rules. A denied call
# must change nothing: links, addresses, routes, /run/netns, /etc/netns
# and the file a spawned program would have made are compared around it.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
import json
import os
import subprocess
import sys
import time

MANAGE = "org.example.netns.manage"
MANAGE_ANY = "org.example.netns.manage-any"
HOST = "org.example.netns.host"
SPAWN = "org.example.netns.spawn"

# Caller kinds and the actions their polkit rule grants (None: root).
CALLERS = [
    ("root", None),
    ("no rule", []),
    ("manage", [MANAGE]),
    ("manage-any", [MANAGE_ANY]),
    ("host", [HOST]),
    ("spawn", [SPAWN]),
]

# Targets: the caller's own namespace, another user's, one `ip netns add`
# made, the host.
TARGETS = [
    ("own", "own", MANAGE),
    ("another user's", "bobs", MANAGE_ANY),
    ("made by ip", "ipns", MANAGE_ANY),
    ("host", "", HOST),
]

HERE = os.path.dirname(os.path.abspath(__file__))
RUN = "/run/nns-test"
GRANT_FILE = f"{RUN}/authz-grant"
MARK = f"{RUN}/spawn-mark/made"
# Namespaces that only a process holds, for AttachNamespace: each bound
# onto a file here that anyone may open (as runtimes leave them).
ATTACH_DIR = f"{RUN}/attach"
LEASES_DIR = "/run/netnsd/leases"


def ip(namespace, *args):
    return ["ip"] + (["-n", namespace] if namespace else []) + list(args)


class Case:
    """One method against one target: what it needs, how to set it up,
    call it and undo it."""

    def __init__(self, method, target, needs, args, setup=(), cleanup=(), fds=False,
                 fd_paths=()):
        self.method = method
        self.target = target
        self.needs = needs          # set of actions, "root" (root only), or None (n/a)
        self.args = args            # GVariant text of the arguments
        self.setup = list(setup)    # root commands before the call
        self.cleanup = list(cleanup)
        self.fds = fds              # pass fds 0, 1 and 2
        self.fd_paths = list(fd_paths)  # files the caller opens and passes, in order

    def allowed_for(self, grants):
        if grants is None:
            return True
        if self.needs == "root":
            return False
        return set(self.needs) <= set(grants)


def veth_fixture(ns):
    return [ip(ns, "link", "add", "mxa", "type", "veth", "peer", "name", "mxb"),
            ip(ns, "link", "set", "mxa", "up")]


def veth_cleanup(ns):
    return [ip(ns, "link", "del", "mxa")]


def root_call(method, signature, *args):
    """A call as root, for a case's setup or cleanup: busctl, which starts
    faster than a Python client."""
    return ["busctl", "--system", "call", "org.example.NetNs", "/org/example/NetNs",
            "org.example.NetNs", method, signature, *args]


def attach_case(target, needs, holder):
    """AttachNamespace of the namespace only @holder's process holds."""
    return Case("AttachNamespace", target, needs, "('attached', handle 0, @a{sv} {})",
                cleanup=[["ip", "netns", "del", "attached"]],
                fd_paths=[f"{ATTACH_DIR}/{holder}"])


def lease_cases():
    ranges = "{'ranges': <[{'subnet': <'10.73.0.0/24'>}]>}"
    release = root_call("ReleaseLeases", "sasa{sv}", "matrix", "1", "held/eth0", "0")
    return [
        Case("LeaseAddress", "a pool", {HOST}, f"('matrix', 'held/eth0', {ranges})",
             cleanup=[release]),
        Case("ReleaseLeases", "a pool", {HOST}, "('matrix', ['held/eth0'], @a{sv} {})",
             setup=[root_call("LeaseAddress", "ssa{sv}", "matrix", "held/eth0", "1", "ranges",
                              "aa{sv}", "1", "1", "subnet", "s", "10.73.0.0/24")],
             cleanup=[release]),
    ]


def cases():
    """Every (method, target) case, in the order the table shows them."""
    result = [Case("CreateNamespace", "new", {MANAGE}, "('created', @a{sv} {})",
                   cleanup=[["ip", "netns", "del", "created"]]),
              attach_case("own (unshare -rn)", {MANAGE}, "own"),
              attach_case("another user's", {MANAGE_ANY}, "bobs"),
              attach_case("root's", {MANAGE_ANY}, "roots"),
              Case("AttachNamespace", "host", None, ""),
              ] + lease_cases()
    for label, ns, action in TARGETS:
        q = repr(ns)
        need = {action}
        if ns:
            owner_fixture = {"own": "alice", "bobs": "bob", "ipns": "ip"}[ns]
            result.append(Case("DeleteNamespace", label, need, f"('{ns}-del', @a{{sv}} {{}})",
                               setup=[["fixture-namespace", owner_fixture, f"{ns}-del"]],
                               cleanup=[["ip", "netns", "del", f"{ns}-del"]]))
        else:
            result.append(Case("DeleteNamespace", label, None, ""))
        result += [
            Case("CreateVeth", label, need, f"({q}, 'mxc', {q}, 'mxd', @a{{sv}} {{}})",
                 cleanup=[ip(ns, "link", "del", "mxc")]),
            Case("CreateLink", label, need, f"({q}, 'mxk', 'bridge', @a{{sv}} {{}})",
                 cleanup=[ip(ns, "link", "del", "mxk")]),
            Case("MoveLink", label + " to own", need | {MANAGE},
                 f"({q}, 'mxa', 'own2', {{'new-name': <'mxm'>}})",
                 setup=veth_fixture(ns),
                 cleanup=veth_cleanup(ns) + [ip("own2", "link", "del", "mxm")]),
            Case("DeleteLink", label, need, f"({q}, 'mxa')",
                 setup=veth_fixture(ns), cleanup=veth_cleanup(ns)),
            Case("SetLink", label, need, f"({q}, 'mxa', {{'mtu': <uint32 1400>}})",
                 setup=veth_fixture(ns), cleanup=veth_cleanup(ns)),
            Case("AddAddress", label, need, f"({q}, 'mxa', '10.77.0.1/24', @a{{sv}} {{}})",
                 setup=veth_fixture(ns), cleanup=veth_cleanup(ns)),
            Case("RemoveAddress", label, need, f"({q}, 'mxa', '10.77.0.9/24')",
                 setup=veth_fixture(ns) + [ip(ns, "addr", "add", "10.77.0.9/24", "dev", "mxa")],
                 cleanup=veth_cleanup(ns)),
            Case("AddRoute", label, need, f"({q}, '10.78.0.0/24', {{'dev': <'mxa'>}})",
                 setup=veth_fixture(ns), cleanup=veth_cleanup(ns)),
            Case("RemoveRoute", label, need, f"({q}, '10.79.0.0/24', @a{{sv}} {{}})",
                 setup=veth_fixture(ns) + [ip(ns, "route", "add", "10.79.0.0/24", "dev", "mxa")],
                 cleanup=veth_cleanup(ns)),
            Case("SetSysctl", label, need, f"({q}, 'net.ipv4.ip_forward', '1')",
                 cleanup=[(["ip", "netns", "exec", ns] if ns else []) +
                          ["sysctl", "-qw", "net.ipv4.ip_forward=0"]]),
            Case("SetDns", label, need if ns else None, f"({q}, ['192.0.2.53'], @as [])",
                 cleanup=[["rm", "-rf", f"/etc/netns/{ns}"]] if ns else []),
            Case("AddMasquerade", label, need, f"({q}, '10.76.0.0/24', @a{{sv}} {{}})",
                 cleanup=[root_call("RemoveMasquerade", "ssa{sv}", ns, "10.76.0.0/24", "0")]),
            Case("RemoveMasquerade", label, need, f"({q}, '10.75.0.0/24', @a{{sv}} {{}})",
                 setup=[root_call("AddMasquerade", "ssa{sv}", ns, "10.75.0.0/24", "0")],
                 cleanup=[root_call("RemoveMasquerade", "ssa{sv}", ns, "10.75.0.0/24", "0")]),
            Case("AddPortForward", label, need,
                 f"({q}, 'tcp', uint16 8080, '10.74.0.2:80', @a{{sv}} {{}})",
                 cleanup=[root_call("RemovePortForward", "ssqa{sv}", ns, "tcp", "8080", "0")]),
            Case("RemovePortForward", label, need, f"({q}, 'udp', uint16 5300, @a{{sv}} {{}})",
                 setup=[root_call("AddPortForward", "ssqsa{sv}", ns, "udp", "5300",
                                  "10.74.0.2:53", "0")],
                 cleanup=[root_call("RemovePortForward", "ssqa{sv}", ns, "udp", "5300", "0")]),
            Case("Spawn", label, {SPAWN} if ns else "root",
                 f"({q}, ['touch', '{MARK}'], @a{{sv}} {{}}, handle 0, handle 1, handle 2)",
                 cleanup=[["rm", "-f", MARK]], fds=True),
        ]
    return result


def mark(case, grants):
    if case.needs is None:
        return "n/a"
    return "yes" if case.allowed_for(grants) else "no"


def markdown():
    lines = [
        "# Who may do what",
        "",
        "Every mutating method of `org.example.NetNs` against each kind of target,",
        "for each kind of caller: root, or a user whose polkit rules grant one",
        "action (or none). \"yes\": the call goes through; \"no\": it fails with",
        "`NotAuthorized` (or `InteractiveAuthorizationRequired` without the",
        "allow-interactive-authorization flag) and changes nothing; \"n/a\": the",
        "call makes no sense for that target and fails with `InvalidArgument`.",
        "",
        "A namespace made by another tool counts as another user's. A name bound",
        "to the host's own namespace counts as the host. MoveLink needs what its",
        "source needs and `manage` for its destination (here: the caller's own",
        "namespace). Kill needs no polkit action: a caller may signal only the",
        "programs it started.",
        "",
        "AttachNamespace counts the namespace as the caller's own when the",
        "caller's uid owns its user namespace (one of the caller's own",
        "`unshare -rn`), and as another tool's otherwise, root's included; the",
        "host's is refused (`InvalidArgument`) whatever file names it. Leases",
        "(LeaseAddress, ReleaseLeases) change the host's plan of addresses: they",
        "need `host`, with the details `pool` and `holder`.",
        "",
        "Apply needs what each of its operations needs on its own, all asked",
        "before anything runs (each distinct question once); a namespace or a",
        "link that an earlier operation of the same Apply creates counts as the",
        "caller's own (the test `apply` shows it).",
        "",
        "Masquerades and port forwards need what any change of their namespace",
        "needs (`host` for the host's). Their details name the rule (`source`,",
        "`out-link`, `protocol`, `port`, `target`, `address`) and, for a port",
        "forward, the namespace its target address is on and that namespace's",
        "owner (`target-namespace`, `target-owner`, `target-owner-user`), so that",
        "a rule like polkit/rules.d/50-netnsd-port-forwards.rules can let a group",
        "forward host ports above 1024 to its own namespaces and nothing else",
        "(the test `nat-bad-input` shows it). Joining a bridge needs the change",
        "of the bridge too, and a link made on a parent the change of the parent.",
        "",
        "Generated by `tests/lib/authz_matrix.py --markdown` from the cases that",
        "the test `authorization-matrix` runs; the test fails if this file and",
        "the cases differ.",
        "",
        "| method | target | " + " | ".join(name for name, _ in CALLERS) + " |",
        "|---|---|" + "---|" * len(CALLERS),
    ]
    for case in cases():
        lines.append(f"| {case.method} | {case.target} | " +
                     " | ".join(mark(case, grants) for _, grants in CALLERS) + " |")
    return "\n".join(lines) + "\n"


# Running the cases, in the sandbox

def sh(command, check=True):
    return subprocess.run(command, check=check, capture_output=True, text=True)


def as_user(user, *command):
    return ["setpriv", f"--reuid={user}", f"--regid={user}", "--init-groups", "--", *command]


def grant(actions):
    with open(GRANT_FILE, "w") as f:
        f.write(" ".join(actions))


def netnsctl(user, *args):
    sh(as_user(user, os.environ["NETNSCTL"], "--no-ask-password", *args))


def fixture_namespace(owner, name):
    if owner == "ip":
        sh(["ip", "netns", "add", name])
    else:
        grant([MANAGE])
        netnsctl(f"nns-{owner}", "add", name)


def run_commands(commands):
    for command in commands:
        if command[0] == "fixture-namespace":
            fixture_namespace(command[1], command[2])
        else:
            sh(command, check=False)


NAT_METHODS = ("AddMasquerade", "RemoveMasquerade", "AddPortForward", "RemovePortForward")


def snapshot(case):
    state = sh([sys.executable, os.path.join(HERE, "net-state.py"), "own", "own2", "bobs", "ipns"]).stdout
    # Only those methods touch nftables and forwarding; one shell reads
    # them in every namespace (the snapshot is taken twice a call).
    if case.method in NAT_METHODS:
        state += sh(["sh", "-c", "for ns in '' own own2 bobs ipns; do "
                     "run=${ns:+ip netns exec $ns}; echo \"== $ns\"; $run nft list ruleset; "
                     "$run sysctl net.ipv4.ip_forward net.ipv6.conf.all.forwarding; done"]).stdout
    netns = sorted(os.listdir("/run/netns"))
    etc = sorted(os.path.join(d, f) for d, _, files in os.walk("/etc/netns") for f in files)
    leases = sorted(os.listdir(LEASES_DIR)) if os.path.isdir(LEASES_DIR) else []
    return state, netns, etc, leases, os.path.exists(MARK)


def call_command(case):
    command = [sys.executable, os.path.join(HERE, "call.py")]
    if case.fds:
        command.append("--fds")
    command += [f"--fd={path}" for path in case.fd_paths]
    return command


def call(case):
    command = call_command(case) + ["--interactive"]
    return sh(as_user("nns-alice", *command, case.method, case.args), check=False)


def own_namespace(pid):
    try:
        return os.readlink(f"/proc/{pid}/ns/net") != os.readlink("/proc/self/ns/net")
    except OSError:
        return False


def fixture_holders():
    """Processes whose network namespaces only they hold, for
    AttachNamespace: alice's and bob's of their own `unshare -rn`, and
    root's; each bound onto a file of ATTACH_DIR."""
    os.makedirs(ATTACH_DIR, exist_ok=True)
    holders = []
    for name, user in (("own", "nns-alice"), ("bobs", "nns-bob"), ("roots", None)):
        command = ["unshare", "-rn" if user else "-n", "sleep", "infinity"]
        process = subprocess.Popen(as_user(user, *command) if user else command)
        holders.append(process)
        deadline = time.monotonic() + 5
        while not own_namespace(process.pid):
            if time.monotonic() > deadline:
                sys.exit(f"the holder of {name} never left the host's namespace")
            time.sleep(0.05)
        path = f"{ATTACH_DIR}/{name}"
        open(path, "w").close()
        sh(["mount", "--bind", f"/proc/{process.pid}/ns/net", path])
    return holders


def run():
    os.makedirs(os.path.dirname(MARK), exist_ok=True)
    os.chmod(os.path.dirname(MARK), 0o1777)
    grant([])
    fixture_namespace("alice", "own")
    fixture_namespace("alice", "own2")
    fixture_namespace("bob", "bobs")
    fixture_namespace("ip", "ipns")
    holders = fixture_holders()
    failures = 0
    count = 0
    for caller, grants in CALLERS:
        for case in cases():
            if case.needs is None:
                continue
            run_commands(case.setup)
            grant(grants or [])
            before = snapshot(case)
            if grants is None:
                result = sh(call_command(case) + [case.method, case.args], check=False)
            else:
                result = call(case)
            expected = case.allowed_for(grants)
            answer = result.stdout.strip()
            ok = (result.returncode == 0) == expected
            if not expected:
                ok = ok and ("NotAuthorized" in answer)
                ok = ok and snapshot(case) == before
            count += 1
            if not ok:
                failures += 1
                print(f"FAIL: {caller} {case.method} ({case.target}): expected "
                      f"{'allowed' if expected else 'denied, with nothing changed'}, got: {answer}")
            grant([])
            run_commands(case.cleanup)
        print(f"  {caller}: done")
    for holder in holders:
        holder.kill()
        holder.wait()
    print(f"{count} calls, {failures} unexpected")
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--markdown"]:
        sys.stdout.write(markdown())
    elif sys.argv[1:] == ["--run"]:
        sys.exit(run())
    else:
        sys.exit("usage: authz_matrix.py --markdown | --run")
