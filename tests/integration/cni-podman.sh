#!/bin/bash
# A real runtime drives netnsd's CNI plugin: Debian's podman, with its CNI
# backend, runs two containers on a network of type netnsd (an image
# imported from a busybox root filesystem: no registry). They reach each
# other; a published port reaches the web server in one, from the host
# and from an "outside"; the masquerade lets them reach outside; netnsd
# lists their namespaces (podman names them in /run/netns) with their
# links while they run, and nothing of them after `podman rm`.
#
# podman runs inside the sandbox with everything of its own under the
# sandbox's /run (vfs storage, run state, network configurations, a
# private /etc/containers, which `podman container cleanup` reads), runc
# as the runtime (crun refuses the hybrid cgroup layout of these
# machines), cgroupfs under a parent cgroup of the test's own, removed at
# the end. If no container can run here, the case says why and is skipped.
source "$NNS_SRCDIR/tests/lib/testlib.sh"
source "$NNS_SRCDIR/tests/lib/nat.sh"
source "$NNS_SRCDIR/tests/lib/cni.sh"

for tool in podman runc conmon; do
    command -v "$tool" >/dev/null || fail "$tool is missing (tools/install-deps installs it)"
done
BUSYBOX=$(command -v busybox) || fail "busybox is missing (tools/install-deps installs it)"

