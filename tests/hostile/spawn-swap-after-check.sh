#!/bin/bash
# Finding: the file that ran was looked up again after polkit answered, so
# a caller could put another file at the authorized path meanwhile. Now
# the program is opened once, before polkit is asked, and runs by that fd:
# with polkitd held (SIGSTOP) while a call waits for it, a file renamed
# over the path changes nothing; a script runs as the very file too.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

dir=$(mktemp -d /tmp/swap.XXXXXX)
trap 'kill -CONT $(cat "$NNS_RUN/polkitd.pid") 2>/dev/null || true; rm -rf "$dir"' EXIT
chown nns-alice: "$dir"
allow_rule manage 'action.id == "org.example.netns.manage" && subject.user == "nns-alice"'
allow_rule spawn "action.id == \"org.example.netns.spawn\" && subject.user == \"nns-alice\" &&
                  (action.lookup(\"program\") == \"$dir/tool\" ||
                   action.lookup(\"program\") == \"$dir/script\")"
wait_until 5 as_user nns-alice "$NETNSCTL" add mine
polkitd=$(cat "$NNS_RUN/polkitd.pid")

# swap PROGRAM REPLACEMENT ARGS...: runs PROGRAM with polkitd stopped,
# renames REPLACEMENT over it once netnsd asks polkit, lets polkitd go on
# and prints what ran.
swap() {
    local program=$1 replacement=$2; shift 2
    local out="$NNS_RUN/swap.out" log_lines
    log_lines=$(wc -l < "$NNS_RUN/netnsd.log")
    kill -STOP "$polkitd"
    as_user nns-alice "$NETNSCTL" exec mine -- "$program" "$@" > "$out" 2>&1 &
    local client=$!
    # netnsd logs the program it found just before it asks polkit (a
    # netnsd that logs no such line gets 3 seconds to get there).
    local deadline=$((SECONDS + 3))
    until tail -n +$((log_lines + 1)) "$NNS_RUN/netnsd.log" | grep -qF "of a Spawn is $program" ||
          ((SECONDS >= deadline)); do
        sleep 0.05
    done
    sleep 0.3
    mv -f "$replacement" "$program"
    kill -CONT "$polkitd"
    wait "$client" || fail "the call failed: $(cat "$out")"
    cat "$out"
}

step "a program: the authorized file runs, not the one renamed over it"
cp /usr/bin/echo "$dir/tool"
cp /usr/bin/id "$dir/other"
chown nns-alice: "$dir/tool" "$dir/other"
wait_until 5 as_user nns-alice "$NETNSCTL" exec mine -- "$dir/tool" warm-up
assert_eq "$(swap "$dir/tool" "$dir/other" authorized file)" "authorized file" "what ran"
assert_eq "$(as_user nns-alice "$NETNSCTL" exec mine -- "$dir/tool" -u)" "60001" "the new file, on the next call"

step "a script: the same, and it reads the authorized file"
printf '#!/bin/sh\necho authorized script\n' > "$dir/script"
printf '#!/bin/sh\necho replaced script\n' > "$dir/other"
chmod 0755 "$dir/script" "$dir/other"
chown nns-alice: "$dir/script" "$dir/other"
assert_eq "$(swap "$dir/script" "$dir/other")" "authorized script" "what ran"
assert_eq "$(as_user nns-alice "$NETNSCTL" exec mine -- "$dir/script")" "replaced script" "the next call"
echo "PASS"
