#!/bin/bash
# netnsctl --help, each command's and each verb's: found from the lists
# the help itself gives, each printed on stdout with status 0 and without
# a bus, its usage line "netnsctl COMMAND [OPTION…] ..." in the order the
# words are typed, its lines within a terminal's 80 columns, and naming
# the options a user needs.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

# help WORDS...: the help of "netnsctl WORDS --help", which must succeed
# with nothing on stderr, and without reaching any bus.
help() {
    local err="$NNS_RUN/help.err" out status=0
    out=$(DBUS_SYSTEM_BUS_ADDRESS=unix:path=/nonexistent "$NETNSCTL" "$@" --help 2>"$err") || status=$?
    [[ $status == 0 ]] || fail "'netnsctl $* --help' exited with $status: $(cat "$err")"
    [[ ! -s $err ]] || fail "'netnsctl $* --help' wrote to stderr: $(cat "$err")"
    printf '%s\n' "$out"
}

# check_help WORDS...: the usage line names "netnsctl WORDS" first, then
# the options; every other line fits 80 columns; there is a summary.
check_help() {
    local out usage
    out=$(help "$@")
    usage=$(echo "$out" | sed -n 2p)
    [[ $(echo "$out" | sed -n 1p) == "Usage:" ]] || fail "'netnsctl $* --help' does not start with Usage:"
    [[ $usage == "  netnsctl $* "* || $usage == "  netnsctl $*" ]] ||
        fail "the usage line of 'netnsctl $* --help' is not 'netnsctl $* ...': $usage"
    [[ $usage != *"[OPTION"*"] $*"* ]] || fail "'netnsctl $* --help' puts the options before the command: $usage"
    echo "$out" | sed 1,2d | awk -v what="netnsctl $* --help" \
        'length($0) > 80 { print what ": line over 80 columns: " $0; bad = 1 } END { exit bad }' ||
        fail "'netnsctl $* --help' has lines over 80 columns"
    [[ $(echo "$out" | sed -n 3p) == "" && -n $(echo "$out" | sed -n 4p) ]] ||
        fail "'netnsctl $* --help' has no summary under its usage line"
    echo "  $usage"
}

step "netnsctl --help lists the commands; each command's help"
main=$(help)
echo "$main" | awk 'length($0) > 80 { print "line over 80 columns: " $0; bad = 1 } END { exit bad }' ||
    fail "netnsctl --help has lines over 80 columns"
commands=$(echo "$main" | awk '/^Commands:/ {on = 1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on = 0}')
assert_eq "$(echo $commands)" \
    "list add delete attach identify pids link addr route exec dns sysctl nat forward connect monitor up down" \
    "the commands netnsctl --help lists"
for cmd in list add delete attach identify pids exec dns sysctl connect monitor up down; do
    check_help "$cmd"
done

step "each group's help lists its verbs; each verb's help"
for group in link addr route nat forward; do
    out=$(help "$group")
    verbs=$(echo "$out" | awk '/^Verbs:/ {on = 1; next} on && /^  [a-z]/ {print $1} on && /^$/ {on = 0}')
    [[ -n $verbs ]] || fail "'netnsctl $group --help' lists no verbs"
    for verb in $verbs; do
        check_help "$group" "$verb"
    done
done

step "each command's help names its options and the global ones"
assert_contains "$(help add)" "--no-loopback" "add --help"
for option in --env --cwd; do assert_contains "$(help exec)" "$option" "exec --help"; done
for option in --nameserver --search --clear; do assert_contains "$(help dns)" "$option" "dns --help"; done
assert_contains "$(help link show)" "--netns=NS" "link show --help"
for words in list add delete "link add" "addr show" "route add" exec dns sysctl; do
    # shellcheck disable=SC2086
    out=$(help $words)
    assert_contains "$out" "--json" "netnsctl $words --help"
    assert_contains "$out" "--no-ask-password" "netnsctl $words --help"
done

step "dns --help says what it writes and how to give several"
out=$(help dns)
echo "$out"
assert_contains "$out" "/etc/netns/NAME/resolv.conf" "dns --help"
assert_contains "$out" "Give --nameserver and --search, each as often as needed" "dns --help on several nameservers"
assert_contains "$main" "dns        Set the nameservers and search domains of a namespace" \
    "dns in netnsctl --help"

step "the exit statuses netnsctl --help gives are README.md's"
statuses=$(echo "$main" | sed -n '/^Exit status:/,$p' | tr '\n' ' ' | grep -o '[0-9] [a-z][a-z ]*' |
           sed 's/ *$//' | sort)
readme=$("$PYTHON" - "$NNS_SRCDIR/README.md" <<'EOF'
import re, sys
for status, meaning in re.findall(r'^\| (\d) \| ([^|]+) \|', open(sys.argv[1]).read(), re.M):
    if status != "0":
        print(status, meaning.strip())
EOF
)
assert_eq "$statuses" "$({ echo "0 success"; echo "$readme"; } | sort)" "netnsctl --help against README.md"
echo "PASS"