# Under the sandbox's own /run: nothing of it reaches the host's disk.
WORK=$(mktemp -d "$NNS_RUN/podman.XXXXXX")
CGROUP_PARENT=/nns-cni-podman-$$
cleanup() {
    whoami_stop
    podman_ rm -a -f -t 0 >/dev/null 2>&1 || true
    local dir
    for dir in /sys/fs/cgroup/*"$CGROUP_PARENT"; do
        [[ -d $dir ]] && find "$dir" -depth -type d -exec rmdir {} \; 2>/dev/null
    done
    rm -rf "$WORK"
}
trap cleanup EXIT

# Private copies of what podman reads and writes outside its --root:
# tmpfs on /dev/shm and /var/tmp, and /var/lib under an overlay whose
# changes (podman's blob cache in /var/lib/containers, /var/lib/cni) stay
# in the sandbox, without a directory made on the host.
mkdir -p "$WORK"/{root,runroot,tmp,net.d,containers,rootfs/bin,rootfs/www}
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs tmpfs /var/tmp
mkdir -p "$NNS_RUN/var-lib"/{upper,work}
mount -t overlay overlay -o "lowerdir=/var/lib,upperdir=$NNS_RUN/var-lib/upper,workdir=$NNS_RUN/var-lib/work" /var/lib
[[ -d /etc/containers ]] || fail "/etc/containers is missing (podman's golang-github-containers-common)"
cp -a /etc/containers/. "$WORK/containers/"
cat > "$WORK/containers/containers.conf" <<CONF
[containers]
log_driver = "k8s-file"
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
runtime = "runc"
[network]
network_backend = "cni"
cni_plugin_dirs = ["$CNI_PLUGIN_DIR", "$CNI_REFERENCE_DIR"]
network_config_dir = "$WORK/net.d"
CONF
mount --bind "$WORK/containers" /etc/containers

podman_() {
    podman --root "$WORK/root" --runroot "$WORK/runroot" --tmpdir "$WORK/tmp" \
        --storage-driver vfs --cgroup-manager cgroupfs --events-backend file \
        --runtime runc --network-backend cni --network-config-dir "$WORK/net.d" "$@"
}

step "an image from busybox, imported"
cp "$BUSYBOX" "$WORK/rootfs/bin/busybox"
# A busybox that is not static takes its libraries along.
for lib in $(ldd "$BUSYBOX" 2>/dev/null | grep -o '/[^ ]*' || true); do
    mkdir -p "$WORK/rootfs$(dirname "$lib")"
    cp -L "$lib" "$WORK/rootfs$lib"
done
for applet in sh httpd wget sleep ip cat; do ln -s busybox "$WORK/rootfs/bin/$applet"; done
echo "hello from web" > "$WORK/rootfs/www/index.html"
tar -C "$WORK/rootfs" -c . | podman_ import --quiet - localhost/nns-mini >/dev/null
run_capture probe podman_ run --rm --pull=never --network none --cgroup-parent "$CGROUP_PARENT" \
    localhost/nns-mini /bin/sh -c 'echo ran'
if [[ $status != 0 || $probe != *ran* ]]; then
    echo "SKIP: podman cannot run a container in this sandbox: $probe"
    exit 77
fi
echo "  podman $(podman --version | awk '{print $3}') runs containers here (runc, cgroupfs, CNI)"

step "a CNI network of type netnsd"
cat > "$WORK/net.d/nnsnet.conflist" <<'JSON'
{
  "cniVersion": "1.0.0",
  "name": "nnsnet",
  "plugins": [
    {"type": "netnsd", "bridge": "cni-pod0", "isGateway": true, "ipMasq": true,
     "ipam": {"type": "host-local", "ranges": [[{"subnet": "10.218.0.0/24"}]],
              "routes": [{"dst": "0.0.0.0/0"}]},
     "capabilities": {"portMappings": true}}
  ]
}
JSON
networks=$(podman_ network ls --format '{{.Name}} {{.Driver}}')
echo "$networks" | sed 's/^/  /'
assert_contains "$networks" "nnsnet netnsd" "podman network ls"

step "two containers on it"
web=$(podman_ run -d --name web --pull=never --network nnsnet -p 8088:80 --cgroup-parent "$CGROUP_PARENT" \
    localhost/nns-mini /bin/httpd -f -p 80 -h /www)
client=$(podman_ run -d --name client --pull=never --network nnsnet --cgroup-parent "$CGROUP_PARENT" \
    localhost/nns-mini /bin/sleep 600)
web_ip=$(podman_ inspect web --format '{{(index .NetworkSettings.Networks "nnsnet").IPAddress}}')
client_ip=$(podman_ inspect client --format '{{(index .NetworkSettings.Networks "nnsnet").IPAddress}}')
echo "  web $web_ip, client $client_ip"
assert_eq "$(sort <<<"$web_ip"$'\n'"$client_ip" | tr '\n' ' ')" "10.218.0.2 10.218.0.3 " "the containers' addresses"
assert_eq "$(leases nnsnet | awk '{print $1}' | sort | tr '\n' ' ')" \
    "$(printf '%s/eth0\n' "$web" "$client" | sort | tr '\n' ' ')" "netnsd's leases, held by the containers"

step "netnsd shows their namespaces and links"
web_ns=$(podman_ inspect web --format '{{.NetworkSettings.SandboxKey}}')
client_ns=$(podman_ inspect client --format '{{.NetworkSettings.SandboxKey}}')
echo "  web in $web_ns, client in $client_ns"
listed=$("$NETNSCTL" list)
echo "$listed" | sed 's/^/  /'
assert_contains "$listed" "$(basename "$web_ns")" "netnsctl list: web's namespace"
assert_contains "$listed" "$(basename "$client_ns")" "netnsctl list: client's namespace"
assert_eq "$(ns_property "$(basename "$web_ns")" Links)" 'as 2 "eth0" "lo"' "web's namespace object: its links"
assert_eq "$(ns_property "$(basename "$client_ns")" Links)" 'as 2 "eth0" "lo"' "client's namespace object: its links"
assert_eq "$(ip -o link show master cni-pod0 | wc -l)" "2" "two ports on the bridge"

step "the containers reach each other"
assert_eq "$(podman_ exec client wget -q -O- "http://$web_ip/")" "hello from web" "client to web's server"
# Nothing listens in client: a refused connection is its answer.
run_capture answer podman_ exec web wget -q -O /dev/null "http://$client_ip:1/"
assert_contains "$answer" "Connection refused" "web to client's closed port"
echo "  web reaches client: $answer"

step "the published port reaches web's server"
assert_eq "$(fetch http://127.0.0.1:8088/)" "hello from web" "the host to 127.0.0.1:8088"
assert_eq "$(fetch http://10.218.0.1:8088/)" "hello from web" "the host to the bridge's 8088"
nat_outside
assert_eq "$(ip netns exec outside curl --silent --max-time 5 http://10.99.0.1:8088/)" "hello from web" \
    "outside to the host's 8088"
assert_contains "$(ns_gdbus ListPortForwards "")" "'target': <'$web_ip:80'>" "netnsd's port forward"

step "the masquerade: a container reaches outside as the host"
whoami_start outside 80
assert_eq "$(podman_ exec client wget -q -O- http://10.99.0.2/)" "client 10.99.0.1" "client to outside"

step "podman rm: nothing of them is left"
podman_ rm -f -t 0 web client >/dev/null
assert_eq "$("$NETNSCTL" list | awk 'NR > 1 {print $1}')" "outside" "netnsctl list after podman rm: the test's own namespace only"
assert_eq "$(leases nnsnet)" "" "netnsd's leases after podman rm"
assert_eq "$(ip -o link show master cni-pod0 | wc -l)" "0" "no port left on the bridge"
assert_eq "$(ns_gdbus ListPortForwards "")" "(@aa{sv} [],)" "no port forward left"
assert_eq "$(ns_gdbus ListMasquerades "")" "(@aa{sv} [],)" "no masquerade left"
