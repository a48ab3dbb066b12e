#!/bin/bash
# Entries of every file type that root (or another tool) may leave in
# /run/netns: a FIFO, a character device, a unix socket, a directory and a
# dangling symbolic link. netnsd looks at each through an O_PATH fd and
# opens only nsfs mounts, so a call naming one fails at once and stalls no
# one. Before, one unprivileged ListLinks of a FIFO blocked netnsd's main
# thread in open() until someone wrote to the FIFO: no caller, root
# included, got an answer meanwhile; a device was opened as root.
source "$NNS_SRCDIR/tests/lib/testlib.sh"

ns_call CreateNamespace 'sa{sv}' ours 0 >/dev/null
mkfifo /run/netns/fifo
mknod /run/netns/chardev c 1 3
"$PYTHON" -c 'import socket; socket.socket(socket.AF_UNIX).bind("/run/netns/sock")'
mkdir /run/netns/directory
ln -s /nonexistent/ns/net /run/netns/dangling
kinds=(fifo chardev sock directory dangling)

step "every entry is listed, with Inode 0"
wait_until 5 bash -c "[[ \$(busctl --system call $BUS_NAME $MANAGER_PATH $MANAGER_IFACE ListNamespaces) == *dangling* ]]"
for name in "${kinds[@]}"; do
    assert_eq "$(timeout 5 busctl --system get-property $BUS_NAME "$(ns_path $name)" $NS_IFACE Inode)" \
        "t 0" "Inode of the $name entry"
done

# root_call METHOD ARGS...: root's call, given 5 s.
root_call() {
    local method=$1; shift
    timeout 5 gdbus call --system -d $BUS_NAME -o $MANAGER_PATH -m "$MANAGER_IFACE.$method" "$@"
}

# nobody_call METHOD ARGS...: a call by a user with no rights, given 5 s.
nobody_call() {
    local method=$1; shift
    timeout 5 setpriv --reuid=65534 --regid=65534 --clear-groups -- \
        gdbus call --system -d $BUS_NAME -o $MANAGER_PATH -m "$MANAGER_IFACE.$method" "$@"
}

# call_quickly SECONDS CMD...: CMD must end (whatever its status) within
# SECONDS; prints how long it took.
call_quickly() {
    local limit=$1; shift
    local start=$EPOCHREALTIME took
    timeout "$((limit + 5))" "$@" >/dev/null 2>&1 || true
    took=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }')
    echo "  $* answered in ${took}s"
    awk -v t="$took" -v l="$limit" 'BEGIN { exit !(t < l) }' || fail "'$*' took ${took}s"
}

for name in "${kinds[@]}"; do
    step "the $name entry: a caller with no rights gets an error at once"
    run_capture out nobody_call ListLinks "$name"
    [[ $status != 124 ]] || fail "ListLinks $name as nobody did not answer within 5 s"
    assert_contains "$out" "$ERR.NotFound: '/run/netns/$name' is not a live network namespace" \
        "ListLinks $name as nobody"
    run_capture out nobody_call ListAddresses "$name" lo
    assert_contains "$out" "is not a live network namespace" "ListAddresses $name as nobody"
    run_capture out root_call Spawn "$name" "['true']" '{}' 0 1 2
    assert_contains "$out" "is not a live network namespace" "Spawn in $name as root"
    run_capture out root_call SetSysctl "$name" net.ipv4.ip_forward 1
    assert_contains "$out" "is not a live network namespace" "SetSysctl in $name as root"

    step "the $name entry: others are answered while nobody's calls go on"
    pids=()
    for _ in 1 2 3 4; do
        nobody_call ListLinks "$name" >/dev/null 2>&1 &
        pids+=($!)
    done
    call_quickly 2 ns_call ListNamespaces
    call_quickly 2 ns_call ListLinks s ours
    for pid in "${pids[@]}"; do wait "$pid" || true; done
done

step "nothing was opened: the FIFO's reader would have blocked, the entries are untouched"
assert_eq "$(stat -c %F /run/netns/fifo)" "fifo" "the FIFO"
assert_eq "$(stat -c '%F %t:%T' /run/netns/chardev)" "character special file 1:3" "the device"
assert_eq "$(readlink /run/netns/dangling)" "/nonexistent/ns/net" "the link"

step "a restart leaves them all as they are"
restart_netnsd
assert_eq "$(ls -A /run/netns | sort | tr '\n' ' ')" "chardev dangling directory fifo ours sock " "/run/netns"
call_quickly 2 ns_call ListLinks s ours
rm -f /run/netns/fifo /run/netns/chardev /run/netns/sock /run/netns/dangling
rmdir /run/netns/directory
echo "PASS"
