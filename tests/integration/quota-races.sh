#!/bin/bash
# Every limit holds under 50 concurrent calls: the limits are checked when
# a call is planned and again once polkit has answered, so calls that were
# all authorized at once cannot together go past them.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

restart_netnsd --max-namespaces-per-user 2 --max-links-per-namespace 6 --max-links-per-user 6
allow_rule nobody 'subject.user == "nobody" && action.id == "org.example.netns.manage"'
wait_until 5 as_user nobody "$NETNSCTL" add warmup
ns_call DeleteNamespace 'sa{sv}' warmup 0

# concurrently N CMD...: runs CMD N times at once as nobody, CMD's {} the
# run's number; prints how many succeeded.
concurrently() {
    local n=$1; shift
    local results="$NNS_RUN/results.$RANDOM"
    mkdir -p "$results"
    for i in $(seq "$n"); do
        (st=0; as_user nobody "${@//\{\}/$i}" > "$results/$i" 2>&1 || st=$?
         echo "status=$st" >> "$results/$i") &
    done
    wait
    grep -l 'status=0' "$results"/* | wc -l
    grep -h "most one" "$results"/* | sort -u | head -2 >&2
}

step "50 concurrent CreateNamespace with a limit of 2 make 2"
made=$(concurrently 50 "$NETNSCTL" --no-ask-password add "q{}")
assert_eq "$made" "2" "namespaces made"
assert_eq "$(ip netns list | grep -c '^q')" "2" "ip netns list"
mine=$(ip netns list | awk '/^q/ {print $1}' | head -1)
other=$(ip netns list | awk '/^q/ {print $1}' | tail -1)

step "50 concurrent CreateVeth into one namespace with a limit of 6 links there"
made=$(concurrently 50 "$NETNSCTL" --no-ask-password link add -n "$mine" "a{}" type veth peer "b{}")
# lo and two pairs: a third pair would make 7.
assert_eq "$made" "2" "pairs made"
assert_eq "$(ip -n "$mine" -o link | wc -l)" "5" "links in $mine"

step "... and a limit of 6 links for the user in all"
made=$(concurrently 50 "$NETNSCTL" --no-ask-password link add -n "$other" "c{}" type veth peer "d{}")
# 4 links already in $mine; one more pair makes 6.
assert_eq "$made" "1" "pairs made in $other"
assert_eq "$(ip -n "$other" -o link | wc -l)" "3" "links in $other"
run_capture out as_user nobody ns_gdbus CreateVeth "$other" e "$other" f '{}'
assert_contains "$out" "$ERR.Busy: uid 65534 has 6 links, the most one user may have" "the error past the limit"

step "root is not limited"
ns_call CreateVeth 'ssssa{sv}' "$mine" r1 "$mine" r2 0
assert_eq "$(ip -n "$mine" -o link | wc -l)" "7" "links in $mine after root's pair"
echo "PASS"
