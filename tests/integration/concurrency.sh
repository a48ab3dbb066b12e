#!/bin/bash
# Many clients at once: one name, one winner; twenty clients each running
# a namespace's life while ip netns add/del run beside them; every call is
# answered correctly and no mount is left over.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

allow_rule nobody 'subject.user == "nobody" && action.id == "org.example.netns.manage"'
wait_until 5 as_user nobody "$NETNSCTL" add warmup
ns_call DeleteNamespace 'sa{sv}' warmup 0

step "50 clients create the same name at once"
results="$NNS_RUN/same-name"
mkdir -p "$results"
for i in $(seq 50); do
    (st=0; as_user nobody "$NETNSCTL" --no-ask-password add contested > "$results/$i" 2>&1 || st=$?
     echo "status=$st" >> "$results/$i") &
done
wait
assert_eq "$(grep -l 'status=0' "$results"/* | wc -l)" "1" "successes"
assert_eq "$(grep -l 'status=5' "$results"/* | wc -l)" "49" "Exists answers"
assert_eq "$(grep -h "already exists" "$results"/* | sort -u)" "netnsctl: namespace 'contested' already exists" "the message"
assert_eq "$(grep -c ' /run/netns/contested ' /proc/self/mountinfo)" "1" "mounts of contested"
ns_call DeleteNamespace 'sa{sv}' contested 0

step "20 clients, each a whole namespace life, with ip netns add/del beside them"
# (Whether each ip call succeeds depends on the interleaving; netnsd's
# answers must be right whatever it is.)
(for i in $(seq 40); do
     ip netns add "by_ip_$((i % 5))" 2>/dev/null || true
     ip netns del "by_ip_$(((i + 2) % 5))" 2>/dev/null || true
 done) &
churn=$!
work() {
    local n=$1 x=(as_user nobody "$NETNSCTL" --no-ask-password)
    "${x[@]}" add "w$n" &&
    "${x[@]}" link add -n "w$n" a type veth peer b &&
    "${x[@]}" addr add -n "w$n" "10.$n.0.1/24" dev a &&
    "${x[@]}" link set -n "w$n" a up &&
    "${x[@]}" sysctl "w$n" net.ipv4.ip_forward=1 &&
    [[ $("${x[@]}" addr show -n "w$n" a) == "a                10.$n.0.1/24"* ]] &&
    "${x[@]}" delete "w$n"
}
for n in $(seq 20); do
    (st=0; work $n > "$results/work-$n" 2>&1 || st=$?; echo "status=$st" >> "$results/work-$n") &
done
wait $churn
wait
failed=$(grep -L 'status=0' "$results"/work-* || true)
[[ -z $failed ]] || fail "workers failed: $(cat $failed)"
echo "  20 workers done"
for i in $(seq 0 4); do ip netns del "by_ip_$i" 2>/dev/null || true; done

step "what exists, and nothing more"
wait_until 5 bash -c "[[ -z \$(ls -A /run/netns) ]]"
assert_eq "$(grep -c ' /run/netns/' /proc/self/mountinfo || true)" "0" "namespace mounts left"
assert_eq "$(ns_call ListNamespaces)" "a(so) 0" "ListNamespaces"
assert_eq "$(ls -A /run/netnsd/namespaces)" "" "owner records"
echo "PASS"
