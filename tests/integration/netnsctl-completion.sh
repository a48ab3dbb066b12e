#!/bin/bash
# The bash completion of netnsctl (completions/netnsctl), run as readline
# runs it, in `bash --norc` with bash-completion's library, against the
# sandbox's netnsd: the commands netnsctl lists, the verbs and words of a
# group, the namespaces that exist (as `ip netns list` names them, those
# made by other tools too, and no longer one just deleted), the links of
# the namespace the line names (as `ip -n NS link` names them), options
# from each command's --help, files and programs; for root and for users
# who are not, since reading needs no authorization.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

export PATH="$NNS_BUILDDIR/client:$PATH"

# complete [USER] LINE: the candidates, sorted, joined by spaces, that
# the completion offers for LINE (a LINE that ends in a space completes a
# new word); as USER if given.
complete() {
    local run=()
    if [[ $# == 2 ]]; then
        run=(setpriv --reuid="$1" --regid="$1" --init-groups)
        [[ $1 == nobody ]] && run=(setpriv --reuid=65534 --regid=65534 --clear-groups)
        shift
    fi
    "${run[@]}" env HOME=/nonexistent bash --norc --noprofile \
        "$NNS_SRCDIR/tests/lib/complete.sh" "$1" 2>"$NNS_RUN/complete.err" | tr '\n' ' ' | sed 's/ $//'
    [[ ! -s $NNS_RUN/complete.err ]] || fail "completing '$1' wrote to stderr: $(cat "$NNS_RUN/complete.err")"
}

# expect_completion LINE EXPECTED, expect_completion_as USER LINE EXPECTED
expect_completion() {
    local got
    got=$(complete "$1")
    assert_eq "$got" "$2" "completion of '$1'"
    echo "  '$1' -> $got"
}

expect_completion_as() {
    local got
    got=$(complete "$1" "$2")
    assert_eq "$got" "$3" "completion of '$2' as $1"
    echo "  $1: '$2' -> $got"
}

# sorted WORDS...: the words, whatever separates them, sorted and joined
# by spaces.
sorted() {
    tr -s ' \n' '\n\n' <<<"$*" | grep . | sort | tr '\n' ' ' | sed 's/ $//'
}

# ip_links NS: the link names `ip` gives for NS ("" is the host).
ip_links() {
    local ip=(ip)
    [[ -n $1 ]] && ip=(ip -n "$1")
    sorted "$("${ip[@]}" -o link show | awk -F': ' '{print $2}' | cut -d@ -f1 | tr '\n' ' ')"
}

step "a namespace made through netnsd, one made by ip, links in both and in the host"
"$NETNSCTL" add red
ip netns add blue
"$NETNSCTL" link add veth0 type veth peer name veth1 netns red
"$NETNSCTL" -n red link add br0 type bridge
ip -n blue link add b0 type veth peer name b1

step "commands: those netnsctl --help lists, and only those"
commands=$(sorted "$("$NETNSCTL" --help | awk '/^Commands:/ {on = 1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on = 0}')")
[[ -n $commands ]] || fail "netnsctl --help lists no commands"
expect_completion "netnsctl " "$commands"
expect_completion "netnsctl li" "link list"
expect_completion "netnsctl -n red " "$commands"

step "verbs of a group, whatever options come first"
expect_completion "netnsctl link " "add delete set show"
expect_completion "netnsctl -n red addr " "add delete show"
expect_completion "netnsctl --json nat " "add delete show"

step "namespaces: as ip netns list names them"
names=$(sorted "$(ip netns list | awk '{print $1}' | tr '\n' ' ')")
assert_eq "$names" "blue red" "ip netns list"
expect_completion "netnsctl exec " "$names"
expect_completion "netnsctl -n " "$names"
expect_completion "netnsctl --netns r" "red"
expect_completion "netnsctl delete " "$names"
expect_completion "netnsctl dns " "$names"
expect_completion "netnsctl connect " "$names"
expect_completion "netnsctl link set veth0 netns " "$names"
expect_completion "netnsctl link add v0 type veth peer name v1 netns " "$names"

step "links: of the namespace the line names, as ip names them"
expect_completion "netnsctl -n red link set dev " "$(ip_links red)"
assert_eq "$(ip_links red)" "br0 lo veth1" "ip -n red link"
expect_completion "netnsctl link set dev " "$(ip_links "")"
expect_completion "netnsctl link show -n blue dev " "$(ip_links blue)"
expect_completion "netnsctl --netns=blue link del b" "b0 b1"
expect_completion "netnsctl -n red link set veth1 master " "$(ip_links red)"
expect_completion "netnsctl -n red addr add 10.0.0.1/24 dev v" "veth1"
expect_completion "netnsctl route add default via 10.0.0.1 dev " "$(ip_links "")"

step "the words of a verb"
expect_completion "netnsctl link set veth0 " "address down master mtu name netns nomaster up"
expect_completion "netnsctl link add x0 type " "bridge dummy ipvlan macvlan veth vlan vrf vxlan wireguard"
expect_completion "netnsctl link add x0 type veth " "peer"
expect_completion "netnsctl forward add " "tcp udp"
expect_completion "netnsctl sysctl red net.ipv4.conf.veth1.f" "net.ipv4.conf.veth1.forwarding="

step "options: each command's own, from its --help"
out=$(complete "netnsctl dns red --")
for option in --nameserver= --search= --clear --json --no-ask-password; do
    assert_contains "$out" "$option" "options of dns"
done
expect_completion "netnsctl add --no" "--no-ask-password --no-loopback"
assert_contains "$(complete "netnsctl -")" "-batch" "netnsctl's own options"
assert_contains "$(complete "netnsctl link show --")" "--netns=" "options of link show"

step "files for -batch and up, programs for exec"
mkdir -p "$NNS_RUN/files/topologies"
touch "$NNS_RUN/files/setup.batch" "$NNS_RUN/files/lab.netns"
(cd "$NNS_RUN/files" && expect_completion "netnsctl -batch " "lab.netns setup.batch topologies")
(cd "$NNS_RUN/files" && expect_completion "netnsctl up " "lab.netns topologies")
(cd "$NNS_RUN/files" && expect_completion "netnsctl up --all " "topologies")
assert_contains "$(complete "netnsctl exec red bas")" "bash" "programs for exec"
assert_contains "$(complete "netnsctl exec red -- bas")" "bash" "programs for exec after --"
assert_not_contains "$(complete "netnsctl exec red bas")" "red" "programs for exec"

step "a user who is not root gets the same namespaces and links"
for user in nns-alice nobody; do
    expect_completion_as "$user" "netnsctl " "$commands"
    expect_completion_as "$user" "netnsctl exec " "$names"
    expect_completion_as "$user" "netnsctl -n red link set dev " "$(ip_links red)"
done

step "a namespace just deleted is not offered"
"$NETNSCTL" delete blue
expect_completion "netnsctl exec " "red"
expect_completion_as nns-alice "netnsctl exec " "red"
echo "PASS"
